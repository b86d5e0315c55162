/** Replaces every occurrence of the token in a text with `[REDACTED]`. */
export type Redact = (text: string) => string;

/**
 * The shortest token treated as a secret. Losant's tokens are JWTs, well over 100 characters; a shorter
 * one is a stand-in for tests and examples ("t", "any", "test-token"), which is no secret, and which an
 * answer contains by chance ("t" is in every `"type"`): redacting it would garble the answer.
 */
export const SECRET_MIN_LENGTH = 16;

/** Leaves a text as it is: the redactor of a token too short to be a secret. */
const keep: Redact = (text) => text;

/** Makes the redactor of one token: none at all for a stand-in shorter than `SECRET_MIN_LENGTH`. */
export const redactor = (token: string): Redact =>
  token.length < SECRET_MIN_LENGTH ? keep : (text) => text.replaceAll(token, "[REDACTED]");

/**
 * Redacts every string and key of a parsed JSON value. Serialising it again undoes any JSON escapes a
 * server used to hide the token (a bearer token has no character JSON escapes). A value the token is not
 * in comes back as it was (the same value); one too deep to serialise comes back undefined: it could not
 * be logged either, whatever the token.
 */
export function redactValue(value: unknown, redact: Redact): unknown {
  // Even for a stand-in token (which redacts nothing): a value too deep to serialise is dropped alike.
  try {
    const text = JSON.stringify(value);
    const shown = redact(text);
    return shown === text ? value : JSON.parse(shown);
  } catch {
    // Too deep to serialise: the value goes, and the caller falls back to the redacted text.
  }
}
