/** Largest request body the fake reads: far above any body the spec allows, far below a memory problem. */
export declare const MAX_BODY_BYTES: number;
/** Reads a request's body as text, refusing it once it passes MAX_BODY_BYTES (the rest is never read). */
export declare function readBody(request: Request): Promise<string>;
/** Whether a Content-Type is JSON: `application/json`, or a `+json` type, with any parameters. */
export declare const isJson: (contentType: string | null) => boolean;
/** The body parsed as JSON, or a 400 that says why it is not. */
export declare function parseJson(text: string): unknown;
