import { auditTokens, type Finding } from "../audit/index.js";
import type { ApiToken } from "../types.js";

export type { Finding };

/**
 * The findings on one of the caller's tokens at `now`, with `windowMs` as the horizon of `expiring`:
 * the library's `auditTokens` under the default policy (expiry required, `all.*` scopes forbidden).
 */
export function findingsOf(token: ApiToken, now: Date, windowMs: number): Finding[] {
  const [result] = auditTokens(
    [{ kind: "api", owner: { type: "user", id: token.ownerId ?? "", name: null }, token }],
    { within: windowMs },
    now,
  );
  return result?.findings ?? [];
}
