// The CLI's own check of every answer it relies on, small and by hand: the shape of a list and each field
// the CLI reads or judges. Losant adds fields and values without notice, so anything the CLI does not use
// passes; what it does use must be what the spec says, or the command fails closed.
import type { ApiToken } from "../types.js";

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

/** Checks a page of a list: an object whose `items` is a list of at most `perPage` tokens, with a whole `totalCount` when given. */
export function checkPage(
  value: unknown,
  operation: string,
  perPage: number,
): { items: ApiToken[]; totalCount: number | undefined } {
  if (!isObject(value)) throw new MalformedAnswer(operation, "$", "an object");
  const { items, totalCount } = value;
  if (!Array.isArray(items)) throw new MalformedAnswer(operation, "$.items", "a list of tokens");
  if (items.length > perPage)
    throw new MalformedAnswer(operation, "$.items", `at most ${perPage} tokens, the page size asked for`);
  if (totalCount !== undefined && !(Number.isSafeInteger(totalCount) && (totalCount as number) >= 0)) {
    throw new MalformedAnswer(operation, "$.totalCount", "a whole number");
  }
  for (const [i, item] of items.entries()) checkToken(item, operation, `$.items[${i}]`);
  return { items: items as ApiToken[], totalCount: totalCount as number | undefined };
}
