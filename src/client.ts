import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { fail, resolveOptions, type ClientOptions, type ResolvedOptions } from "./core/options.js";
import { pathSerializer } from "./core/path.js";
import { createTransport, type Fetch } from "./core/transport.js";

/** The openapi-fetch client, typed by the spec's paths. */
export type AccessTokensClient = Client<paths>;

/** The typed client over options already resolved: the facades share their resolution with it. */
export function buildClient(options: ResolvedOptions): AccessTokensClient {
  const send = createTransport(options);
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: (request: Request) => send(request), headers: options.headers, pathSerializer });
  // Per-call options get the client's own checks: a per-call fetch is sent through the transport
  // (timeout, retries, redaction, redirects), and what would escape the checks is refused.
  const calls = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "request"]) {
    const call = calls[name] as (...args: unknown[]) => unknown;
    calls[name] = async (...args) => {
      const last = name === "request" ? 2 : 1;
      const init = (args[last] ?? {}) as { baseUrl?: unknown; pathSerializer?: unknown; fetch?: Fetch };
      if (init.baseUrl ?? init.pathSerializer) fail("a per-call baseUrl or pathSerializer would bypass the client's checks: create another client");
      const own = init.fetch;
      if (own) args[last] = { ...init, fetch: (request: Request) => send(request, own) };
      return call(...args);
    };
  }
  return client;
}

/** Creates the typed client: `client.GET("/me/tokens")` and the rest resolve to `{ data, error, response }`. */
export function createAccessTokensClient(options: ClientOptions): AccessTokensClient {
  return buildClient(resolveOptions(options));
}
