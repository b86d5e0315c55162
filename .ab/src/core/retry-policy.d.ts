/** How an attempt ended: an HTTP status (with its `Retry-After`), or no answer at all. */
export type Outcome = {
    status: number;
    retryAfter?: string | null;
}
/** `refused`: the connection was refused, so nothing was sent; `network`: anything else without an answer. */
 | {
    failure: "refused" | "network" | "timeout";
};
/** The numbers the policy reads from the client's options. */
export interface RetrySettings {
    retries: number;
    retryBaseDelayMs: number;
    retryMaxDelayMs: number;
}
/** A server that asks for a longer wait than this gets its error returned at once instead. */
export declare const MAX_RETRY_AFTER_MS = 60000;
/** Milliseconds a `Retry-After` value asks for (delta-seconds or an HTTP date), or undefined if it is not one. */
export declare function retryAfterMs(value: string | null | undefined, now: number): number | undefined;
/**
 * Decides what follows attempt number `attempt` (1 for the first) of a `method` request that ended in
 * `outcome`: the milliseconds to wait before sending it again, or undefined to stop there.
 */
export declare function retryDelay(method: string, attempt: number, outcome: Outcome, settings: RetrySettings, random?: () => number, now?: number): number | undefined;
