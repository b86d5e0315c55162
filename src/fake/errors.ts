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

/** 400: a parameter or body the spec rejects, or one the fake cannot take; the message says which and why. */
export const invalid = (message: string): Refusal => new Refusal(400, "Validation", message);

/** 404: no token with that id in that collection (or it was deleted); the wording of the spec's example. */
export const notFound = (what: "API Token" | "Access Token"): Refusal => new Refusal(404, "NotFound", `${what} was not found`);

/** Longest piece of a request (a path, a value) that a message quotes. */
const CLIP = 120;

/** A value as a message quotes it: JSON, clipped. */
export const quoted = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > CLIP ? `${text.slice(0, CLIP)}…` : text;
};
