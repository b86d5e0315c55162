// Loaded only by a client with `validateResponses: true` (a dynamic import): a program that does not ask
// for validation carries none of these bytes. The validators are the spec's response schemas as
// `npm run gen` compiles them (generated/responses.js, whose success bodies the fake runs too); they import nothing.
import type { Validator } from "../../generated/fake-operations.js";
import * as validators from "../../generated/responses.js";
import { LosantValidationError } from "../validation-error.js";
import { mayHaveSucceeded } from "./effect.js";
import type { ResolvedOptions } from "./options.js";
import { pathSerializer } from "./path.js";
import { redactor, redactValue } from "./redact.js";

/** What a typed call resolves with, as far as validation reads it. */
interface Result {
  data?: unknown;
  response: Response;
}

/** Checks what one typed call resolved with: `name` is the client's method, `args` its arguments. */
export type Check = (name: string, args: unknown[], result: Result) => Result;

const table = validators as unknown as Record<string, Validator | undefined>;
const routes: Record<string, string | undefined> = validators.operationIds;

/** Makes the check of a client: a success body that breaks its schema throws LosantValidationError. */
export function createCheck(options: ResolvedOptions): Check {
  const redact = redactor(options.token);
  return (name, args, result) => {
    const { data, response } = result;
    // openapi-fetch sets `data` for a success only (an error status's body, the API's Error, the transport
    // has checked), and not for an empty DELETE answer, which has no body to check.
    if (data === undefined) return result;
    const [method, template, init] = (
      name === "request" ? [String(args[0]).toUpperCase(), ...args.slice(1)] : [name, ...args]
    ) as [string, string, { params?: { path?: Record<string, unknown> }; parseAs?: string } | undefined];
    // A body read as text, a Blob or a stream is the caller's to parse: only JSON is held to the schema.
    if ((init?.parseAs ?? "json") !== "json") return result;
    const operationId = routes[`${method} ${template}`];
    // A path the spec does not have (client.request with any string) has no schema to hold it to.
    if (!operationId) return result;
    const validate = table[`${operationId}_${response.status}`];
    if (validate?.(data)) return result;
    const [first] = validate?.errors ?? [];
    const path = new URL(options.baseUrl + pathSerializer(template, init?.params?.path ?? {})).pathname;
    throw new LosantValidationError(
      { method, path },
      {
        status: response.status,
        operationId,
        pointer: redact(first?.instancePath ?? ""),
        // Ajv words every error (its `messages` option is on by default).
        expected: validate ? redact(String(first?.message)) : "must come with a status the spec gives this operation",
        body: redactValue(data, redact),
        // The package's one rule: a success to a call that changes state says the change was made, whatever its body.
        mayHaveSucceeded: mayHaveSucceeded(method, response.status, undefined, false),
      },
    );
  };
}
