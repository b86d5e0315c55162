import { type RequestSummary } from "../errors.js";
import { type Redact } from "./redact.js";
/** Resolves or rejects as the promise does, or rejects with the signal's reason as soon as it aborts. */
export type Guard = <T>(promise: Promise<T>) => Promise<T>;
/**
 * Reads a body as text, failing once more than `limit` bytes (after decompression) have arrived; the
 * read is then cancelled, which releases the connection.
 */
export declare function readText(response: Response, limit: number, guard: Guard, request: RequestSummary): Promise<string>;
/**
 * Turns a complete answer into the Response openapi-fetch reads: a success body that is a JSON object
 * (or nothing, for DELETE), or an error status with the API's JSON Error body, token redacted. Any other
 * answer is not the API's to give to openapi-fetch: it throws LosantApiError with the body as received,
 * as does a 404 to a DELETE that an earlier attempt may have done.
 */
export declare function normalise(response: Response, text: string, request: RequestSummary, redact: Redact, retriedDelete: boolean): Response;
