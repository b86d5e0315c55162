import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { resolveOptions, type ClientOptions } from "./options.js";
import { ArmedRequest, createTransport } from "./transport.js";

/** The openapi-fetch client, typed by the spec's paths. */
export type AccessTokensClient = Client<paths>;

/** Creates the typed client: `client.GET("/access-tokens")` and the rest resolve to `{ data, error, response }`. */
export function createAccessTokensClient(options: ClientOptions): AccessTokensClient {
  const resolved = resolveOptions(options);
  return createClient<paths>({
    baseUrl: resolved.baseUrl,
    fetch: createTransport(resolved),
    Request: ArmedRequest,
    headers: { ...resolved.headers, Accept: "application/json", Authorization: `Bearer ${resolved.token}` },
  });
}
