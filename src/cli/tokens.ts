import type { ClientOptions } from "../core/options.js";
import { createApplicationTokensApi } from "../resources/application-tokens.js";
import { rotateApiToken, type RotateOptions, type Rotation } from "../resources/rotate.js";
import { createUserTokensApi } from "../resources/user-tokens.js";
import type { ApiToken, ApiTokenPatch, ApiTokenPost, ApiTokensQuery } from "../types.js";

/** The token collection a command acts on, the user's or an application's: the facades, with the application id bound. */
export interface Tokens {
  listAll(query: ApiTokensQuery): AsyncIterable<ApiToken>;
  get(id: string): Promise<ApiToken>;
  create(body: ApiTokenPost): Promise<ApiToken>;
  update(id: string, body: ApiTokenPatch): Promise<ApiToken>;
  delete(id: string): Promise<unknown>;
  rotate(id: string, options: RotateOptions): Promise<Rotation>;
}

/** The user's tokens, or the application's when `applicationId` is given. Throws the client's TypeError on bad options. */
export function tokensOf(options: ClientOptions, applicationId: string | undefined): Tokens {
  if (applicationId === undefined) {
    const api = createUserTokensApi(options);
    return {
      listAll: (query) => api.listAll(query),
      get: (id) => api.get(id),
      create: (body) => api.create(body),
      update: (id, body) => api.update(id, body),
      delete: (id) => api.delete(id),
      rotate: (id, rotate) => rotateApiToken(api, id, rotate),
    };
  }
  const api = createApplicationTokensApi(options);
  return {
    listAll: (query) => api.listAll(applicationId, query),
    get: (id) => api.get(applicationId, id),
    create: (body) => api.create(applicationId, body),
    update: (id, body) => api.update(applicationId, id, body),
    delete: (id) => api.delete(applicationId, id),
    rotate: (id, rotate) => rotateApiToken(api, applicationId, id, rotate),
  };
}
