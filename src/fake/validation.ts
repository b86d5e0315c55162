import type { ValidationError, Validator } from "../../generated/fake-operations.js";
import { quoted } from "./errors.js";

/** Names the place a JSON pointer into the checked value designates, such as `body.orgRoles[0].role`. */
export type Namer = (pointer: string) => string;

/** Enums this long are listed in a message; longer ones are counted (sortField's six values are the longest list the spec's short enums have). */
const LISTED = 6;

// A pointer's parts need no `~0`/`~1` unescaping: every part Ajv writes is an index or a property name
// of the spec's schemas (none holds `~` or `/`), since no schema of the spec checks keys it does not name.
const segments = (pointer: string) => pointer.split("/").slice(1);

/** A namer for a value called `root`: `root`, `root.name`, `root.scope[2]`. */
export const dotted =
  (root: string): Namer =>
  (pointer) =>
    segments(pointer).reduce(
      (name, part) => (Number.isInteger(Number(part)) ? `${name}[${part}]` : `${name}.${part}`),
      root,
    );

/**
 * A namer for the `{ path, query, header }` object of an operation's parameters. Only a path or a query
 * parameter can be wrong, and only as a whole: a header parameter is any string, and none is an object.
 */
export const parameterNamer: Namer = (pointer) => {
  const [location, name] = segments(pointer);
  return `${location} parameter ${name}`;
};

/** The values an enum error allows. */
const allowed = (error: ValidationError): unknown[] => error.params["allowedValues"] as unknown[];

/** "must be one of a, b" or, for a long list, how many values the spec lists. */
function oneOf(values: unknown[]): string {
  return values.length <= LISTED
    ? `must be one of ${values.map((v) => String(v)).join(", ")}`
    : `must be one of the ${values.length} values the spec lists`;
}

/** The part of a value a JSON pointer designates: Ajv's pointers lead through objects and arrays only. */
const at = (value: unknown, pointer: string): unknown =>
  segments(pointer).reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], value);

/** One sentence for the error Ajv stopped at, in the words of the place it names. */
function sentence(errors: ValidationError[], value: unknown, name: Namer): string {
  const last = errors[errors.length - 1] as ValidationError;
  const where = name(last.instancePath);
  const data = at(value, last.instancePath);
  const got = data === undefined ? "" : `, got ${quoted(data)}`;
  switch (last.keyword) {
    case "required":
      return `${name(`${last.instancePath}/${String(last.params["missingProperty"])}`)} is required`;
    case "additionalProperties":
      return `${where} must not have ${quoted(last.params["additionalProperty"])}: the spec does not allow it there`;
    case "enum":
      return `${where} ${oneOf(allowed(last))}${got}`;
    case "type":
      // Parameters arrive as strings, or as the list of every value of one given twice.
      return Array.isArray(data) && name === parameterNamer
        ? `${where} is given more than once`
        : `${where} ${last.message}${got}`;
    case "oneOf": {
      // Ajv reports each alternative's failure before the combinator's own (allErrors is off, so nothing
      // else is listed; the spec's alternatives are all of one value, none an object). When every one was
      // an enum, the value is simply not among all of them. (The spec uses oneOf only; none of its
      // alternatives overlap, so it never fails for matching two.)
      const branches = errors.filter((e) => e.keyword !== "oneOf");
      if (branches.every((e) => e.keyword === "enum")) return `${where} ${oneOf(branches.flatMap(allowed))}${got}`;
      return `${where} matches none of the forms the spec allows${got}`;
    }
    default:
      return `${where} ${last.message}`;
  }
}

/** Checks a value with one of the generated validators: undefined when it holds, else what was wrong and where. */
export function check(validate: Validator, value: unknown, name: Namer): string | undefined {
  // Ajv's code sets its errors, each with a message, whenever it returns false.
  return validate(value) ? undefined : sentence(validate.errors as ValidationError[], value, name);
}
