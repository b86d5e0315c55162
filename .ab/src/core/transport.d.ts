import type { ResolvedOptions } from "./options.js";
/** What sends a request: the global fetch, the `fetch` option, or a per-call `fetch`. */
export type Fetch = (request: Request) => Promise<Response>;
/** The fetch openapi-fetch calls, optionally with the fetch a single call asked for. */
export type Transport = (request: Request, fetch?: Fetch) => Promise<Response>;
/**
 * The fetch openapi-fetch calls: each attempt runs under its own timeout (body included) and the
 * caller's signal, even with a fetch that ignores signals; retries are what the retry policy allows;
 * redirects are refused; at most `maxResponseBytes` are read; and what comes back is a fresh Response
 * that openapi-fetch and any middleware can read, clone or replace.
 */
export declare function createTransport(options: ResolvedOptions): Transport;
