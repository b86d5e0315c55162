import { quote } from "./core/quote.js";

/** The HTTP method and path a failed call was for, as its error reports them. */
export interface RequestSummary {
  method: string;
  path: string;
}

/** Server text as an error message may quote it: the package's one rule (core/quote.ts), bounded, unsafe characters escaped. */
export { quote } from "./core/quote.js";

// A registered symbol, the same in every copy of the package and every realm: `isLosantError` reads it,
// so an error from another copy (two versions installed side by side) is recognised too.
const BRAND = Symbol.for("losant-access-tokens.LosantError");

/** What every error of the family takes: the failure it stems from, if any. */
export interface LosantErrorOptions {
  /** The error this one stems from (what a fetch threw, the failed step of a rotation). */
  cause?: unknown;
}

/** What every error about one request takes: that request, and whether it may have taken effect. */
export interface RequestErrorOptions extends LosantErrorOptions {
  /** True when the request may have taken effect although the call failed; false by default. */
  mayHaveSucceeded?: boolean;
}

/**
 * The base of every error the package throws about Losant's answers (or their absence): `instanceof
 * LosantError`, or `isLosantError` across copies of the package. Each says `mayHaveSucceeded`, and has a
 * JSON form that keeps every field; credentials never appear in any of its renderings.
 */
export abstract class LosantError extends Error {
  /** True when what was asked may have taken effect although the call failed (see docs/reliability.md). */
  declare readonly mayHaveSucceeded: boolean;

  protected constructor(message: string, fields: object, options: LosantErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    Object.assign(this, fields);
  }

  /** What `JSON.stringify` shows: every own enumerable field (the name among them) and the message, which is not enumerable. */
  toJSON(): object {
    return { ...this, message: this.message };
  }

  static {
    Object.defineProperty(LosantError.prototype, BRAND, { value: true });
  }
}

/**
 * True for an error of the family: `instanceof LosantError`, or one that another copy of the package
 * threw (it carries the family's registered brand), such as a second version installed beside this one.
 */
export function isLosantError(value: unknown): value is LosantError {
  return (
    value instanceof LosantError ||
    (value instanceof Error && (value as unknown as Record<symbol, unknown>)[BRAND] === true)
  );
}

/** The message of an error about one request: what happened, whether it may have taken effect, and the request. */
export const requestMessage = (message: string, request: RequestSummary, mayHaveSucceeded: boolean): string =>
  `${message}${mayHaveSucceeded ? "; it may have taken effect" : ""} (${request.method} ${quote(request.path)})`;

/** What an error about one request carries besides its own fields. */
export const requestFields = (request: RequestSummary, mayHaveSucceeded = false) => ({
  method: request.method,
  path: request.path,
  mayHaveSucceeded,
});

/** How a `LosantApiError` is made: the status and body received, and what to say when the body is not the API's Error. */
export interface LosantApiErrorOptions extends RequestErrorOptions {
  /** HTTP status of the response. */
  status: number;
  /** The response body as received (parsed when it was JSON), with the token redacted. */
  body?: unknown;
  /** What went wrong, in place of the API's own error message (a redirect, a body over the limit). */
  detail?: string | undefined;
}

/** The API answered with an error status, a redirect, or a success body that is not the JSON it promised. */
export class LosantApiError extends LosantError {
  override name = "LosantApiError";
  declare readonly method: string;
  declare readonly path: string;
  /** HTTP status of the response. */
  declare readonly status: number;
  /** The API's error `type`, such as `NotFound` or `Validation`; undefined when the body had none. */
  declare readonly type: string | undefined;
  /** The API's own error `message`, without the status and request this error's `message` adds. */
  declare readonly apiMessage: string | undefined;
  /** The response body as received (parsed when it was JSON), with the token redacted. */
  declare readonly body: unknown;

  constructor(request: RequestSummary, options: LosantApiErrorOptions) {
    const { status, body, detail, mayHaveSucceeded = false } = options;
    const { type, message } = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
    const fields = {
      status,
      type: typeof type === "string" ? type : undefined,
      apiMessage: typeof message === "string" ? message : undefined,
      body,
    };
    const text = `Losant API ${status}${fields.type ? ` ${quote(fields.type)}` : ""}: ${detail ?? quote(fields.apiMessage ?? "no error message")}`;
    super(
      requestMessage(text, request, mayHaveSucceeded),
      { ...fields, ...requestFields(request, mayHaveSucceeded) },
      options,
    );
  }
}

/** How a `LosantConnectionError` is made: why and after how many attempts it gave up. */
export interface LosantConnectionErrorOptions extends RequestErrorOptions {
  reason: "timeout" | "network";
  /** How many attempts were made before giving up. */
  attempts: number;
  /** What happened, as the message says it ("timed out after 30000 ms", "failed: ECONNRESET"). */
  detail: string;
  /** The status of the last attempt when its headers arrived but its body did not. */
  status?: number | undefined;
}

/** No complete HTTP answer: the connection failed, or every attempt timed out. */
export class LosantConnectionError extends LosantError {
  override name = "LosantConnectionError";
  declare readonly method: string;
  declare readonly path: string;
  declare readonly reason: "timeout" | "network";
  /** How many attempts were made before giving up. */
  declare readonly attempts: number;
  /** The status of the last attempt when its headers arrived but its body did not. */
  declare readonly status: number | undefined;

  constructor(request: RequestSummary, options: LosantConnectionErrorOptions) {
    const { reason, attempts, detail, status, mayHaveSucceeded = false } = options;
    const message = requestMessage(`Losant API request ${detail}, attempts: ${attempts}`, request, mayHaveSucceeded);
    // The key order of the JSON form stays what it was: the error's own fields, then the request's.
    super(message, { reason, attempts, status, ...requestFields(request, mayHaveSucceeded) }, options);
  }
}

/** How a `LosantPageLimitError` is made: the limit that was reached. */
export interface LosantPageLimitErrorOptions extends LosantErrorOptions {
  /** How many pages were read: the `maxPages` of the call. */
  maxPages: number;
}

/** `listAll` read `maxPages` pages and the list had not ended: it stops rather than yield a silent partial list. */
export class LosantPageLimitError extends LosantError {
  override name = "LosantPageLimitError";
  declare readonly method: string;
  declare readonly path: string;
  /** The limit reached: the most pages the call would read. */
  declare readonly maxPages: number;

  constructor(request: RequestSummary, options: LosantPageLimitErrorOptions) {
    const { maxPages } = options;
    const message = `listAll read ${maxPages} pages (its maxPages) and the list had not ended: raise maxPages, or filter the list`;
    super(requestMessage(message, request, false), { maxPages, ...requestFields(request) }, options);
  }
}
