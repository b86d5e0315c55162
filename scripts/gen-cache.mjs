// Part of `npm run gen`: a content-addressed cache of each step's output, so that a step whose inputs did
// not change is not run again. An entry is found by a key that hashes every input of its step:
//   - the spec's bytes, and any other file the step reads (redocly.yaml for the lint);
//   - the step's generator script and every local module it imports, recursively (its bytes, not its name);
//   - the installed version of each tool the step names, and the whole of node_modules/.package-lock.json
//     (npm's record of every package installed, nested ones included), else package-lock.json;
//   - Node's version and the step's options.
// A changed spec, a changed generator or a tool upgrade therefore makes a new key, and misses.
// Entries live in node_modules/.cache/losant-access-tokens-gen/ (git-ignored, gone with node_modules).
// Each carries its key and a SHA-256 digest of its outputs; an entry that does not parse, names another
// key or fails its digest is ignored (and replaced), never trusted. A cache that cannot be read or
// written only costs time: gen then runs the step.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Bumped when the key or the entry's layout changes, so that older entries miss. */
const FORMAT = 1;
/** Entries kept per step: enough to flip between a few versions of the spec (a watch session, a rebase). */
const KEEP = 6;
// import … from "./x.mjs", export … from "./x.mjs", import("./x.mjs"): the relative specifiers only.
const LOCAL_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.\.?\/[^"']+)["']/g;

/**
 * A script and every local module it imports, recursively: absolute paths, the script first. Found by
 * reading the source, so a specifier inside a string the script writes out counts too: it costs a file
 * read, and one that does not exist is skipped (a real import of a missing file fails the step anyway).
 */
export function moduleClosure(file) {
  const seen = new Set();
  const visit = (at, required) => {
    if (seen.has(at)) return;
    let text;
    try {
      text = readFileSync(at, "utf8");
    } catch (error) {
      if (required) throw error;
      return;
    }
    seen.add(at);
    for (const [, specifier] of text.matchAll(LOCAL_IMPORT)) visit(path.resolve(path.dirname(at), specifier), false);
  };
  visit(path.resolve(file), true);
  return [...seen];
}

/** The version of an installed package as Node would load it from `root`, or "not installed". */
function installedVersion(root, name) {
  try {
    return JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    return "not installed";
  }
}

/** The bytes of the first of `files` that exists, labelled with its name. */
function firstOf(root, files) {
  for (const file of files) {
    try {
      return [file, readFileSync(path.join(root, file))];
    } catch {
      // try the next
    }
  }
  return ["none", Buffer.alloc(0)];
}

/**
 * The key of one step: a SHA-256 over every input, each labelled and length-prefixed so that no two
 * different sets of inputs can hash the same bytes.
 *   step      the step's name
 *   inputs    { label: bytes } of the files it reads (the spec, a config)
 *   scripts   its generator scripts (their local imports are followed)
 *   packages  the tools it runs, by package name, resolved from `root`
 *   options   anything else its output depends on (JSON)
 * @param {{ step: string, inputs?: Record<string, Buffer | string>, scripts?: string[], packages?: string[], options?: unknown, root: string }} what
 * @returns {string}
 */
export function stepKey({ step, inputs = {}, scripts = [], packages = [], options = {}, root }) {
  const hash = createHash("sha256");
  const add = (label, bytes) => {
    const data = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
    hash.update(`${label}\0${data.length}\0`);
    hash.update(data);
  };
  add("format", String(FORMAT));
  add("step", step);
  add("node", process.version);
  add("options", JSON.stringify(options));
  for (const [label, bytes] of Object.entries(inputs)) add(`input ${label}`, bytes);
  // By bytes alone: moving the repository must not miss, editing a generator must.
  for (const file of scripts.flatMap(moduleClosure)) add("script", readFileSync(file));
  for (const name of packages) add(`package ${name}`, installedVersion(root, name));
  const [lockName, lock] = firstOf(root, ["node_modules/.package-lock.json", "package-lock.json"]);
  add(`lock ${lockName}`, lock);
  return `${step}-${hash.digest("hex")}`;
}

const digestOf = (outputs) => createHash("sha256").update(JSON.stringify(outputs)).digest("hex");

/**
 * The outputs stored under `key` ({ "file name": text }), or undefined when there is no entry or it cannot
 * be trusted: unreadable, not JSON, another format or key, a value that is not text, or a digest that
 * does not match. `onCorrupt(reason)` hears of an entry that was there but ignored.
 * @param {string} dir
 * @param {string} key
 * @param {(reason: string) => unknown} [onCorrupt]
 * @returns {Record<string, string> | undefined}
 */
export function readEntry(dir, key, onCorrupt = () => {}) {
  let raw;
  try {
    raw = readFileSync(path.join(dir, `${key}.json`), "utf8");
  } catch {
    return undefined;
  }
  try {
    const entry = JSON.parse(raw);
    const { outputs } = entry ?? {};
    if (entry.format !== FORMAT || entry.key !== key) throw new Error("it was written for another key");
    if (!outputs || typeof outputs !== "object" || Array.isArray(outputs)) throw new Error("it has no outputs");
    if (!Object.values(outputs).every((text) => typeof text === "string")) throw new Error("an output is not text");
    if (entry.digest !== digestOf(outputs)) throw new Error("its outputs do not match their digest");
    return outputs;
  } catch (error) {
    onCorrupt(`${path.join(dir, `${key}.json`)}: ${error.message}`);
    return undefined;
  }
}

/**
 * Stores `outputs` under `key`, atomically, then drops the step's oldest entries beyond KEEP. Never throws.
 * @param {string} dir
 * @param {string} key
 * @param {Record<string, string>} outputs
 */
export function writeEntry(dir, key, outputs) {
  try {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${key}.json`);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ format: FORMAT, key, digest: digestOf(outputs), outputs }));
    renameSync(temp, file);
    prune(dir, key.slice(0, key.lastIndexOf("-") + 1));
  } catch {
    // A cache that cannot be written only costs time.
  }
}

function prune(dir, prefix) {
  const entries = readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith(".json"))
    .map((name) => ({ name, mtime: statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { name } of entries.slice(KEEP)) rmSync(path.join(dir, name), { force: true });
}
