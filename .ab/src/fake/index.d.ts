import type { AccessToken, ApiToken } from "../types.js";
import type { FakeUser } from "./handlers.js";
import { type FakeLosantData } from "./seeds.js";
export type { AccessTokenSeed, ApiTokenSeed, FakeLosantData } from "./seeds.js";
export type { FakeUser } from "./handlers.js";
/** How a fake is set up; every option may be left out. */
export interface FakeLosantOptions {
    /** The bearer tokens it accepts: a list, or a function that decides; by default any non-empty token. */
    acceptTokens?: readonly string[] | ((token: string) => boolean);
    /** Where it reads the time (creation and update dates, ids); by default the system clock. */
    clock?: () => Date;
    /** The user behind every accepted token: owner of `/me/tokens`, creator of new tokens. */
    user?: Partial<FakeUser>;
    /** The tokens it starts with, and returns to on `reset()`. */
    initial?: FakeLosantData;
}
/** Everything a fake holds, as plain data (a copy: changing it changes nothing). */
export interface FakeLosantState {
    userTokens: ApiToken[];
    /** Only the applications that have tokens, by application id. */
    applicationTokens: Record<string, ApiToken[]>;
    accessTokens: AccessToken[];
}
/** An in-memory Losant token API behind a `fetch`. */
export interface FakeLosant {
    /** Answers a request as Losant's API would: give it to a client as its `fetch`, or call it like the global one. */
    fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
    /** Back to the initial data, as if new. */
    reset(): void;
    /** What it holds now, in creation order, for assertions. */
    state(): FakeLosantState;
}
/**
 * Creates an in-memory fake of Losant's token API (`/me/tokens`, `/applications/{applicationId}/tokens`
 * and `/access-tokens`) that holds every request and answer to the spec: hand `fake.fetch` to any client.
 */
export declare function createFakeLosant(options?: FakeLosantOptions): FakeLosant;
