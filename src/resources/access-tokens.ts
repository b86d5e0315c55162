import { defineResource } from "./define.js";

/**
 * The original Access Token resource, `/access-tokens` (retired by Losant in 2017): `list()`,
 * `create(body)`, `get(accessTokenId)`, `update(accessTokenId, body)`, `delete(accessTokenId)`.
 */
export const createAccessTokensApi = defineResource("/access-tokens", "/access-tokens/{accessTokenId}", false);

/** The facade `createAccessTokensApi` returns. */
export type AccessTokensApi = ReturnType<typeof createAccessTokensApi>;
