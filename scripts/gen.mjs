#!/usr/bin/env node
// Lints openapi/openapi.yaml and generates generated/ from it, in one process: the types
// (openapi-typescript, scripts/gen-compile.mjs) and what the fake needs from the spec
// (scripts/gen-fake.mjs: generated/fake-*, scripts/gen-scopes.mjs: generated/scopes.js). The lint runs on
// this thread, the generators in workers (scripts/gen-worker.mjs), all at once; nothing is written unless
// the lint passes.
// A step whose inputs did not change since it last ran is not run again: its output comes from gen's
// cache (scripts/gen-cache.mjs, in node_modules/.cache/losant-access-tokens-gen/), and its tools are not
// even loaded.
//   node scripts/gen.mjs            lint, then write generated/ (only if the spec is clean)
//   node scripts/gen.mjs --check    lint, then fail if generated/ differs from what gen would write;
//                                   it always runs every step, never trusting the cache
//   node scripts/gen.mjs --watch    regenerate on every save of the spec; survives broken saves
// --spec FILE and --out DIR point it elsewhere (the tests use them on broken fixtures); --cache-dir DIR
// keeps the cache elsewhere, --no-cache runs every step and keeps nothing.
import { readFile, rename, writeFile, mkdir, rm } from "node:fs/promises";
import { watch } from "node:fs";
import Module from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { readEntry, stepKey, writeEntry } from "./gen-cache.mjs";

/**
 * The generators, each a module whose export turns the spec into files under --out ({ "file name": text }).
 * `packages` are the tools it runs: their installed versions are part of its cache key (with the module's
 * own bytes and those of every local module it imports). `worker` names the thread it runs in: the steps
 * that read the spec as data share one (scripts/gen-spec.mjs parses it once there); openapi-typescript,
 * which reads the file itself, has its own. Adding a generator is one line here.
 */
const GENERATORS = [
  { name: "types", worker: "types", module: "./gen-compile.mjs", exportName: "compileTypes", packages: ["openapi-typescript", "typescript", "@redocly/openapi-core"], label: "openapi-typescript" },
  { name: "fake", worker: "spec", module: "./gen-fake.mjs", exportName: "generateFake", packages: ["ajv", "ajv-formats", "js-yaml"], label: "the fake's validators (Ajv)" },
  { name: "scopes", worker: "spec", module: "./gen-scopes.mjs", exportName: "generateScopes", packages: ["js-yaml"], label: "the scope vocabulary" },
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// V8's code cache for what gen loads, kept in node_modules/.cache (git-ignored, and gone with
// node_modules); never in the OS temp folder, Node's default: gen reads nothing outside the repository.
const CODE_CACHE_DIR = path.join(root, "node_modules/.cache/losant-access-tokens/");

/**
 * "node" where the running Node has module.enableCompileCache() (22.1 and later), else "patch" (Node 20:
 * gen-worker.mjs patches Module.prototype._compile for TypeScript alone). LOSANT_GEN_CODE_CACHE=patch|off
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

function readFlags() {
  try {
    return parseArgs({
      options: {
        check: { type: "boolean", default: false },
        watch: { type: "boolean", default: false },
        spec: { type: "string", default: path.join(root, "openapi/openapi.yaml") },
        out: { type: "string", default: path.join(root, "generated") },
        "cache-dir": { type: "string", default: path.join(root, "node_modules/.cache/losant-access-tokens-gen") },
        "no-cache": { type: "boolean", default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${error.message}\nusage: node scripts/gen.mjs [--check | --watch] [--spec FILE] [--out DIR] [--cache-dir DIR | --no-cache]`);
    process.exit(2);
  }
}

const flags = readFlags();
const codeCache = codeCacheMode();
// Node's own code cache also covers the linter, when it loads (the patch covers TypeScript alone).
if (codeCache === "node") Module.enableCompileCache(path.join(CODE_CACHE_DIR, "node-compile-cache"));
const specPath = path.resolve(flags.spec);
const outDir = path.resolve(flags.out);
const cacheDir = path.resolve(flags["cache-dir"]);
const configPath = path.join(root, "redocly.yaml");
const rel = (file) => path.relative(process.cwd(), file) || file;

/** A spec problem worth a non-zero exit: the message already names file, line and rule. */
class SpecError extends Error {}

/** Lints the spec; throws a SpecError naming every problem. Loads the linter on first use only. */
async function lintSpec() {
  const { lintSpec: lint } = await import("./gen-lint.mjs");
  let problems;
  try {
    problems = await lint(specPath, configPath);
  } catch (error) {
    // YAML syntax errors and unreadable files are thrown rather than reported.
    const where = error.line ? `${rel(specPath)}:${error.line}:${error.col}` : rel(specPath);
    const kind = error.line ? "YAML syntax error" : "cannot read the spec";
    throw new SpecError(`${where}: ${kind}: ${error.reason}\n${rel(outDir)}/ left untouched.`);
  }
  if (problems.length === 0) return;
  throw new SpecError(`${problems.join("\n")}\n${problems.length} lint problem(s); ${rel(outDir)}/ left untouched.`);
}

const workers = new Map();
let lastId = 0;
/** Runs one generator in its worker (started on first use, kept for --watch, shared as `worker` says); resolves with its files. */
function generate(generator) {
  let worker = workers.get(generator.worker);
  if (!worker) {
    const started = new Worker(new URL("./gen-worker.mjs", import.meta.url), { workerData: { codeCache, dir: CODE_CACHE_DIR } });
    started.unref();
    // A worker that crashed or exited, busy or idle, is dropped, so that the next run (--watch) starts a fresh one.
    const drop = () => workers.get(generator.worker) === started && workers.delete(generator.worker);
    started.once("error", drop).once("exit", drop);
    workers.set(generator.worker, (worker = started));
  }
  const id = (lastId += 1);
  return new Promise((resolve, reject) => {
    const done = () => worker.off("message", onMessage).off("error", onError).off("exit", onExit);
    const onMessage = (message) => {
      if (message.id !== id) return;
      done();
      if (message.error) reject(new SpecError(`${rel(specPath)}: ${generator.label}: ${message.error}\n${rel(outDir)}/ left untouched.`));
      else resolve(message.outputs);
    };
    // A step whose worker is shared names the others: a crash there may be any of theirs.
    const sharing = GENERATORS.filter((other) => other.worker === generator.worker && other.name !== generator.name).map((other) => other.label);
    const onError = (error) => {
      done();
      if (sharing.length) error = new Error(`${error.message} (its worker also runs ${sharing.join(", ")})`);
      reject(new SpecError(`${rel(specPath)}: ${generator.label}: ${error.message}\n${rel(outDir)}/ left untouched.`));
    };
    const onExit = (code) => onError(new Error(`its worker exited (code ${code}) before it answered`));
    worker.on("message", onMessage).once("error", onError).once("exit", onExit);
    worker.postMessage({ id, module: new URL(generator.module, import.meta.url).href, exportName: generator.exportName, specPath });
  });
}

// A $ref to another file makes that file an input the keys do not hold: such a spec is never cached.
const EXTERNAL_REF = /\$ref["']?\s*:\s*["']?(?!#)[^\s"']/;
const CONFIG_NAMES_FILES = /^\s*plugins\s*:|^\s*-\s*["']?[^\s"']+\.(?:ya?ml|json)["']?\s*$/m;

/**
 * Each step (the lint, then the generators) with its cache key, or none when the cache is off for this
 * run: --no-cache, a spec with a $ref to another file, or a spec it cannot read (the lint then says why).
 */
async function keyedSteps() {
  const spec = flags["no-cache"] ? undefined : await readFile(specPath).catch(() => undefined);
  const cacheable = spec !== undefined && !EXTERNAL_REF.test(spec.toString("utf8"));
  const key = (step, inputs, scripts, packages) => (cacheable ? stepKey({ step, inputs: { spec, ...inputs }, scripts, packages, root }) : undefined);
  const scriptPath = (module) => fileURLToPath(new URL(module, import.meta.url));
  const config = await readFile(configPath).catch(() => undefined);
  // Likewise a redocly.yaml that loads plugins or extends a config file: the lint then reads files no key holds.
  const lintable = config !== undefined && !CONFIG_NAMES_FILES.test(config.toString("utf8"));
  const lint = { name: "lint", key: lintable ? key("lint", { "redocly.yaml": config }, [scriptPath("./gen-lint.mjs")], ["@redocly/openapi-core"]) : undefined };
  const generators = GENERATORS.map((generator) => ({
    ...generator,
    key: key(generator.name, {}, [scriptPath(generator.module), scriptPath("./gen-worker.mjs")], generator.packages),
  }));
  return { lint, generators };
}

/** The step's outputs from the cache, unless --check (which always regenerates) or the entry is missing or corrupt. */
function fromCache(step) {
  if (!step.key || flags.check) return undefined;
  return readEntry(cacheDir, step.key, (why) => console.error(`ignoring a corrupt entry of gen's cache (${why}); running ${step.name} again.`));
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
  const { lint, generators } = await keyedSteps();
  // Every generator whose output is not cached starts now, beside the lint; nothing is written unless the lint passes.
  const cachedSteps = [];
  const pending = generators.map((generator) => {
    const cached = fromCache(generator);
    if (cached) cachedSteps.push(generator.name);
    const result = cached ? Promise.resolve(cached) : generate(generator).then((outputs) => (generator.key && writeEntry(cacheDir, generator.key, outputs), outputs));
    result.catch(() => undefined);
    return result;
  });
  // The cache holds clean lints only: a failing one runs every time, and says where.
  if (fromCache(lint)) cachedSteps.unshift(lint.name);
  else {
    await lintSpec();
    if (lint.key) writeEntry(cacheDir, lint.key, {});
  }
  const files = Object.assign({}, ...(await Promise.all(pending)));
  if (cachedSteps.length) console.log(`${cachedSteps.join(", ")}: inputs unchanged, output from gen's cache (${rel(cacheDir)}).`);
  const outputs = Object.entries(files).map(([name, text]) => [path.join(outDir, name), text]);
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
