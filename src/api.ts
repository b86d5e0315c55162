import { createAccessTokensClient, type AccessTokensClient } from "./client.js";
import { LosantApiError, type RequestSummary } from "./errors.js";
import type { ClientOptions } from "./options.js";
import { REQUEST } from "./transport.js";
import type { AccessToken, AccessTokenPatch, AccessTokenPost, AccessTokens, SuccessBody } from "./types.js";

/** Per-call options of the facade. */
// A type alias, not an interface: openapi-fetch's init type has an index signature.
export type CallOptions = {
  /** Aborts this call; an aborted call is never retried and rejects with the signal's reason. */
  signal?: AbortSignal;
};

/** Losant-style resource methods that resolve to the success body and reject with `LosantApiError`. */
export interface AccessTokensApi {
  /** The typed client underneath, for anything the facade does not cover. */
  readonly client: AccessTokensClient;
  list(options?: CallOptions): Promise<AccessTokens>;
  create(body: AccessTokenPost, options?: CallOptions): Promise<AccessToken>;
  get(accessTokenId: string, options?: CallOptions): Promise<AccessToken>;
  update(accessTokenId: string, body: AccessTokenPatch, options?: CallOptions): Promise<AccessToken>;
  delete(accessTokenId: string, options?: CallOptions): Promise<SuccessBody>;
}

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new LosantApiError(response.status, error, (response as Response & { [REQUEST]: RequestSummary })[REQUEST]);
  return data as T;
}

/** Creates the facade: `list()`, `create(body)`, `get(id)`, `update(id, body)`, `delete(id)`. */
export function createAccessTokensApi(options: ClientOptions): AccessTokensApi {
  const client = createAccessTokensClient(options);
  const one = (accessTokenId: string) => ({ path: { accessTokenId } });
  return {
    client,
    list: (init = {}) => unwrap(client.GET("/access-tokens", init)),
    create: (body, init = {}) => unwrap(client.POST("/access-tokens", { ...init, body })),
    get: (id, init = {}) => unwrap(client.GET("/access-tokens/{accessTokenId}", { ...init, params: one(id) })),
    update: (id, body, init = {}) => unwrap(client.PATCH("/access-tokens/{accessTokenId}", { ...init, params: one(id), body })),
    // DELETE may answer with an empty body; the API's Success body is all it could have said.
    delete: async (id, init = {}) =>
      (await unwrap(client.DELETE("/access-tokens/{accessTokenId}", { ...init, params: one(id) }))) ?? { success: true },
  };
}
