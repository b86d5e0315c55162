import type { ApiToken } from "../types.js";
import { day } from "./durations.js";
import { fields, table, type Cell } from "./output.js";

/** A token's status, coloured on a terminal. */
export const statusCell = (token: ApiToken): Cell => ({ text: token.status ?? "?", colour: token.status === "inactive" ? "yellow" : "green" });

/** A list of scopes as a cell: all of them, comma-separated. */
export const scopeCell = (token: ApiToken): string => (token.scope?.length ? token.scope.join(",") : "-");

/** The tokens as a table: id, name, status, expiry and scope. */
export const tokenTable = (tokens: readonly ApiToken[], colour: boolean): string =>
  table(
    ["ID", "NAME", "STATUS", "EXPIRES", "SCOPE"],
    tokens.map((token) => [token.id ?? "?", token.name ?? "", statusCell(token), day(token.expirationDate), scopeCell(token)]),
    colour,
  );

/** One token as aligned `key: value` lines, its secret never among them. */
export function tokenFields(token: ApiToken, colour: boolean): string {
  const pairs: [string, Cell][] = [
    ["id", token.id ?? "?"],
    ["name", token.name ?? ""],
    ["status", statusCell(token)],
    ["description", token.description || "-"],
    ["scope", scopeCell(token)],
    ["default role", token.defaultRole ?? "-"],
    ["org roles", token.orgRoles?.length ? token.orgRoles.map((org) => `${org.orgId}:${org.role}`).join(",") : "-"],
    ["created", day(token.creationDate)],
    ["updated", day(token.lastUpdated)],
    ["expires", day(token.expirationDate)],
    ["owner", `${token.ownerType ?? "?"} ${token.ownerId ?? "?"}`],
    ["creator", token.creatorName ?? token.creatorId ?? "?"],
  ];
  return fields(pairs, colour);
}

/** A token without its secret, for any output but its own create's or rotate's. */
export const withoutSecret = (token: ApiToken): ApiToken => {
  const { token: _secret, ...rest } = token;
  return rest;
};
