/** Replaces every occurrence of the token in a text with `[REDACTED]`. */
export type Redact = (text: string) => string;
/** Makes the redactor of one token. */
export declare const redactor: (token: string) => Redact;
/**
 * Redacts every string and key of a parsed JSON value. Serialising it again undoes any JSON escapes a
 * server used to hide the token (a bearer token has no character JSON escapes). A value too deep to
 * serialise comes back undefined: it could not be logged either.
 */
export declare function redactValue(value: unknown, redact: Redact): unknown;
