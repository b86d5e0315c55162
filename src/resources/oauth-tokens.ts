import { defineResource } from "./define.js";

/**
 * The grants the authenticated user gave OAuth clients, `/me/oauth-tokens`: `list(query?)`,
 * `listAll(query?)`, `create(body)`, `get(oauthTokenId)`, `update(oauthTokenId, body)`,
 * `delete(oauthTokenId)`. An OAuth token has no secret: nothing here returns one.
 */
export const createOauthTokensApi = defineResource("/me/oauth-tokens", "/me/oauth-tokens/{oauthTokenId}", true);

/** The facade `createOauthTokensApi` returns. */
export type OauthTokensApi = ReturnType<typeof createOauthTokensApi>;
