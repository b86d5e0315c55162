/** Makes the redactor of one token. */
export const redactor = (token) => (text) => text.replaceAll(token, "[REDACTED]");
/**
 * Redacts every string and key of a parsed JSON value. Serialising it again undoes any JSON escapes a
 * server used to hide the token (a bearer token has no character JSON escapes). A value too deep to
 * serialise comes back undefined: it could not be logged either.
 */
export function redactValue(value, redact) {
    try {
        return JSON.parse(redact(JSON.stringify(value)));
    }
    catch {
        return undefined;
    }
}
