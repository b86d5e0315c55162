/**
 * The authenticated user's API tokens, `/me/tokens`: `list(query?)`, `listAll(query?)`, `create(body)`,
 * `get(apiTokenId)`, `update(apiTokenId, body)`, `delete(apiTokenId)`.
 */
export declare const createUserTokensApi: (options: import("../index.js").ClientOptions) => import("../core/resource.js").ResourceApi<"/me/tokens", "/me/tokens/{apiTokenId}", true>;
/** The facade `createUserTokensApi` returns. */
export type UserTokensApi = ReturnType<typeof createUserTokensApi>;
