import { defineResource } from "../core/resource.js";
/**
 * The original Access Token resource, `/access-tokens` (retired by Losant in 2017): `list()`,
 * `create(body)`, `get(accessTokenId)`, `update(accessTokenId, body)`, `delete(accessTokenId)`.
 */
export const createAccessTokensApi = defineResource("/access-tokens", "/access-tokens/{accessTokenId}", false);
