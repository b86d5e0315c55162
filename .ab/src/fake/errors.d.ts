import type { ErrorBody } from "../types.js";
/** An answer the fake gives instead of doing what was asked: a status and Losant's `{ type, message }` body. */
export declare class Refusal {
    readonly status: number;
    readonly type: string;
    readonly message: string;
    readonly headers: Record<string, string>;
    constructor(status: number, type: string, message: string, headers?: Record<string, string>);
    /** The error body, as Losant's API sends it. */
    get body(): ErrorBody;
}
/** 400: a parameter or body the spec rejects, or one the fake cannot take; the message says which and why. */
export declare const invalid: (message: string) => Refusal;
/** 404: no token with that id in that collection (or it was deleted); the wording of the spec's example. */
export declare const notFound: (what: "API Token" | "Access Token") => Refusal;
/** A value as a message quotes it: JSON, clipped. */
export declare const quoted: (value: unknown) => string;
