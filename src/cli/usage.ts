/** A mistake in the command line: exit 2, one line on stderr, and no request sent. */
export class UsageError extends Error {}

/** Longest piece of user input a message quotes. */
const CLIP = 60;

/**
 * User input as a message quotes it: one line, bounded, control characters blanked. JSON.stringify
 * escapes C0 controls itself; DEL, C1 controls, line separators and bidi controls are blanked.
 */
export const shown = (text: string): string => JSON.stringify(text.length > CLIP ? `${text.slice(0, CLIP)}…` : text).replace(/[\x7f-\x9f\u2028-\u202e\u2066-\u2069]/g, " ");
