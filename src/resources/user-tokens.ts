import { defineResource } from "./define.js";

/**
 * The authenticated user's API tokens, `/me/tokens`: `list(query?)`, `listAll(query?)`, `create(body)`,
 * `get(apiTokenId)`, `update(apiTokenId, body)`, `delete(apiTokenId)`.
 */
export const createUserTokensApi = defineResource("/me/tokens", "/me/tokens/{apiTokenId}", true);

/** The facade `createUserTokensApi` returns. */
export type UserTokensApi = ReturnType<typeof createUserTokensApi>;
