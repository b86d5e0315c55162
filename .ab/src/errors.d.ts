/** The HTTP method and path a failed call was for, as its error reports them. */
export interface RequestSummary {
    method: string;
    path: string;
}
/** Server text as an error message may quote it: control and bidi characters blanked, and bounded. */
export declare const quote: (text: string) => string;
/** What both errors share: the request they were for, and a JSON form that keeps every field. */
declare abstract class LosantError extends Error {
    readonly method: string;
    readonly path: string;
    /** True when the request may have taken effect although the call failed (see the README's Reliability). */
    readonly mayHaveSucceeded: boolean;
    constructor(message: string, request: RequestSummary, fields: object, mayHaveSucceeded: boolean, cause?: unknown);
    /** What `JSON.stringify` shows: every own field (the name among them) and the message, which is not enumerable. */
    toJSON(): object;
}
/** The API answered with an error status, a redirect, or a success body that is not the JSON it promised. */
export declare class LosantApiError extends LosantError {
    name: string;
    /** HTTP status of the response. */
    readonly status: number;
    /** The API's error `type`, such as `NotFound` or `Validation`; undefined when the body had none. */
    readonly type: string | undefined;
    /** The API's own error `message`, without the status and request this error's `message` adds. */
    readonly apiMessage: string | undefined;
    /** The response body as received (parsed when it was JSON), with the token redacted. */
    readonly body: unknown;
    constructor(status: number, body: unknown, request: RequestSummary, detail?: string, mayHaveSucceeded?: boolean);
}
/** No complete HTTP answer: the connection failed, or every attempt timed out. */
export declare class LosantConnectionError extends LosantError {
    name: string;
    readonly reason: "timeout" | "network";
    /** How many attempts were made before giving up. */
    readonly attempts: number;
    /** The status of the last attempt when its headers arrived but its body did not. */
    readonly status: number | undefined;
    constructor(reason: "timeout" | "network", attempts: number, request: RequestSummary, detail: string, cause: unknown, status: number | undefined, mayHaveSucceeded: boolean);
}
export {};
