/**
 * The original Access Token resource, `/access-tokens` (retired by Losant in 2017): `list()`,
 * `create(body)`, `get(accessTokenId)`, `update(accessTokenId, body)`, `delete(accessTokenId)`.
 */
export declare const createAccessTokensApi: (options: import("../index.js").ClientOptions) => {
    readonly client: import("../client.js").AccessTokensClient;
    list(options?: import("../core/resource.js").CallOptions | undefined): Promise<{
        items?: import("../index.js").components["schemas"]["AccessToken"][];
        count?: number;
    }>;
    create(body: {
        name: string;
        expirationDate?: string;
        scope?: string[];
        status?: "active" | "inactive";
    }, options?: import("../core/resource.js").CallOptions | undefined): Promise<{
        id?: string;
        accessTokenId?: string;
        userId?: string;
        name?: string;
        creationDate?: string;
        lastUpdated?: string;
        expirationDate?: string;
        scope?: string[];
        status?: "active" | "inactive";
        token?: string;
    }>;
    get(accessTokenId: string, options?: import("../core/resource.js").CallOptions | undefined): Promise<{
        id?: string;
        accessTokenId?: string;
        userId?: string;
        name?: string;
        creationDate?: string;
        lastUpdated?: string;
        expirationDate?: string;
        scope?: string[];
        status?: "active" | "inactive";
        token?: string;
    }>;
    update(accessTokenId: string, body: {
        name?: string;
        status?: "active" | "inactive";
    }, options?: import("../core/resource.js").CallOptions | undefined): Promise<{
        id?: string;
        accessTokenId?: string;
        userId?: string;
        name?: string;
        creationDate?: string;
        lastUpdated?: string;
        expirationDate?: string;
        scope?: string[];
        status?: "active" | "inactive";
        token?: string;
    }>;
    delete(accessTokenId: string, options?: import("../core/resource.js").CallOptions | undefined): Promise<{
        success?: true;
    }>;
};
/** The facade `createAccessTokensApi` returns. */
export type AccessTokensApi = ReturnType<typeof createAccessTokensApi>;
