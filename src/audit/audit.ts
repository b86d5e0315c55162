import { globMatches } from "../core/glob.js";
import type { ApiToken, OauthToken } from "../types.js";
import { FINDINGS, resolvePolicy, type AuditPolicy, type Finding, type ResolvedPolicy } from "./policy.js";

/** Who a token belongs to: the user, an application or an instance; `name` is null where the API gives none. */
export interface TokenOwner {
  type: "user" | "application" | "instance";
  id: string;
  name: string | null;
}

/** One token to audit: an API token or an OAuth grant, and its owner (which the token itself may not name). */
export type AuditEntry =
  | { kind: "api"; owner: TokenOwner; token: ApiToken }
  | { kind: "oauth"; owner: TokenOwner; token: OauthToken };

/** What the audit says of one token. `name` and `expirationDate` are null where the token has none. */
export interface AuditResult {
  id: string;
  name: string | null;
  kind: "api" | "oauth";
  owner: TokenOwner;
  status: string | null;
  expirationDate: string | null;
  findings: Finding[];
}

/** A date-time's time, or undefined when it is missing or unreadable. */
const timeOf = (date: string | undefined) => {
  const time = date === undefined ? NaN : Date.parse(date);
  return Number.isNaN(time) ? undefined : time;
};

const isActive = (entry: AuditEntry) => entry.token.status !== "inactive";
/** An id as the audit compares it, case ignored: owners, the order of tokens and exceptions alike. */
const idKey = (id: string | undefined) => String(id ?? "").toLowerCase();
const ownerKey = (entry: AuditEntry) =>
  `${entry.kind} ${entry.owner.type} ${idKey(entry.owner.id)} ${entry.token.name ?? ""}`;
/** Which of two tokens is newer: the later creation, or the later id when they were created together (ids grow with time). */
const newer = (a: AuditEntry, b: AuditEntry) => {
  const [x, y] = [timeOf(a.token.creationDate) ?? -Infinity, timeOf(b.token.creationDate) ?? -Infinity];
  return x > y || (x === y && idKey(a.token.id) > idKey(b.token.id));
};

/** The findings of one token on its own, before exceptions: expiry, lifetime, age, scope, status. */
function ownFindings(entry: AuditEntry, policy: ResolvedPolicy, now: number): Set<Finding> {
  const found = new Set<Finding>();
  const { token } = entry;
  const expires = timeOf(token.expirationDate);
  const created = timeOf(token.creationDate);
  const active = isActive(entry);
  if (token.expirationDate === undefined) {
    if (policy.requireExpiry) found.add("no-expiry");
  } else if (expires !== undefined) {
    // An expired token that is inactive is harmless: only an active one is a finding.
    if (expires <= now) {
      if (active) found.add("expired");
    } else if (expires <= now + policy.within) found.add("expiring");
    if (policy.maxLifetime !== undefined && created !== undefined && expires - created > policy.maxLifetime)
      found.add("long-lived");
  }
  if (policy.maxAge !== undefined && created !== undefined && now - created > policy.maxAge) found.add("old");
  if (token.scope?.some((scope) => policy.forbiddenScopes.some((glob) => globMatches(glob, scope))))
    found.add("broad-scope");
  if (entry.kind === "oauth" && entry.token.oauth?.authorizationStatus === "pending") found.add("pending");
  if (!active) found.add("inactive");
  return found;
}

/**
 * Audits tokens against a policy at `now`: a pure function, so that a gate can be built on it. Each
 * token gets the findings that fit it, in a fixed order:
 * - `expired`: past its expiry, yet active; `expiring`: expires within `within`;
 * - `no-expiry`: never expires, when `requireExpiry` (the default);
 * - `long-lived`: expiry further than `maxLifetime` from creation; `old`: created longer than `maxAge` ago;
 * - `broad-scope`: a scope matches one of `forbiddenScopes` (`all.*` by default);
 * - `pending`: an OAuth grant whose authorization never completed;
 * - `superseded`: active, while a newer active token of the same kind, owner and name exists;
 * - `inactive`: set inactive;
 * - `exception-lapsed`: an exception of the policy matched it, and its `until` date has passed.
 * An exception that still applies waives the findings it names on the tokens it matches.
 * The policy is checked first (see `validatePolicy`): a bad one is a TypeError naming the key.
 */
export function auditTokens(
  entries: readonly AuditEntry[],
  policy: AuditPolicy = {},
  now: Date = new Date(),
): AuditResult[] {
  const resolved = resolvePolicy(policy);
  const at = now.getTime();
  if (Number.isNaN(at)) throw new TypeError("losant-access-tokens: auditTokens: now must be a valid Date");
  // The newest active token of each kind, owner and name: every other active one is superseded by it.
  const newest = new Map<string, AuditEntry>();
  for (const entry of entries) {
    if (!isActive(entry)) continue;
    const key = ownerKey(entry);
    const seen = newest.get(key);
    if (!seen || newer(entry, seen)) newest.set(key, entry);
  }
  return entries.map((entry) => {
    const found = ownFindings(entry, resolved, at);
    if (isActive(entry) && newest.get(ownerKey(entry)) !== entry) found.add("superseded");
    const id = String(entry.token.id ?? "");
    for (const exception of resolved.exceptions) {
      const matches =
        exception.id !== undefined
          ? exception.id === idKey(entry.token.id)
          : globMatches(exception.name ?? "", entry.token.name ?? "");
      if (!matches) continue;
      if (exception.until <= at) found.add("exception-lapsed");
      else for (const waived of exception.findings) found.delete(waived);
    }
    return {
      id,
      name: entry.token.name ?? null,
      kind: entry.kind,
      owner: { ...entry.owner },
      status: entry.token.status ?? null,
      expirationDate: entry.token.expirationDate ?? null,
      findings: FINDINGS.filter((finding) => found.has(finding)),
    };
  });
}
