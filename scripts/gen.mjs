#!/usr/bin/env node
// Lints openapi/openapi.yaml and compiles it into generated/openapi.ts, in one process.
//   node scripts/gen.mjs            lint, then write generated/ (only if the spec is clean)
//   node scripts/gen.mjs --check    lint, then fail if generated/ differs from what gen would write
//   node scripts/gen.mjs --watch    regenerate on every save of the spec; survives broken saves
// --spec FILE and --out DIR point it elsewhere (the tests use them on broken fixtures).
import { readFile, rename, writeFile, mkdir, rm } from "node:fs/promises";
import { watch } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath, pathToFileURL } from "node:url";
import { getLineColLocation, lint, loadConfig } from "@redocly/openapi-core";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";

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
const outFile = path.join(path.resolve(flags.out), "openapi.ts");
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

async function compile() {
  const ast = await openapiTS(pathToFileURL(specPath), { silent: true });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}

async function readCurrent() {
  return readFile(outFile, "utf8").catch((error) => (error.code === "ENOENT" ? undefined : Promise.reject(error)));
}

// Write beside the target, then rename: readers see the old file or the new one, never half of one.
async function writeAtomically(text) {
  await mkdir(path.dirname(outFile), { recursive: true });
  const temp = `${outFile}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text, "utf8");
    await rename(temp, outFile);
  } finally {
    await rm(temp, { force: true });
  }
}

function lineDelta(before, after) {
  const count = (text) => (text === undefined ? 0 : text.split("\n").length);
  return `${count(before)} -> ${count(after)} lines`;
}

async function run() {
  await lintSpec();
  const next = await compile();
  const current = await readCurrent();
  if (flags.check) {
    if (current !== next) {
      throw new SpecError(
        `${rel(outFile)} is not what \`npm run gen\` produces from ${rel(specPath)}. Run \`npm run gen\` and commit the result.`,
      );
    }
    console.log(`${rel(outFile)} matches ${rel(specPath)}.`);
    return;
  }
  if (current === next) {
    console.log(`${rel(outFile)} is up to date.`);
    return;
  }
  await writeAtomically(next);
  console.log(`wrote ${rel(outFile)} (${lineDelta(current, next)}).`);
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
  // Editors save in bursts (truncate, write, rename); wait for the burst to end.
  watch(path.dirname(specPath), (_event, name) => {
    if (name !== path.basename(specPath)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void once(), 50);
  });
  process.on("SIGINT", () => process.exit(0));
}
