import type { ApiToken } from "../types.js";
import { day } from "./durations.js";
import { fields, table, type Cell } from "./output.js";

/** A token's status, coloured on a terminal. */
const statusCell = (token: ApiToken): Cell => ({
  text: token.status ?? "?",
  colour: token.status === "inactive" ? "yellow" : "green",
});

/** Scopes a cell shows before "+N more", unless --wide. */
const FIRST_SCOPES = 3;

/** A list of scopes as a cell, comma-separated: the first few and "+N more", or all of them when `all`. */
export const scopeCell = (token: ApiToken, all: boolean): string => {
  const scopes = token.scope ?? [];
  if (!scopes.length) return "-";
  if (all || scopes.length <= FIRST_SCOPES + 1) return scopes.join(",");
  return `${scopes.slice(0, FIRST_SCOPES).join(",")},+${scopes.length - FIRST_SCOPES} more`;
};

/** How a command's output fits: the terminal's width, or undefined for no limit (a pipe, or --wide). */
export interface Layout {
  colour: boolean;
  width: number | undefined;
  /** --wide: every scope, nothing cut. */
  wide: boolean;
}

/** The tokens as a table: id, name, status, expiry and scope; ids, statuses and dates are never cut. */
export const tokenTable = (tokens: readonly ApiToken[], layout: Layout): string =>
  table(
    ["ID", "NAME", "STATUS", "EXPIRES", "SCOPE"],
    tokens.map((token) => [
      token.id ?? "?",
      token.name ?? "",
      statusCell(token),
      day(token.expirationDate),
      scopeCell(token, layout.wide),
    ]),
    layout.colour,
    { width: layout.width, keep: [0, 2, 3] },
  );

/** One token as aligned `key: value` lines, its secret never among them. */
export function tokenFields(token: ApiToken, layout: Layout): string {
  const pairs: [string, Cell][] = [
    ["id", token.id ?? "?"],
    ["name", token.name ?? ""],
    ["status", statusCell(token)],
    ["description", token.description || "-"],
    ["scope", scopeCell(token, layout.wide)],
    ["default role", token.defaultRole ?? "-"],
    ["org roles", token.orgRoles?.length ? token.orgRoles.map((org) => `${org.orgId}:${org.role}`).join(",") : "-"],
    ["created", day(token.creationDate)],
    ["updated", day(token.lastUpdated)],
    ["expires", day(token.expirationDate)],
    ["owner", `${token.ownerType ?? "?"} ${token.ownerId ?? "?"}`],
    ["creator", token.creatorName ?? token.creatorId ?? "?"],
  ];
  return fields(pairs, layout.colour, layout.width);
}

/** A token without its secret, for any output but its own create's or rotate's. */
export const withoutSecret = (token: ApiToken): ApiToken => {
  const { token: _secret, ...rest } = token;
  return rest;
};
