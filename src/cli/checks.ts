import type { ApiTokenPost, ApiTokensQuery } from "../types.js";
import type { Values } from "./context.js";
import { shown, UsageError } from "./usage.js";

type Role = NonNullable<ApiTokenPost["defaultRole"]>;
type SortField = NonNullable<ApiTokensQuery["sortField"]>;
type Status = NonNullable<ApiTokenPost["status"]>;

// Records keyed by the spec's own unions: a value the spec adds or drops fails to compile here.
const ROLES: Record<Role, true> = { admin: true, edit: true, collaborate: true, view: true, none: true };
const SORT_FIELDS: Record<SortField, true> = {
  name: true,
  status: true,
  id: true,
  creationDate: true,
  lastUpdated: true,
  expirationDate: true,
};
const STATUSES: Record<Status, true> = { active: true, inactive: true };

/** One of a fixed set of values, or a usage error naming the choices. */
function oneOf<T extends string>(choices: Record<T, true>, text: string, flag: string): T {
  if (Object.hasOwn(choices, text)) return text as T;
  throw new UsageError(`${flag} ${shown(text)} is not one of ${Object.keys(choices).join(", ")}`);
}

export const role = (text: string): Role => oneOf(ROLES, text, "--role");
export const sortField = (text: string): SortField => oneOf(SORT_FIELDS, text, "--sort");
export const status = (text: string): Status => oneOf(STATUSES, text, "--status");

/** A token or application id: 24 hexadecimal digits, as the spec's pattern has it. */
export function id(text: string, what: string): string {
  if (/^[A-Fa-f\d]{24}$/.test(text)) return text;
  throw new UsageError(`${what} ${shown(text)} is not an id: Losant ids are 24 hexadecimal digits`);
}

/** A name within the spec's 1 to 255 characters. */
export function name(text: string): string {
  if (text.length >= 1 && text.length <= 255) return text;
  throw new UsageError(`--name must have 1 to 255 characters, got ${text.length}`);
}

/** A description within the spec's 32,767 characters. */
export function description(text: string): string {
  if (text.length <= 32_767) return text;
  throw new UsageError(`--description must have at most 32767 characters, got ${text.length}`);
}

/** A string option's value (parseArgs gives strings for type "string"). */
export const text = (values: Values, key: string): string | undefined => {
  const value = values[key];
  return typeof value === "string" ? value : undefined;
};

/** `--limit`: a whole number of tokens from 1 to `max`. */
export function limit(text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (/^\d{1,9}$/.test(text) && Number(text) >= 1 && Number(text) <= max) return Number(text);
  throw new UsageError(`--limit ${shown(text)} is not a whole number from 1 to ${max}`);
}
