import type { components } from "../generated/openapi.js";

type ErrorBody = components["schemas"]["Error"];

/** The HTTP method and path a failed call was for, as its error reports them. */
export interface RequestSummary {
  method: string;
  path: string;
}

/** What both errors share: the request they were for, and a JSON form that keeps every field. */
abstract class LosantError extends Error {
  declare readonly method: string;
  declare readonly path: string;

  constructor(message: string, request: RequestSummary, fields: object, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, fields, request);
  }

  /** What `JSON.stringify` shows: every own field (the name among them) and the message, which is not enumerable. */
  toJSON(): object {
    return { ...this, message: this.message };
  }
}

/** The API answered with an error status, or with a success body that is not the JSON it promised. */
export class LosantApiError extends LosantError {
  override name = "LosantApiError";
  /** HTTP status of the response. */
  declare readonly status: number;
  /** The API's error `type`, such as `NotFound` or `Validation`; absent when the body had none. */
  declare readonly type: string | undefined;
  /** The API's own error `message`, without the status and request this error's `message` adds. */
  declare readonly apiMessage: string | undefined;
  /** The parsed response body, with the token redacted. */
  declare readonly body: unknown;

  constructor(status: number, body: unknown, request: RequestSummary, detail?: string) {
    const { type, message } = (body && typeof body === "object" ? body : {}) as ErrorBody;
    super(
      `Losant API ${status}${type ? ` ${type}` : ""}: ${detail ?? message ?? "no error message"} (${request.method} ${request.path})`,
      request,
      { status, type, apiMessage: message, body },
    );
  }
}

/** No HTTP answer at all: the connection failed, or every attempt timed out. */
export class LosantConnectionError extends LosantError {
  override name = "LosantConnectionError";
  declare readonly reason: "timeout" | "network";
  /** How many attempts were made before giving up. */
  declare readonly attempts: number;

  constructor(reason: "timeout" | "network", attempts: number, request: RequestSummary, detail: string, cause: unknown) {
    super(
      `Losant API request ${detail} (${request.method} ${request.path}, attempts: ${attempts})`,
      request,
      { reason, attempts },
      cause,
    );
  }
}
