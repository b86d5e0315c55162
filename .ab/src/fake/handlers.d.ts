import type { operations } from "../../generated/fake-operations.js";
import { type Store } from "./store.js";
/** The user every accepted bearer token stands for: the owner of `/me/tokens` and the creator of new tokens. */
export interface FakeUser {
    id: string;
    name: string;
}
/** One call, once routed and checked against the spec: parameters coerced and defaulted, body valid. */
export interface Call {
    path: Record<string, string>;
    query: Record<string, unknown>;
    body: Record<string, unknown> | undefined;
    store: Store;
    now: Date;
    user: FakeUser;
}
/** The success status and body of a call; refusals are thrown as `Refusal`. */
export type Handler = (call: Call) => unknown;
/** Every operation's id, as the spec names it. */
export type OperationId = keyof typeof operations;
/** Each operation's semantics: a spec that gains an operation fails to compile here until it has one. */
export declare const handlers: Record<OperationId, Handler>;
