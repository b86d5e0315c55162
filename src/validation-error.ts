import {
  LosantError,
  quote,
  requestFields,
  requestMessage,
  type RequestErrorOptions,
  type RequestSummary,
} from "./errors.js";

// A module of its own, apart from errors.ts: only the validators (loaded on demand) make one, so a
// program that does not validate, and does not name the class, carries none of it.
/** How a `LosantValidationError` is made: the answer, the operation and the first place it breaks the spec. */
export interface LosantValidationErrorOptions extends RequestErrorOptions {
  /** HTTP status of the response (a 2xx). */
  status: number;
  /** The spec's operationId of the call, such as `listUserTokens`. */
  operationId: string;
  /** Where in the body the answer breaks the schema, as a JSON pointer (`/items/0/scope`; empty for the whole body). */
  pointer: string;
  /** What the schema expected there, in Ajv's words (`must be array`); never the value found. */
  expected: string;
  /** The parsed body, kept as the not-enumerable `body`. */
  body: unknown;
}

/**
 * A success answer whose body does not match the spec's schema for its operation and status (only with
 * `validateResponses: true`). It names the operation, where the body breaks the schema and what was
 * expected, never the value found; the body itself is kept as `body`, not enumerable, so that a created
 * token's secret is never lost with the error, yet never printed with it.
 */
export class LosantValidationError extends LosantError {
  override name = "LosantValidationError";
  declare readonly method: string;
  declare readonly path: string;
  /** HTTP status of the response (a 2xx). */
  declare readonly status: number;
  /** The spec's operationId of the call. */
  declare readonly operationId: string;
  /** Where the body breaks the schema, as a JSON pointer; empty for the whole body. */
  declare readonly pointer: string;
  /** What the schema expected there (`must be array`). */
  declare readonly expected: string;
  /** The body as received and parsed, the client's token redacted; not enumerable. */
  declare readonly body: unknown;

  constructor(request: RequestSummary, options: LosantValidationErrorOptions) {
    const { status, operationId, pointer, expected, mayHaveSucceeded = false } = options;
    const text = `Losant API ${status} answer to ${quote(operationId)} does not match the spec: ${pointer ? quote(pointer) : "the body"} ${quote(expected)}`;
    super(
      requestMessage(text, request, mayHaveSucceeded),
      { status, operationId, pointer, expected, ...requestFields(request, mayHaveSucceeded) },
      options,
    );
    Object.defineProperty(this, "body", { value: options.body, enumerable: false });
  }
}
