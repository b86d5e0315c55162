import type { ClientOptions } from "../core/options.js";
import type { CallOptions } from "../core/options.js";
import { createApplicationTokensApi } from "../resources/application-tokens.js";
import { createInstanceTokensApi } from "../resources/instance-tokens.js";
import { createOauthTokensApi } from "../resources/oauth-tokens.js";
import { createApplicationsApi, createInstancesApi } from "../resources/owners.js";
import { rotateApiToken, type RotateOptions, type Rotation } from "../resources/rotate.js";
import { createUserTokensApi } from "../resources/user-tokens.js";
import type { ApiToken, ApiTokenPatch, ApiTokenPost, ApiTokensQuery, OauthToken, OauthTokensQuery } from "../types.js";
import { checkOauth, checkToken } from "./answers.js";

/** Whose tokens a command acts on: the user's (no id), an application's or an instance's. */
export interface Owner {
  type: "user" | "application" | "instance";
  /** The application's or instance's id; undefined for the user. */
  id: string | undefined;
}

/**
 * The token collection a command acts on, the user's, an application's or an instance's: the facades,
 * with the owner's id bound. `get` and `update` resolve with answers checked by the CLI's own rule;
 * `page` and `create` with the answer as it came, which the command checks (a new secret goes out first).
 */
export interface Tokens {
  readonly owner: Owner;
  /** The operation names of this collection, as messages name them: a delete's answer is not read, so it has none. */
  readonly names: { list: string; get: string; create: string; update: string };
  page(query: ApiTokensQuery, options?: CallOptions): Promise<unknown>;
  get(id: string, options?: CallOptions): Promise<ApiToken>;
  create(body: ApiTokenPost, options?: CallOptions): Promise<unknown>;
  update(id: string, body: ApiTokenPatch, options?: CallOptions): Promise<ApiToken>;
  delete(id: string, options?: CallOptions): Promise<unknown>;
  /** Rotates through rotateApiToken; `creating` is called as the new token's create is sent. */
  rotate(id: string, options: RotateOptions, creating?: () => void): Promise<Rotation>;
}

/** The user's OAuth grants: pages as they came, one grant checked. */
interface OauthGrants {
  readonly names: { list: string; get: string };
  page(query: OauthTokensQuery, options?: CallOptions): Promise<unknown>;
  get(id: string, options?: CallOptions): Promise<OauthToken>;
  delete(id: string, options?: CallOptions): Promise<unknown>;
}

/** Everything the caller's token may reach: any owner's tokens, the OAuth grants, and the lists of owners. */
export interface Reach {
  tokens(owner: Owner): Tokens;
  oauth: OauthGrants;
  /** A page of the applications, or of the instances, as it came. */
  owners(
    type: "application" | "instance",
    query: { page: number; perPage: number },
    options?: CallOptions,
  ): Promise<unknown>;
}

const operations = (kind: "User" | "Application" | "Instance") => ({
  list: `list${kind}Tokens`,
  get: `get${kind}Token`,
  create: `create${kind}Token`,
  update: `update${kind}Token`,
});

/** The facades over `options`, made once, for any owner. Throws the client's TypeError on bad options. */
export function reachOf(options: ClientOptions): Reach {
  const user = createUserTokensApi(options);
  const application = createApplicationTokensApi(options);
  const instance = createInstanceTokensApi(options);
  const oauth = createOauthTokensApi(options);
  const applications = createApplicationsApi(options);
  const instances = createInstancesApi(options);

  function userTokens(): Tokens {
    const names = operations("User");
    const get = (id: string, call?: CallOptions) => user.get(id, call).then((token) => checkToken(token, names.get));
    const update = (id: string, body: ApiTokenPatch, call?: CallOptions) =>
      user.update(id, body, call).then((token) => checkToken(token, names.update));
    return {
      owner: { type: "user", id: undefined },
      names,
      page: (query, call) => user.list(query, call),
      get,
      create: (body, call) => user.create(body, call),
      update,
      delete: (id, call) => user.delete(id, call),
      // The rotation reads and changes the old token through the same checks.
      rotate: (id, rotate, creating) =>
        rotateApiToken(
          {
            ...user,
            get,
            update,
            create: (body: ApiTokenPost, call?: CallOptions) => (creating?.(), user.create(body, call)),
          },
          id,
          rotate,
        ),
    };
  }

  /** An application's or an instance's tokens: the two facades take the owner's id first, alike. */
  function ownedTokens(type: "application" | "instance", ownerId: string): Tokens {
    const api = type === "application" ? application : instance;
    const names = operations(type === "application" ? "Application" : "Instance");
    const get = (owner: string, id: string, call?: CallOptions) =>
      api.get(owner, id, call).then((token) => checkToken(token, names.get));
    const update = (owner: string, id: string, body: ApiTokenPatch, call?: CallOptions) =>
      api.update(owner, id, body, call).then((token) => checkToken(token, names.update));
    return {
      owner: { type, id: ownerId },
      names,
      page: (query, call) => api.list(ownerId, query, call),
      get: (id, call) => get(ownerId, id, call),
      create: (body, call) => api.create(ownerId, body, call),
      update: (id, body, call) => update(ownerId, id, body, call),
      delete: (id, call) => api.delete(ownerId, id, call),
      rotate: (id, rotate, creating) =>
        rotateApiToken(
          {
            ...application,
            get,
            update,
            create: (owner: string, body: ApiTokenPost, call?: CallOptions) => (
              creating?.(), api.create(owner, body, call)
            ),
          },
          ownerId,
          id,
          rotate,
        ),
    };
  }

  const grantNames = { list: "listOauthTokens", get: "getOauthToken" };
  return {
    tokens: (owner) =>
      owner.type === "user" || owner.id === undefined ? userTokens() : ownedTokens(owner.type, owner.id),
    oauth: {
      names: grantNames,
      page: (query, call) => oauth.list(query, call),
      get: (id, call) => oauth.get(id, call).then((grant) => checkOauth(grant, grantNames.get)),
      delete: (id, call) => oauth.delete(id, call),
    },
    owners: (type, query, call) =>
      type === "application" ? applications.list(query, call) : instances.list(query, call),
  };
}
