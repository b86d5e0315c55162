import createClient, {} from "openapi-fetch";
import { fail, resolveOptions } from "./core/options.js";
import { pathSerializer } from "./core/path.js";
import { createTransport } from "./core/transport.js";
/** The typed client over options already resolved: the facades share their resolution with it. */
export function buildClient(options) {
    const send = createTransport(options);
    const client = createClient({ baseUrl: options.baseUrl, fetch: (request) => send(request), headers: options.headers, pathSerializer });
    // Per-call options get the client's own checks: a per-call fetch is sent through the transport
    // (timeout, retries, redaction, redirects), and what would escape the checks is refused.
    const calls = client;
    for (const name of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "request"]) {
        const call = calls[name];
        calls[name] = async (...args) => {
            const last = name === "request" ? 2 : 1;
            const init = (args[last] ?? {});
            if (init.baseUrl ?? init.pathSerializer)
                fail("a per-call baseUrl or pathSerializer would escape the checks: create another client");
            const own = init.fetch;
            if (own)
                args[last] = { ...init, fetch: (request) => send(request, own) };
            return call(...args);
        };
    }
    return client;
}
/** Creates the typed client: `client.GET("/me/tokens")` and the rest resolve to `{ data, error, response }`. */
export function createAccessTokensClient(options) {
    return buildClient(resolveOptions(options));
}
