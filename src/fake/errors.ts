import { escapeJson, QUOTE_LIMIT } from "../core/quote.js";
import type { ErrorBody } from "../types.js";

/** An answer the fake gives instead of doing what was asked: a status and Losant's `{ type, message }` body. */
export class Refusal {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly message: string,
    readonly headers: Record<string, string> = {},
  ) {}

  /** The error body, as Losant's API sends it. */
  get body(): ErrorBody {
    return { type: this.type, message: this.message };
  }
}

/** Throws the TypeError a fake's bad option or seed gets: a programming error of the test, not an answer. */
export const badOption = (message: string): never => {
  throw new TypeError(`losant-access-tokens/fake: ${message}`);
};

/** 400: a parameter or body the spec rejects, or one the fake cannot take; the message says which and why. */
export const invalid = (message: string): Refusal => new Refusal(400, "Validation", message);

/** 404: no token with that id in that collection (or it was deleted); the wording of the spec's example. */
export const notFound = (what: "API Token" | "Access Token" | "OAuth Token"): Refusal =>
  new Refusal(404, "NotFound", `${what} was not found`);

/** Longest piece of a request (a path, a value) that a message quotes: the package's one length rule. */
const CLIP = QUOTE_LIMIT;

/**
 * Writes `value` as JSON into `out` until `out` holds more than CLIP characters, then stops: a value
 * nested 100,000 deep or 50 MB long costs no more than its first CLIP characters (no stack overflow,
 * no huge string). What JSON.stringify leaves out of an object (undefined, functions) is left out here.
 */
function write(value: unknown, out: string[], room: { left: number }): void {
  const put = (text: string) => {
    out.push(text);
    room.left -= text.length;
  };
  const data =
    value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function"
      ? (value as { toJSON: () => unknown }).toJSON()
      : value;
  if (data === null || typeof data !== "object") {
    // A long string is cut before it is escaped: its first CLIP characters are all a message can show
    // (after the opening quote, the CLIP-th is past the cut, so even a surrogate pair split there is not shown).
    if (typeof data === "string") {
      // Stryker disable next-line MethodExpression: without the cut the text shown is the same, only a huge string is escaped whole first
      put(JSON.stringify(data.slice(0, CLIP)));
    } else put(typeof data === "number" || typeof data === "boolean" ? JSON.stringify(data) : "null");
    return;
  }
  const list = Array.isArray(data);
  // An array's items as JSON.stringify writes them (a hole or undefined is null); an object's entries
  // without those JSON leaves out. Each is written only while there is room: a huge one stops early.
  const entries = list
    ? data.entries()
    : Object.entries(data).filter(
        ([, item]) => item !== undefined && typeof item !== "function" && typeof item !== "symbol",
      );
  put(list ? "[" : "{");
  let first = true;
  for (const [key, item] of entries) {
    if (room.left < 0) return;
    if (!first) put(",");
    first = false;
    // Stryker disable next-line MethodExpression: as for a string above, the cut changes no character shown
    if (!list) put(`${JSON.stringify(String(key).slice(0, CLIP))}:`);
    write(item, out, room);
  }
  put(list ? "]" : "}");
}

/** A value as a message quotes it: JSON, clipped to CLIP characters (followed by `…` when it was longer), unsafe characters as `\u` escapes. */
export const quoted = (value: unknown): string => {
  if (value === undefined || typeof value === "function" || typeof value === "symbol" || typeof value === "bigint")
    return String(value);
  const out: string[] = [];
  write(value, out, { left: CLIP });
  const text = out.join("");
  // Escaped after the cut: what JSON leaves raw that a terminal would act on or hide.
  return escapeJson(text.length > CLIP ? `${text.slice(0, CLIP)}…` : text);
};
