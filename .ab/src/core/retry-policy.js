/** The API has no idempotency keys: only these may be sent again after anything could have reached it. */
const IDEMPOTENT = ["GET", "DELETE"];
const RETRY_STATUSES = [429, 502, 503, 504];
/** A server that asks for a longer wait than this gets its error returned at once instead. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Milliseconds a `Retry-After` value asks for (delta-seconds or an HTTP date), or undefined if it is not one. */
export function retryAfterMs(value, now) {
    if (!value)
        return undefined;
    if (/^\d+$/.test(value))
        return Number(value) * 1000;
    // An HTTP date is RFC 9110's IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), exactly what toUTCString writes;
    // Date.parse alone would accept "1" or "tomorrow 10am" as dates.
    const date = Date.parse(value);
    return Number.isNaN(date) || new Date(date).toUTCString() !== value ? undefined : Math.max(0, date - now);
}
/**
 * Decides what follows attempt number `attempt` (1 for the first) of a `method` request that ended in
 * `outcome`: the milliseconds to wait before sending it again, or undefined to stop there.
 */
export function retryDelay(method, attempt, outcome, settings, random = Math.random, now = Date.now()) {
    if (attempt > settings.retries)
        return undefined;
    // Full jitter: a random wait up to the exponential bound.
    const backoff = () => random() * Math.min(settings.retryMaxDelayMs, settings.retryBaseDelayMs * 2 ** (attempt - 1));
    const idempotent = IDEMPOTENT.includes(method);
    if ("failure" in outcome)
        return idempotent || outcome.failure === "refused" ? backoff() : undefined;
    if (!idempotent || !RETRY_STATUSES.includes(outcome.status))
        return undefined;
    const asked = retryAfterMs(outcome.retryAfter, now);
    if (asked === undefined)
        return backoff();
    return asked <= MAX_RETRY_AFTER_MS ? asked : undefined;
}
