import type { ApiToken } from "../types.js";

/** What a security review asks about a token, by name. */
export type Finding = "expired" | "expiring" | "no-expiry" | "broad-scope" | "inactive";

/**
 * The findings on one token at `now`, with `windowMs` as the horizon of `expiring`: `expired` is past
 * its expiry yet still active; `expiring` expires within the window; `broad-scope` has an `all.*` scope.
 */
export function findingsOf(token: ApiToken, now: Date, windowMs: number): Finding[] {
  const found: Finding[] = [];
  const expires = token.expirationDate === undefined ? undefined : Date.parse(token.expirationDate);
  const active = token.status !== "inactive";
  if (expires === undefined) found.push("no-expiry");
  else if (expires <= now.getTime()) {
    if (active) found.push("expired");
  } else if (expires <= now.getTime() + windowMs) found.push("expiring");
  if (token.scope?.some((scope) => scope.startsWith("all."))) found.push("broad-scope");
  if (!active) found.push("inactive");
  return found;
}
