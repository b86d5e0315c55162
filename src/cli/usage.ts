import { clip, escapeJson } from "../core/quote.js";

/** A mistake in the command line: exit 2, one line on stderr, and no request sent. */
export class UsageError extends Error {}

/**
 * User input as a message quotes it: a JSON string, cut by the package's one length rule, with every
 * character that could drive a terminal or hide itself as a \\u escape (JSON.stringify escapes C0 itself).
 */
export const shown = (text: string): string => escapeJson(JSON.stringify(clip(text)));

/** The command was stopped by Ctrl-C: exit 130, and the message says what may exist. */
export class Interrupted extends Error {}
