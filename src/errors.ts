import type { components } from "../generated/openapi.js";

type ErrorBody = components["schemas"]["Error"];

/** The HTTP method and path a failed call was for, as its error reports them. */
export interface RequestSummary {
  method: string;
  path: string;
}

/** The API answered with an error status, or with a success body that is not the JSON it promised. */
export class LosantApiError extends Error {
  override name = "LosantApiError";
  /** HTTP status of the response. */
  readonly status: number;
  /** The API's error `type`, such as `NotFound` or `Validation`; absent when the body had none. */
  readonly type: string | undefined;
  /** The API's own error `message`, without the status and request this error's `message` adds. */
  readonly apiMessage: string | undefined;
  /** The parsed response body, with the token redacted. */
  readonly body: unknown;
  readonly method: string;
  readonly path: string;

  constructor(status: number, body: unknown, request: RequestSummary, detail?: string) {
    const { type, message } = (body && typeof body === "object" ? body : {}) as ErrorBody;
    const text = detail ?? message ?? "no error message";
    super(`Losant API ${status}${type ? ` ${type}` : ""}: ${text} (${request.method} ${request.path})`);
    this.status = status;
    this.type = type;
    this.apiMessage = message;
    this.body = body;
    this.method = request.method;
    this.path = request.path;
  }

  /** What `JSON.stringify` shows: every field a caller branches on, and the message. */
  toJSON(): Record<string, unknown> {
    const { name, message, status, type, apiMessage, method, path, body } = this;
    return { name, message, status, type, apiMessage, method, path, body };
  }
}

/** No HTTP answer at all: the connection failed, or every attempt timed out. */
export class LosantConnectionError extends Error {
  override name = "LosantConnectionError";
  readonly reason: "timeout" | "network";
  /** How many attempts were made before giving up. */
  readonly attempts: number;
  readonly method: string;
  readonly path: string;

  constructor(reason: "timeout" | "network", attempts: number, request: RequestSummary, detail: string, cause: unknown) {
    super(`Losant API request ${detail} (${request.method} ${request.path}, ${attempts} attempt${attempts === 1 ? "" : "s"})`, {
      cause,
    });
    this.reason = reason;
    this.attempts = attempts;
    this.method = request.method;
    this.path = request.path;
  }

  toJSON(): Record<string, unknown> {
    const { name, message, reason, attempts, method, path } = this;
    return { name, message, reason, attempts, method, path };
  }
}
