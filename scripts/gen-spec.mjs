// Part of `npm run gen`: the spec as data, read once for every step that needs it so (the fake's validators
// and the scope list), and its local references followed. js-yaml, the parser Redocly's linter itself
// uses, with YAML 1.2's core schema (no dates or other tags a JSON spec cannot hold).
import { readFile } from "node:fs/promises";
import { CORE_SCHEMA, load } from "js-yaml";

/** The spec at `specPath` as data. */
export async function readSpec(specPath) {
  return load(await readFile(specPath, "utf8"), { schema: CORE_SCHEMA, filename: specPath });
}

/** `node`, or what its local `#/…` `$ref` points at in `spec` (the lint has already proved it resolves). */
export function resolveRef(spec, node) {
  if (!node?.$ref) return node;
  return node.$ref
    .replace(/^#\//, "")
    .split("/")
    .reduce((at, part) => at[part.replaceAll("~1", "/").replaceAll("~0", "~")], spec);
}
