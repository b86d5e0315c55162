import { defineResource } from "../core/resource.js";
/**
 * An application's API tokens, `/applications/{applicationId}/tokens`: the methods of
 * `createUserTokensApi`, each taking the `applicationId` first.
 */
export const createApplicationTokensApi = defineResource("/applications/{applicationId}/tokens", "/applications/{applicationId}/tokens/{apiTokenId}", true);
