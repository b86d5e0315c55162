// Worker thread of scripts/gen.mjs: runs the generator steps gen.mjs sends it (each a module whose export
// turns the spec into files: { "file name": text }), so that they run beside the lint and beside the
// other worker's: the types in one, the fake's validators and the scope list in another, where they share
// one parse of the spec (scripts/gen-spec.mjs). Loading the generators is most of gen's time when they run (the
// types step brings the 9 MB TypeScript compiler; the fake's brings Ajv), so the compiled code is kept in
// V8's code cache between runs, as gen.mjs decides (workerData.codeCache): Node's own
// module.enableCompileCache() where the running Node has it, else a patch of Module.prototype._compile for
// TypeScript alone (Node 20), kept because it measurably pays there (BENCHMARKS.md, "gen's code cache";
// scripts/bench-code-cache.mjs measures it).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import { parentPort, workerData } from "node:worker_threads";

const require = createRequire(import.meta.url);
const { codeCache, dir: cacheDir } = workerData;

/** Node's own cache, for every module loaded after this call. Returns what writes it to disk. */
function useNodeCache() {
  Module.enableCompileCache(path.join(cacheDir, "node-compile-cache"));
  // Node writes the cache at exit; the main thread may end this worker first, so write it now when we can.
  return () => Module.flushCompileCache?.();
}

/**
 * Node 20 has no module.enableCompileCache(); this does the same for the one file that needs it, through
 * Node's private Module.prototype._compile.
 * Returns what writes the cache when it was missing or stale.
 */
function patchCompileForTypeScript() {
  const tsFile = require.resolve("typescript");
  const tsPackage = require.resolve("typescript/package.json");
  const { version } = JSON.parse(readFileSync(tsPackage, "utf8"));
  const cacheFile = path.join(cacheDir, `typescript-${version}-v8-${process.versions.v8}.bin`);
  let tsScript;
  let stale = false;
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
    stale = cachedData === undefined || tsScript.cachedDataRejected === true;
    const run = tsScript.runInThisContext();
    return run.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
  };
  return () => {
    if (!stale || !tsScript) return;
    stale = false;
    try {
      mkdirSync(cacheDir, { recursive: true });
      const temp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temp, tsScript.createCachedData());
      renameSync(temp, cacheFile);
    } catch {
      // A cache that cannot be written only costs speed.
    }
  };
}

const saveCache = codeCache === "node" ? useNodeCache() : codeCache === "patch" ? patchCompileForTypeScript() : () => {};

parentPort.on("message", async ({ id, module, exportName, specPath }) => {
  let reply;
  try {
    const generate = (await import(module))[exportName];
    reply = { id, outputs: await generate(specPath) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  // Before replying: the main thread may exit as soon as it has the answer.
  saveCache();
  parentPort.postMessage(reply);
});
