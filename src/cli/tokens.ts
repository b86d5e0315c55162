import type { ClientOptions } from "../core/options.js";
import type { CallOptions } from "../core/resource.js";
import { createApplicationTokensApi } from "../resources/application-tokens.js";
import { rotateApiToken, type RotateOptions, type Rotation } from "../resources/rotate.js";
import { createUserTokensApi } from "../resources/user-tokens.js";
import type { ApiToken, ApiTokenPatch, ApiTokenPost, ApiTokensQuery } from "../types.js";
import { checkToken } from "./answers.js";

/**
 * The token collection a command acts on, the user's or an application's: the facades, with the
 * application id bound. `get` and `update` resolve with answers checked by the CLI's own rule; `page`
 * and `create` with the answer as it came, which the command checks (a new secret goes out first).
 */
export interface Tokens {
  /** The operation names of this collection, as messages name them. */
  readonly names: { list: string; get: string; create: string; update: string; delete: string };
  page(query: ApiTokensQuery, options?: CallOptions): Promise<unknown>;
  get(id: string, options?: CallOptions): Promise<ApiToken>;
  create(body: ApiTokenPost, options?: CallOptions): Promise<unknown>;
  update(id: string, body: ApiTokenPatch, options?: CallOptions): Promise<ApiToken>;
  delete(id: string, options?: CallOptions): Promise<unknown>;
  /** Rotates through rotateApiToken; `creating` is called as the new token's create is sent. */
  rotate(id: string, options: RotateOptions, creating?: () => void): Promise<Rotation>;
}

const operations = (kind: "User" | "Application") => ({
  list: `list${kind}Tokens`,
  get: `get${kind}Token`,
  create: `create${kind}Token`,
  update: `update${kind}Token`,
  delete: `delete${kind}Token`,
});

/** The user's tokens, or the application's when `applicationId` is given. Throws the client's TypeError on bad options. */
export function tokensOf(options: ClientOptions, applicationId: string | undefined): Tokens {
  if (applicationId === undefined) {
    const api = createUserTokensApi(options);
    const names = operations("User");
    const get = (id: string, call?: CallOptions) => api.get(id, call).then((token) => checkToken(token, names.get));
    const update = (id: string, body: ApiTokenPatch, call?: CallOptions) =>
      api.update(id, body, call).then((token) => checkToken(token, names.update));
    return {
      names,
      page: (query, call) => api.list(query, call),
      get,
      create: (body, call) => api.create(body, call),
      update,
      delete: (id, call) => api.delete(id, call),
      // The rotation reads and changes the old token through the same checks.
      rotate: (id, rotate, creating) =>
        rotateApiToken(
          {
            ...api,
            get,
            update,
            create: (body: ApiTokenPost, call?: CallOptions) => (creating?.(), api.create(body, call)),
          },
          id,
          rotate,
        ),
    };
  }
  const api = createApplicationTokensApi(options);
  const names = operations("Application");
  const get = (app: string, id: string, call?: CallOptions) =>
    api.get(app, id, call).then((token) => checkToken(token, names.get));
  const update = (app: string, id: string, body: ApiTokenPatch, call?: CallOptions) =>
    api.update(app, id, body, call).then((token) => checkToken(token, names.update));
  return {
    names,
    page: (query, call) => api.list(applicationId, query, call),
    get: (id, call) => get(applicationId, id, call),
    create: (body, call) => api.create(applicationId, body, call),
    update: (id, body, call) => update(applicationId, id, body, call),
    delete: (id, call) => api.delete(applicationId, id, call),
    rotate: (id, rotate, creating) =>
      rotateApiToken(
        {
          ...api,
          get,
          update,
          create: (app: string, body: ApiTokenPost, call?: CallOptions) => (creating?.(), api.create(app, body, call)),
        },
        applicationId,
        id,
        rotate,
      ),
  };
}
