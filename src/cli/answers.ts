// The CLI's own check of every answer it relies on, small and by hand: the shape of a list and each field
// the CLI reads or judges. Losant adds fields and values without notice, so anything the CLI does not use
// passes; what it does use must be what the spec says, or the command fails closed.
import type { ApiToken, OauthToken } from "../types.js";

/** An answer that does not match Losant's API where the CLI relies on it: exit 1, one line. */
export class MalformedAnswer extends Error {
  constructor(operation: string, path: string, expected: string) {
    // What was found is never quoted: a body can hold secrets, and a terminal must not see it raw.
    super(`the answer to ${operation} does not match Losant's API: ${path} should be ${expected}`);
  }
}

type Check = (value: unknown) => boolean;
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const isString: Check = (value) => typeof value === "string";
const isId: Check = (value) => typeof value === "string" && /^[A-Fa-f\d]{24}$/.test(value);
// A date-time as the spec's format has it: an ISO date and time that Date can read.
const isDate: Check = (value) =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
const isStrings: Check = (value) => Array.isArray(value) && value.every((item) => typeof item === "string");
const isOrgRoles: Check = (value) =>
  Array.isArray(value) && value.every((item) => isObject(item) && isString(item["orgId"]) && isString(item["role"]));

/** Each field the CLI reads or judges, what it must be when present, and the words for it. */
const FIELDS: [keyof ApiToken, Check, string][] = [
  ["id", isId, "an id of 24 hexadecimal digits"],
  ["name", (value) => typeof value === "string" && value.length <= 255, "a string of at most 255 characters"],
  ["status", (value) => value === "active" || value === "inactive", '"active" or "inactive"'],
  ["scope", isStrings, "a list of strings"],
  ["creationDate", isDate, "an ISO date-time"],
  ["lastUpdated", isDate, "an ISO date-time"],
  ["expirationDate", isDate, "an ISO date-time"],
  ["description", isString, "a string"],
  ["defaultRole", isString, "a string"],
  ["orgRoles", isOrgRoles, "a list of { orgId, role }"],
  ["ownerType", isString, "a string"],
  ["ownerId", isString, "a string"],
  ["creatorId", isString, "a string"],
  ["creatorName", isString, "a string"],
];

/** Checks one token at `path` of the answer to `operation`; `required` lists the fields that must be there. */
export function checkToken(
  value: unknown,
  operation: string,
  path = "$",
  required: readonly (keyof ApiToken)[] = [],
): ApiToken {
  if (!isObject(value)) throw new MalformedAnswer(operation, path, "a token object");
  for (const [key, check, words] of FIELDS) {
    if (value[key] === undefined) {
      if (required.includes(key)) throw new MalformedAnswer(operation, `${path}.${key}`, words);
    } else if (!check(value[key])) throw new MalformedAnswer(operation, `${path}.${key}`, words);
  }
  return value as ApiToken;
}

/** A created token: its id and its secret must be there, for the secret is useless without them. */
export function checkCreated(value: unknown, operation: string): ApiToken & { id: string } {
  const token = checkToken(value, operation, "$", ["id"]);
  return token as ApiToken & { id: string };
}

/** What an OAuth grant's `oauth` must be when present: an object whose fields the CLI shows are strings. */
const isGrant: Check = (value) =>
  isObject(value) &&
  ["client_id", "client_name", "redirect_uri", "authorizationStatus"].every(
    (key) => value[key] === undefined || isString(value[key]),
  ) &&
  (value["resource"] === undefined || isStrings(value["resource"]));

/** Checks one OAuth grant: the token fields it shares with an API token, and its `oauth` object. */
export function checkOauth(value: unknown, operation: string, path = "$"): OauthToken {
  const grant = checkToken(value, operation, path);
  const oauth = (grant as Record<string, unknown>)["oauth"];
  if (oauth !== undefined && !isGrant(oauth))
    throw new MalformedAnswer(
      operation,
      `${path}.oauth`,
      "an object whose client_id, client_name, redirect_uri and authorizationStatus are strings, and resource a list of strings",
    );
  return grant as OauthToken;
}

/** An application or an instance, as a list of owners gives it: an id, and a name when there is one. */
export interface OwnerItem {
  id: string;
  name?: string;
}

/** Checks one application or instance of a list, at `path`: its id, and its name when present. */
export function checkOwner(value: unknown, operation: string, path: string): OwnerItem {
  if (!isObject(value)) throw new MalformedAnswer(operation, path, "an object");
  if (!isId(value["id"])) throw new MalformedAnswer(operation, `${path}.id`, "an id of 24 hexadecimal digits");
  if (value["name"] !== undefined && !isString(value["name"]))
    throw new MalformedAnswer(operation, `${path}.name`, "a string");
  return value as unknown as OwnerItem;
}

/** How the items of a list are checked, and what the messages call them. */
export interface ItemCheck<T> {
  check: (value: unknown, operation: string, path: string) => T;
  /** The items, in the plural: "tokens", "applications". */
  noun: string;
}

/** The items of a list of tokens. */
export const TOKENS: ItemCheck<ApiToken> = { check: checkToken, noun: "tokens" };

/** Checks a page of a list: an object whose `items` is a list of at most `perPage` items, with a whole `totalCount` when given. */
export function checkPage<T = ApiToken>(
  value: unknown,
  operation: string,
  perPage: number,
  kind: ItemCheck<T> = TOKENS as unknown as ItemCheck<T>,
): { items: T[]; totalCount: number | undefined } {
  // Stryker disable next-line StringLiteral: the client refuses a body that is no JSON object before a page gets here
  if (!isObject(value)) throw new MalformedAnswer(operation, "$", "an object");
  const { items, totalCount } = value;
  if (!Array.isArray(items)) throw new MalformedAnswer(operation, "$.items", `a list of ${kind.noun}`);
  if (items.length > perPage)
    throw new MalformedAnswer(operation, "$.items", `at most ${perPage} ${kind.noun}, the page size asked for`);
  if (totalCount !== undefined && !(Number.isSafeInteger(totalCount) && (totalCount as number) >= 0)) {
    throw new MalformedAnswer(operation, "$.totalCount", "a whole number");
  }
  const checked = items.map((item, i) => kind.check(item, operation, `$.items[${i}]`));
  return { items: checked, totalCount: totalCount as number | undefined };
}
