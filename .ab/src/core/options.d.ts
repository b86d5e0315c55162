/** What every client and facade takes. */
export interface ClientOptions {
    /** A Losant API token; sent only as `Authorization: Bearer <token>`. */
    token: string;
    /** Defaults to `https://api.losant.com`; no query string or fragment. */
    baseUrl?: string;
    /** A fetch to send requests with; defaults to the global `fetch`. */
    fetch?: (input: Request) => Promise<Response>;
    /**
     * Extra headers for every request, as a record, a `Headers` or pairs. `Authorization` is not one of
     * them (use `token`); `Accept-Version` replaces the default, the API version the spec describes.
     */
    headers?: HeadersInit;
    /** Allows `http://` to a host other than loopback, which sends the token in clear text. */
    allowInsecureHttp?: boolean;
    /** Time allowed for each attempt, from sending to the last byte of the body; default 30 000 ms. */
    timeoutMs?: number;
    /** Retries after the first attempt, where a retry is safe; default 2, 0 turns them off. */
    retries?: number;
    /** Base of the exponential backoff between retries; default 500 ms. */
    retryBaseDelayMs?: number;
    /** Longest backoff between retries; default 8 000 ms. */
    retryMaxDelayMs?: number;
    /** Largest response body read, counted after decompression; default 10 MiB. */
    maxResponseBytes?: number;
}
/** The numeric options: default, least and greatest value allowed (timers take at most 2^31 − 1 ms). */
declare const NUMBERS: {
    readonly timeoutMs: readonly [30000, 1, number];
    readonly retries: readonly [2, 0, 10];
    readonly retryBaseDelayMs: readonly [500, 0, number];
    readonly retryMaxDelayMs: readonly [8000, 0, number];
    readonly maxResponseBytes: readonly [number, 1, number];
};
/** Options after validation, every default filled in; `headers` as sent, the token's among them. */
export type ResolvedOptions = {
    -readonly [name in keyof typeof NUMBERS]: number;
} & {
    token: string;
    baseUrl: string;
    headers: Record<string, string>;
    fetch: ClientOptions["fetch"];
};
/** The Losant API version the spec describes, sent as `Accept-Version` the way Losant's own client does. */
export declare const API_VERSION = "1.30.0";
/** Throws the TypeError every refused input gets, its message prefixed with the package name. */
export declare function fail(message: string): never;
/** Checks the options once, at creation, so that a misconfigured client never sends a request. */
export declare function resolveOptions(options: ClientOptions): ResolvedOptions;
export {};
