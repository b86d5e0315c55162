// Worker thread of scripts/gen.mjs: compiles the spec with openapi-typescript while the main thread lints.
// Loading openapi-typescript is most of gen's time (it brings the 9 MB TypeScript compiler), so it gets
// its own core, and the compiled TypeScript code is kept in V8's code cache between runs.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
import { parentPort } from "node:worker_threads";

const require = createRequire(import.meta.url);
const tsFile = require.resolve("typescript");
const tsPackage = require.resolve("typescript/package.json");
const { version } = JSON.parse(readFileSync(tsPackage, "utf8"));
// node_modules/.cache: git-ignored with node_modules, and gone with it.
const cacheFile = path.join(tsPackage, "../../.cache/losant-access-tokens", `typescript-${version}-v8-${process.versions.v8}.bin`);

let tsScript;
let cacheStale = false;

// Node 20 has no module.enableCompileCache(); this does the same for the one file that needs it.
// Requiring CommonJS (rather than importing it) also spares Node's scan of TypeScript's source for
// named exports, which ESM imports of CommonJS pay.
const compile = Module.prototype._compile;
Module.prototype._compile = function compileWithCache(content, filename) {
  if (filename !== tsFile) return compile.call(this, content, filename);
  Module.prototype._compile = compile;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // first run, or the cache was cleared
  }
  tsScript = new vm.Script(Module.wrap(content), { filename, cachedData });
  cacheStale = cachedData === undefined || tsScript.cachedDataRejected === true;
  const run = tsScript.runInThisContext();
  return run.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
};

const { default: openapiTS, astToString, COMMENT_HEADER } = require("openapi-typescript");

function saveCache() {
  if (!cacheStale || !tsScript) return;
  cacheStale = false;
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, tsScript.createCachedData());
    renameSync(temp, cacheFile);
  } catch {
    // A cache that cannot be written only costs speed.
  }
}

parentPort.on("message", async ({ id, specPath }) => {
  let reply;
  try {
    const ast = await openapiTS(pathToFileURL(specPath), { silent: true });
    reply = { id, text: `${COMMENT_HEADER}${astToString(ast)}` };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  // Before replying: the main thread may exit as soon as it has the answer.
  saveCache();
  parentPort.postMessage(reply);
});
