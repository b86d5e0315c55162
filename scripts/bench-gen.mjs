#!/usr/bin/env node
// `npm run gen` against the two CLIs it replaces (redocly lint, then openapi-typescript), same spec, fresh
// output each time, one warm-up run each, then interleaved rounds, median wall time. scripts/bench.mjs calls timeGeneration();
// `node scripts/bench-gen.mjs [rounds]` runs it alone.
// gen is timed twice: as the method has always timed it (its warm-up run fills gen's cache of step outputs,
// so the rounds find every step cached: the spec did not change), and with that cache emptied before every
// run ("cold cache": every step runs; V8's code cache stays warm, as it always was).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { availableParallelism, loadavg } from "node:os";
import { interleaved, median, pairedRatio } from "./bench-stats.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
// Inside the repository (git-ignored build/), like everything the bench reads or writes.
const work = path.join(root, "build/bench-gen");

export const GEN = "gen (node scripts/gen.mjs), warm cache";
export const GEN_COLD = "gen (node scripts/gen.mjs), cold cache";
export const CLIS = "CLIs (redocly lint, then openapi-typescript)";
export const NPM_GEN = "npm run gen, warm cache";
export const NPM_GEN_COLD = "npm run gen, cold cache";
export const NPX_CLIS = "npx redocly lint, then npx openapi-typescript";

/** Each side: the commands it runs one after the other, as [file, args], and the folders emptied before. */
function sides(out) {
  const cache = path.join(work, "cache");
  const coldCache = path.join(work, "cold-cache");
  // openapi-typescript's CLI would read redocly.yaml's `apis` and want an output key there; give it none.
  const otsConfig = path.join(work, "redocly.yaml");
  writeFileSync(otsConfig, "extends:\n  - minimal\n");
  const redocly = require.resolve("@redocly/cli/bin/cli.js");
  const openapiTypescript = path.join(path.dirname(require.resolve("openapi-typescript/package.json")), "bin/cli.js");
  const cliOut = path.join(out, "cli.ts");
  return {
    [GEN]: { commands: [[process.execPath, ["scripts/gen.mjs", "--out", out, "--cache-dir", cache]]], fresh: [out] },
    [GEN_COLD]: { commands: [[process.execPath, ["scripts/gen.mjs", "--out", out, "--cache-dir", coldCache]]], fresh: [out, coldCache] },
    [CLIS]: {
      commands: [
        [process.execPath, [redocly, "lint", "openapi/openapi.yaml"]],
        [process.execPath, [openapiTypescript, "openapi/openapi.yaml", "--redocly", otsConfig, "-o", cliOut]],
      ],
      fresh: [out],
    },
    [NPM_GEN]: { commands: [["npm", ["run", "-s", "gen", "--", "--out", out, "--cache-dir", cache]]], fresh: [out] },
    [NPM_GEN_COLD]: { commands: [["npm", ["run", "-s", "gen", "--", "--out", out, "--cache-dir", coldCache]]], fresh: [out, coldCache] },
    [NPX_CLIS]: {
      commands: [
        ["npx", ["--no", "redocly", "lint", "openapi/openapi.yaml"]],
        ["npx", ["--no", "openapi-typescript", "openapi/openapi.yaml", "--redocly", otsConfig, "-o", cliOut]],
      ],
      fresh: [out],
    },
  };
}

/** Wall milliseconds of one side's commands, from empty output (and, cold, cache) folders. */
function timed({ commands, fresh }) {
  for (const dir of fresh) rmSync(dir, { recursive: true, force: true });
  const start = process.hrtime.bigint();
  for (const [file, args] of commands) {
    try {
      execFileSync(file, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    } catch (error) {
      throw new Error(`\`${path.basename(file)} ${args.join(" ")}\` failed; run \`npm ci\`, then \`npm run gen\` to see why.\n${error.stderr ?? ""}`);
    }
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Resolves with the median wall time of each side (`{ [side]: ms }`) over `rounds` interleaved rounds. */
export async function timeGeneration(rounds) {
  const times = await timeGenerationRounds(rounds);
  return Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, median(ms)]));
}

/** Resolves with every side's wall times, by round (`{ [side]: [ms, …] }`). */
export async function timeGenerationRounds(rounds) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const out = path.join(work, "out");
  const commands = sides(out);
  try {
    // Once each first, to warm the file cache (and gen's code cache).
    for (const name of Object.keys(commands)) timed(commands[name]);
    return await interleaved(Object.keys(commands), rounds, (name) => timed(commands[name]));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function printGeneration(gen, rounds) {
  console.log(`## Generation (${rounds} interleaved round${rounds === 1 ? "" : "s"}, median wall time)\n`);
  console.log("| command | ms |");
  console.log("| --- | ---: |");
  for (const [name, ms] of Object.entries(gen)) console.log(`| ${name} | ${ms.toFixed(0)} |`);
  console.log("");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rounds = Number(process.argv[2] ?? 7);
  const times = await timeGenerationRounds(rounds);
  printGeneration(Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, median(ms)])), rounds);
  // A shared machine drifts between rounds: the ratios taken within each round are the steadier figure.
  console.log("| ratio, paired within rounds (median) | × |\n| --- | ---: |");
  for (const [name, other] of [[GEN, CLIS], [GEN_COLD, CLIS], [NPM_GEN, NPX_CLIS], [NPM_GEN_COLD, NPX_CLIS]]) {
    console.log(`| ${name} / ${other} | ${pairedRatio(times, name, other).toFixed(2)} |`);
  }
  console.log(`\nload average at the end: ${loadavg().map((n) => n.toFixed(1)).join(", ")} on ${availableParallelism()} cores`);
}
