/** How an attempt failed without a complete answer: `refused`, the connection was refused, so nothing was sent. */
export type Failure = "refused" | "network" | "timeout";

/** Methods that change nothing: whatever happened, a failed one did nothing. */
const SAFE = ["GET", "HEAD", "OPTIONS", "TRACE"];

/**
 * Whether a `method` call that failed may still have done what it asked (its errors' `mayHaveSucceeded`):
 * never for a method that changes nothing; always once an earlier send of the call may have reached
 * the API (`earlier`: a retry after anything but a refused connection or a 429, or a sender's silent
 * resend); after a 2xx answer (`status`), whose body then failed; and after a failure without a complete
 * answer (`failure`), unless the connection was refused. A complete error answer to a first send did nothing.
 */
export function mayHaveSucceeded(
  method: string,
  status: number | undefined,
  failure: Failure | undefined,
  earlier: boolean,
): boolean {
  if (SAFE.includes(method)) return false;
  if (earlier || (status !== undefined && status > 199 && status < 300)) return true;
  return failure !== undefined && failure !== "refused";
}
