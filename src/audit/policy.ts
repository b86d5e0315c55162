/** A finding the audit can report on a token, by name. */
export type Finding =
  | "expired"
  | "expiring"
  | "no-expiry"
  | "long-lived"
  | "old"
  | "broad-scope"
  | "pending"
  | "superseded"
  | "inactive"
  | "exception-lapsed";

/** Every finding, in the order the audit reports them on a token. */
export const FINDINGS: readonly Finding[] = Object.freeze([
  "expired",
  "expiring",
  "no-expiry",
  "long-lived",
  "old",
  "broad-scope",
  "pending",
  "superseded",
  "inactive",
  "exception-lapsed",
]);

/** A waiver: the findings it names are not reported on the tokens it matches, until its date. */
export interface AuditException {
  /** The token's id; give this or `name`. */
  id?: string;
  /** A glob over the token's name (`*` any run, `?` one character, case ignored); give this or `id`. */
  name?: string;
  /** The findings it waives. */
  findings: readonly Finding[];
  /** Why, for whoever reads the policy. */
  reason: string;
  /** When it stops applying (an ISO date-time, or a Date); from then on its tokens get `exception-lapsed`. */
  until: string | Date;
}

/** What the audit holds tokens to. Durations are milliseconds. */
export interface AuditPolicy {
  /** Tokens created longer ago than this are `old`. */
  maxAge?: number;
  /** Tokens whose expiry is further than this from their creation are `long-lived`. */
  maxLifetime?: number;
  /** Tokens without an expiry are `no-expiry`; true by default. */
  requireExpiry?: boolean;
  /** Globs over scopes that make a token `broad-scope`; `["all.*"]` by default. */
  forbiddenScopes?: readonly string[];
  /** The horizon of `expiring`: tokens that expire within it; 30 days by default. */
  within?: number;
  /** Waivers of findings for some tokens, each until a date. */
  exceptions?: readonly AuditException[];
}

/** The policy with every default filled in, and each exception's date read. */
export interface ResolvedPolicy {
  maxAge: number | undefined;
  maxLifetime: number | undefined;
  requireExpiry: boolean;
  forbiddenScopes: readonly string[];
  within: number;
  exceptions: readonly (Omit<AuditException, "until"> & { until: number })[];
}

const DAY = 24 * 60 * 60 * 1000;
/** The defaults: expiry required, `all.*` scopes forbidden, a 30-day horizon for `expiring`. */
export const DEFAULT_POLICY = Object.freeze({
  requireExpiry: true,
  forbiddenScopes: Object.freeze(["all.*"]),
  within: 30 * DAY,
});

const POLICY_KEYS = ["maxAge", "maxLifetime", "requireExpiry", "forbiddenScopes", "within", "exceptions"];
const EXCEPTION_KEYS = ["id", "name", "findings", "reason", "until"];

/** Throws the TypeError a bad audit policy gets, naming what in it is wrong. */
const invalidPolicy = (message: string): never => {
  throw new TypeError(`losant-access-tokens: audit policy: ${message}`);
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);
const shown = (value: unknown) =>
  typeof value === "string"
    ? JSON.stringify(value)
    : Array.isArray(value)
      ? "an array"
      : value === null
        ? "null"
        : typeof value;

/** Refuses a key the shape does not name, naming it and where it is. */
function knownKeys(value: Record<string, unknown>, keys: string[], where: string): void {
  const unknown = Object.keys(value).filter((key) => !keys.includes(key));
  if (unknown.length)
    invalidPolicy(
      `${where} has unknown key ${unknown.map((key) => JSON.stringify(key)).join(", ")}: it takes ${keys.join(", ")}`,
    );
}

/** A duration in milliseconds: a finite number, 0 or more. */
function duration(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    invalidPolicy(`${where} must be a duration in milliseconds (a number, 0 or more), got ${shown(value)}`);
  return value as number;
}

/** The time of a date given as an ISO date-time or a Date. */
function dateOf(value: unknown, where: string): number {
  const time = value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) invalidPolicy(`${where} must be a date (an ISO date-time or a Date), got ${shown(value)}`);
  return time;
}

function exceptionOf(value: unknown, where: string): ResolvedPolicy["exceptions"][number] {
  if (!isRecord(value)) return invalidPolicy(`${where} must be an object, got ${shown(value)}`);
  knownKeys(value, EXCEPTION_KEYS, where);
  const { id, name, findings, reason, until } = value;
  if ((id === undefined) === (name === undefined))
    invalidPolicy(`${where} must have an id or a name glob, one of the two`);
  if (id !== undefined && (typeof id !== "string" || !id))
    invalidPolicy(`${where}.id must be a token id, got ${shown(id)}`);
  if (name !== undefined && (typeof name !== "string" || !name))
    invalidPolicy(`${where}.name must be a glob over token names, got ${shown(name)}`);
  if (!Array.isArray(findings) || !findings.length)
    invalidPolicy(`${where}.findings must list the findings it waives, got ${shown(findings)}`);
  for (const [i, finding] of (findings as unknown[]).entries()) {
    if (!FINDINGS.includes(finding as Finding))
      invalidPolicy(`${where}.findings[${i}] must be one of ${FINDINGS.join(", ")}, got ${shown(finding)}`);
  }
  if (typeof reason !== "string" || !reason.trim()) invalidPolicy(`${where}.reason must say why, got ${shown(reason)}`);
  return {
    ...(id === undefined ? {} : { id: (id as string).toLowerCase() }),
    ...(name === undefined ? {} : { name: name as string }),
    findings: [...(findings as Finding[])],
    reason: reason as string,
    until: dateOf(until, `${where}.until`),
  };
}

/**
 * Checks a policy, such as one read from a JSON file, and fills in its defaults: an unknown key, a
 * duration that is not a number of milliseconds, a bad glob list or exception is a TypeError that names
 * the key.
 */
export function resolvePolicy(policy: unknown = {}): ResolvedPolicy {
  if (!isRecord(policy)) return invalidPolicy(`the policy must be an object, got ${shown(policy)}`);
  knownKeys(policy, POLICY_KEYS, "the policy");
  const { requireExpiry, forbiddenScopes, exceptions } = policy;
  if (requireExpiry !== undefined && typeof requireExpiry !== "boolean")
    invalidPolicy(`requireExpiry must be true or false, got ${shown(requireExpiry)}`);
  if (
    forbiddenScopes !== undefined &&
    (!Array.isArray(forbiddenScopes) || !forbiddenScopes.every((glob) => typeof glob === "string" && glob))
  ) {
    invalidPolicy(`forbiddenScopes must be a list of scope globs, such as ["all.*"], got ${shown(forbiddenScopes)}`);
  }
  if (exceptions !== undefined && !Array.isArray(exceptions))
    invalidPolicy(`exceptions must be a list, got ${shown(exceptions)}`);
  return {
    maxAge: duration(policy["maxAge"], "maxAge"),
    maxLifetime: duration(policy["maxLifetime"], "maxLifetime"),
    requireExpiry: (requireExpiry as boolean | undefined) ?? DEFAULT_POLICY.requireExpiry,
    forbiddenScopes: [...((forbiddenScopes as string[] | undefined) ?? DEFAULT_POLICY.forbiddenScopes)],
    within: duration(policy["within"], "within") ?? DEFAULT_POLICY.within,
    exceptions: ((exceptions as unknown[] | undefined) ?? []).map((exception, i) =>
      exceptionOf(exception, `exceptions[${i}]`),
    ),
  };
}

/** Checks a policy and returns it as given, typed: for a policy read from a file. */
export function validatePolicy(policy: unknown): AuditPolicy {
  resolvePolicy(policy);
  return policy as AuditPolicy;
}
