// Part of `npm run gen`: compiles the spec into generated/openapi.ts with openapi-typescript. Run in a
// worker thread (scripts/gen-worker.mjs), which sets up V8's code cache before this loads TypeScript.
// Required, not imported: requiring CommonJS spares Node's scan of TypeScript's source for named exports,
// which ESM imports of CommonJS pay.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { default: openapiTS, astToString, COMMENT_HEADER } = require("openapi-typescript");

/** The types of the spec at `specPath`, as the one file gen writes for them. */
export async function compileTypes(specPath) {
  const ast = await openapiTS(pathToFileURL(specPath), { silent: true });
  return { "openapi.ts": `${COMMENT_HEADER}${astToString(ast)}` };
}
