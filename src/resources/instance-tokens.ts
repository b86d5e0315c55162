import { defineResource } from "./define.js";

/**
 * An instance's API tokens, `/instances/{instanceId}/tokens`: the methods of `createUserTokensApi`,
 * each taking the `instanceId` first.
 */
export const createInstanceTokensApi = defineResource(
  "/instances/{instanceId}/tokens",
  "/instances/{instanceId}/tokens/{apiTokenId}",
  true,
);

/** The facade `createInstanceTokensApi` returns. */
export type InstanceTokensApi = ReturnType<typeof createInstanceTokensApi>;
