#!/usr/bin/env node
// Lints openapi/openapi.yaml and compiles it into generated/openapi.ts, in one process, with what the
// fake needs from the spec beside it (scripts/gen-fake.mjs: generated/fake-*).
//   node scripts/gen.mjs            lint, then write generated/ (only if the spec is clean)
//   node scripts/gen.mjs --check    lint, then fail if generated/ differs from what gen would write
//   node scripts/gen.mjs --watch    regenerate on every save of the spec; survives broken saves
// --spec FILE and --out DIR point it elsewhere (the tests use them on broken fixtures).
import { readFile, rename, writeFile, mkdir, rm } from "node:fs/promises";
import { watch } from "node:fs";
import Module from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

// V8's code cache for what gen loads, kept in node_modules/.cache (git-ignored, and gone with
// node_modules); never in the OS temp folder, Node's default: gen reads nothing outside the repository.
const CODE_CACHE_DIR = fileURLToPath(new URL("../node_modules/.cache/losant-access-tokens/", import.meta.url));

/**
 * "node" where the running Node has module.enableCompileCache() (22.1 and later), else "patch" (Node 20:
 * gen-compile.mjs patches Module.prototype._compile for TypeScript alone). LOSANT_GEN_CODE_CACHE=patch|off
 * forces one, so that scripts/bench-code-cache.mjs can compare them on one Node; nothing else sets it.
 */
function codeCacheMode() {
  const forced = process.env.LOSANT_GEN_CODE_CACHE;
  if (forced === "off" || forced === "patch") return forced;
  if (forced && forced !== "auto") {
    console.error(`LOSANT_GEN_CODE_CACHE must be auto, patch or off, got ${JSON.stringify(forced)}; unset it for the default.`);
    process.exit(1);
  }
  return typeof Module.enableCompileCache === "function" ? "node" : "patch";
}

const codeCache = codeCacheMode();
// Compiling starts at once on a second core (scripts/gen-compile.mjs) while this thread loads the linter.
const compiler = new Worker(new URL("./gen-compile.mjs", import.meta.url), { workerData: { codeCache, dir: CODE_CACHE_DIR } });
compiler.unref();
// Node's own cache also covers the linter, loaded next (the patch covers TypeScript alone).
if (codeCache === "node") Module.enableCompileCache(path.join(CODE_CACHE_DIR, "node-compile-cache"));
const { getLineColLocation, lint, loadConfig } = await import("@redocly/openapi-core");
const { generateFake } = await import("./gen-fake.mjs");
const { generateScopes } = await import("./gen-scopes.mjs");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: flags } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    watch: { type: "boolean", default: false },
    spec: { type: "string", default: path.join(root, "openapi/openapi.yaml") },
    out: { type: "string", default: path.join(root, "generated") },
  },
});
const specPath = path.resolve(flags.spec);
const outDir = path.resolve(flags.out);
const outFile = path.join(outDir, "openapi.ts");
const rel = (file) => path.relative(process.cwd(), file) || file;

/** A spec problem worth a non-zero exit: the message already names file, line and rule. */
class SpecError extends Error {}

// Loaded once: the same redocly.yaml (recommended-strict) that `npm run lint` uses.
const config = await loadConfig({ configPath: path.join(root, "redocly.yaml") });

async function lintSpec() {
  let problems;
  try {
    problems = await lint({ ref: specPath, config });
  } catch (error) {
    // YAML syntax errors and unreadable files are thrown rather than reported.
    const where = error.line ? `${rel(specPath)}:${error.line}:${error.col}` : rel(specPath);
    const kind = error.line ? "YAML syntax error" : "cannot read the spec";
    const reason = error.originalError?.reason ?? error.originalError?.message ?? error.message;
    throw new SpecError(`${where}: ${kind}: ${reason}\n${rel(path.dirname(outFile))}/ left untouched.`);
  }
  if (problems.length === 0) return;
  const lines = problems.map((problem) => {
    const location = problem.location[0];
    const file = rel(location?.source.absoluteRef ?? specPath);
    const { line, col } = location ? getLineColLocation(location).start : { line: 1, col: 1 };
    const pointer = location?.pointer ? ` (at ${location.pointer})` : "";
    return `${file}:${line}:${col}: ${problem.severity} ${problem.ruleId}: ${problem.message}${pointer}`;
  });
  throw new SpecError(`${lines.join("\n")}\n${problems.length} lint problem(s); ${rel(path.dirname(outFile))}/ left untouched.`);
}

let lastId = 0;
/** Asks the worker to compile the spec; resolves with the generated source. */
function compile() {
  const id = (lastId += 1);
  return new Promise((resolve, reject) => {
    const onMessage = (message) => {
      if (message.id !== id) return;
      compiler.off("message", onMessage).off("error", reject);
      if (message.error) reject(new SpecError(`${rel(specPath)}: openapi-typescript: ${message.error}`));
      else resolve(message.text);
    };
    compiler.on("message", onMessage).once("error", reject);
    compiler.postMessage({ id, specPath });
  });
}

async function readCurrent(file) {
  return readFile(file, "utf8").catch((error) => (error.code === "ENOENT" ? undefined : Promise.reject(error)));
}

// Write beside the target, then rename: readers see the old file or the new one, never half of one.
async function writeAtomically(file, text) {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text, "utf8");
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}

/** How many lines the new output adds and removes, counted as multisets of lines. */
function changeSummary(before = "", after) {
  const left = new Map();
  for (const line of before.split("\n")) left.set(line, (left.get(line) ?? 0) + 1);
  let added = 0;
  for (const line of after.split("\n")) {
    const count = left.get(line);
    if (count) left.set(line, count - 1);
    else added += 1;
  }
  let removed = 0;
  for (const count of left.values()) removed += count;
  return `+${added} -${removed} lines`;
}

async function run() {
  // Both start now; nothing is written unless the lint passes.
  const compiled = compile();
  compiled.catch(() => undefined);
  await lintSpec();
  let fake;
  try {
    fake = { ...(await generateFake(specPath)), ...(await generateScopes(specPath)) };
  } catch (error) {
    throw new SpecError(`${rel(specPath)}: the fake's validators (Ajv): ${error.message}\n${rel(outDir)}/ left untouched.`);
  }
  const outputs = [[outFile, await compiled], ...Object.entries(fake).map(([name, text]) => [path.join(outDir, name), text])];
  const currents = await Promise.all(outputs.map(([file]) => readCurrent(file)));
  if (flags.check) {
    const drifted = outputs.filter(([, next], i) => currents[i] !== next).map(([file]) => rel(file));
    if (drifted.length) {
      const lines = drifted.map((file) => `${file} is not what \`npm run gen\` produces from ${rel(specPath)}.`);
      throw new SpecError(`${lines.join("\n")}\nRun \`npm run gen\` and commit the result.`);
    }
    console.log(`${outputs.map(([file]) => rel(file)).join(", ")} match ${rel(specPath)}.`);
    return;
  }
  for (const [i, [file, next]] of outputs.entries()) {
    if (currents[i] === next) {
      console.log(`${rel(file)} is up to date.`);
      continue;
    }
    await writeAtomically(file, next);
    console.log(`wrote ${rel(file)} (${changeSummary(currents[i], next)}).`);
  }
}

async function once() {
  try {
    await run();
    return 0;
  } catch (error) {
    console.error(error instanceof SpecError ? error.message : error);
    return 1;
  }
}

if (!flags.watch) {
  process.exitCode = await once();
} else {
  await once();
  console.log(`watching ${rel(specPath)}; Ctrl-C stops.`);
  let timer;
  let queue = Promise.resolve();
  // Editors save in bursts (truncate, write, rename); wait for the burst to end, one run at a time.
  watch(path.dirname(specPath), (_event, name) => {
    if (name !== path.basename(specPath)) return;
    clearTimeout(timer);
    timer = setTimeout(() => (queue = queue.then(once)), 50);
  });
  process.on("SIGINT", () => process.exit(0));
}
