// Part of `npm run gen`: the spec read and parsed once for every step that needs it as data (the fake's
// validators and the scope list). js-yaml, the parser Redocly's linter itself uses, with YAML 1.2's core
// schema (no dates or other tags a JSON spec cannot hold). Parsed again only when the file's text changed.
import { readFile } from "node:fs/promises";
import { CORE_SCHEMA, load } from "js-yaml";

let last;

/** The spec at `specPath` as data, frozen: the steps that share it cannot change it under each other. */
export async function readSpec(specPath) {
  const text = await readFile(specPath, "utf8");
  if (last?.specPath !== specPath || last.text !== text)
    last = { specPath, text, spec: deepFreeze(load(text, { schema: CORE_SCHEMA, filename: specPath })) };
  return last.spec;
}

function deepFreeze(value) {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
