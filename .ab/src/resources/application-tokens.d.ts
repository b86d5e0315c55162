/**
 * An application's API tokens, `/applications/{applicationId}/tokens`: the methods of
 * `createUserTokensApi`, each taking the `applicationId` first.
 */
export declare const createApplicationTokensApi: (options: import("../index.js").ClientOptions) => import("../core/resource.js").ResourceApi<"/applications/{applicationId}/tokens", "/applications/{applicationId}/tokens/{apiTokenId}", true>;
/** The facade `createApplicationTokensApi` returns. */
export type ApplicationTokensApi = ReturnType<typeof createApplicationTokensApi>;
