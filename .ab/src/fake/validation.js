import { quoted } from "./errors.js";
/** Enums this long are counted in a message rather than listed. */
const LISTED = 8;
const segments = (pointer) => pointer
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
/** A namer for a value called `root`: `root`, `root.name`, `root.scope[2]`. */
export const dotted = (root) => (pointer) => segments(pointer).reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : `${name}.${part}`), root);
/** A namer for the `{ path, query, header }` object of an operation's parameters. */
export const parameterNamer = (pointer) => {
    const [location = "", name = "", ...rest] = segments(pointer);
    const place = location === "header" ? `header ${name}` : `${location} parameter ${name}`;
    return rest.length ? dotted(place)(`/${rest.join("/")}`) : place;
};
/** The values an enum error allows. */
const allowed = (error) => (Array.isArray(error.params["allowedValues"]) ? error.params["allowedValues"] : []);
/** "must be one of a, b" or, for a long list, how many values the spec lists. */
function oneOf(values) {
    return values.length <= LISTED ? `must be one of ${values.map((v) => String(v)).join(", ")}` : `must be one of the ${values.length} values the spec lists`;
}
/** The part of a value a JSON pointer designates. */
const at = (value, pointer) => segments(pointer).reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), value);
/** One sentence for the error Ajv stopped at, in the words of the place it names. */
function sentence(errors, value, name) {
    const last = errors[errors.length - 1];
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
            return Array.isArray(data) && name === parameterNamer ? `${where} is given more than once` : `${where} ${last.message ?? "has the wrong type"}${got}`;
        case "oneOf":
        case "anyOf": {
            // Ajv reports each alternative's failure before the combinator's own: when every one was an enum
            // for this same value, the value is simply not among all of them.
            const branches = errors.slice(0, -1).filter((e) => e.instancePath === last.instancePath && e.keyword !== "oneOf" && e.keyword !== "anyOf");
            if (branches.length && branches.every((e) => e.keyword === "enum"))
                return `${where} ${oneOf(branches.flatMap(allowed))}${got}`;
            return `${where} matches none of the forms the spec allows${got}`;
        }
        default:
            return `${where} ${last.message ?? `breaks the spec's ${last.keyword} rule`}`;
    }
}
/** Checks a value with one of the generated validators: undefined when it holds, else what was wrong and where. */
export function check(validate, value, name) {
    if (validate(value))
        return undefined;
    const errors = validate.errors ?? [];
    return errors.length ? sentence(errors, value, name) : `${name("")} breaks the spec`;
}
