// Untrusted text as the package shows it: the one rule for quoting server text, paths and user input in
// messages, and for showing server text on a terminal. It imports nothing, so the errors, the CLI and the
// fake (which imports nothing outside its own files at run time but this) can all use it.

/** Longest piece of untrusted text a message quotes; longer text is cut and ends with `…`. */
export const QUOTE_LIMIT = 200;

/**
 * What can drive a terminal or make two different texts look alike: C0 and C1 controls and DEL (ESC
 * starts every CSI, OSC and OSC-8 sequence, and 0x9B is a CSI of its own), the Arabic letter mark and
 * the bidi embeddings, overrides and isolates, zero-width characters and the byte order mark, the line
 * and paragraph separators, and the backslash (so that an escape shown is never mistaken for the same
 * text typed).
 */
const UNSAFE = /[\0-\x1f\x7f-\x9f\\\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
/** The same, and lone surrogates, which a terminal shows as one replacement character whatever they were. */
const UNSAFE_SHOWN = /[\0-\x1f\x7f-\x9f\\\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]|\p{Cs}/gu;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/** Whether the zero-width joiner at `at` joins two pictographs, as in 👩‍💻: it is part of the emoji then. */
function joinsEmoji(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 3), at).replace(/\ufe0f$/, "");
  const after = text.slice(at + 1, at + 3);
  return PICTOGRAPH.test([...before].pop() ?? "") && PICTOGRAPH.test([...after][0] ?? "");
}

/** One unsafe character as its visible escape. */
const escaped = (char: string): string =>
  char === "\\" ? "\\\\" : `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** `text` with every unsafe character shown as a visible escape (`\u001b`, `\\`); an emoji's joiner stays, for a person to see the emoji. */
export const escapeUnsafe = (text: string): string =>
  text.replace(UNSAFE_SHOWN, (char, at: number) => (char === "\u200d" && joinsEmoji(text, at) ? char : escaped(char)));

/** Cuts `text` to QUOTE_LIMIT characters (UTF-16 code units), with `…` when it was longer. */
export const clip = (text: string): string => (text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text);

/**
 * Untrusted text as a message quotes it: cut to QUOTE_LIMIT characters, every unsafe character escaped
 * (a joiner too: a message names, it does not draw; and the library's bundles stay without the emoji rule).
 */
export const quote = (text: string): string => clip(text).replace(UNSAFE, escaped);

/** What JSON.stringify leaves raw that a terminal would act on or hide (it escapes C0 and lone surrogates itself). */
const JSON_UNSAFE = /[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** JSON text with every such character written as a `\u` escape: the same JSON, which parses back to the exact text. */
export const escapeJson = (jsonText: string): string =>
  jsonText.replace(JSON_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
