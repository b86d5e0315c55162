import { defineResource } from "./define.js";

/**
 * An application's API tokens, `/applications/{applicationId}/tokens`: the methods of
 * `createUserTokensApi`, each taking the `applicationId` first.
 */
export const createApplicationTokensApi = defineResource(
  "/applications/{applicationId}/tokens",
  "/applications/{applicationId}/tokens/{apiTokenId}",
  true,
);

/** The facade `createApplicationTokensApi` returns. */
export type ApplicationTokensApi = ReturnType<typeof createApplicationTokensApi>;
