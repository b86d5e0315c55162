import type { AccessToken, ApiToken } from "../types.js";
import type { FakeUser } from "./handlers.js";
import { type Store } from "./store.js";
/** A token to start with: what the API would return for it, less its secret; the fake fills what is left out. */
export type ApiTokenSeed = Omit<ApiToken, "token">;
/** An access token to start with, less its secret. */
export type AccessTokenSeed = Omit<AccessToken, "token">;
/** The tokens a fake starts with, and returns to on `reset()`. */
export interface FakeLosantData {
    /** The user's API tokens, `/me/tokens`. */
    userTokens?: ApiTokenSeed[];
    /** API tokens by application id, `/applications/{applicationId}/tokens`. */
    applicationTokens?: Record<string, ApiTokenSeed[]>;
    /** The user's access tokens, `/access-tokens`. */
    accessTokens?: AccessTokenSeed[];
}
/** The store a fake starts from: every seed completed and checked, or a TypeError naming the first bad one. */
export declare function initialStore(data: unknown, user: FakeUser, now: Date): Store;
