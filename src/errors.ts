import { quote } from "./core/quote.js";

/** The HTTP method and path a failed call was for, as its error reports them. */
export interface RequestSummary {
  method: string;
  path: string;
}

/** Server text as an error message may quote it: the package's one rule (core/quote.ts), bounded, unsafe characters escaped. */
export { quote } from "./core/quote.js";

/** What both errors share: the request they were for, and a JSON form that keeps every field. */
abstract class LosantError extends Error {
  declare readonly method: string;
  declare readonly path: string;
  /** True when the request may have taken effect although the call failed (see the README's Reliability). */
  declare readonly mayHaveSucceeded: boolean;

  constructor(message: string, request: RequestSummary, fields: object, mayHaveSucceeded: boolean, cause?: unknown) {
    const effect = mayHaveSucceeded ? "; it may have taken effect" : "";
    super(`${message}${effect} (${request.method} ${quote(request.path)})`, cause === undefined ? undefined : { cause });
    Object.assign(this, fields, request, { mayHaveSucceeded });
  }

  /** What `JSON.stringify` shows: every own field (the name among them) and the message, which is not enumerable. */
  toJSON(): object {
    return { ...this, message: this.message };
  }
}

/** The API answered with an error status, a redirect, or a success body that is not the JSON it promised. */
export class LosantApiError extends LosantError {
  override name = "LosantApiError";
  /** HTTP status of the response. */
  declare readonly status: number;
  /** The API's error `type`, such as `NotFound` or `Validation`; undefined when the body had none. */
  declare readonly type: string | undefined;
  /** The API's own error `message`, without the status and request this error's `message` adds. */
  declare readonly apiMessage: string | undefined;
  /** The response body as received (parsed when it was JSON), with the token redacted. */
  declare readonly body: unknown;

  constructor(status: number, body: unknown, request: RequestSummary, detail?: string, mayHaveSucceeded = false) {
    const { type, message } = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
    const fields = { status, type: typeof type === "string" ? type : undefined, apiMessage: typeof message === "string" ? message : undefined, body };
    super(
      `Losant API ${status}${fields.type ? ` ${quote(fields.type)}` : ""}: ${detail ?? quote(fields.apiMessage ?? "no error message")}`,
      request,
      fields,
      mayHaveSucceeded,
    );
  }
}

/** No complete HTTP answer: the connection failed, or every attempt timed out. */
export class LosantConnectionError extends LosantError {
  override name = "LosantConnectionError";
  declare readonly reason: "timeout" | "network";
  /** How many attempts were made before giving up. */
  declare readonly attempts: number;
  /** The status of the last attempt when its headers arrived but its body did not. */
  declare readonly status: number | undefined;

  constructor(
    reason: "timeout" | "network",
    attempts: number,
    request: RequestSummary,
    detail: string,
    cause: unknown,
    status: number | undefined,
    mayHaveSucceeded: boolean,
  ) {
    super(`Losant API request ${detail}, attempts: ${attempts}`, request, { reason, attempts, status }, mayHaveSucceeded, cause);
  }
}
