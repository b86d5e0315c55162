#!/usr/bin/env node
// `npm run gen` against the two CLIs it replaces (redocly lint, then openapi-typescript), same spec, fresh
// output each time, one warm-up run each, then interleaved rounds, median wall time. scripts/bench.mjs calls timeGeneration();
// `node scripts/bench-gen.mjs [rounds]` runs it alone.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { interleaved, median } from "./bench-stats.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
// Inside the repository (git-ignored build/), like everything the bench reads or writes.
const work = path.join(root, "build/bench-gen");

export const GEN = "gen (node scripts/gen.mjs)";
export const CLIS = "CLIs (redocly lint, then openapi-typescript)";
export const NPM_GEN = "npm run gen";
export const NPX_CLIS = "npx redocly lint, then npx openapi-typescript";

/** Each side: the commands it runs one after the other, as [file, args]. */
function sides(out) {
  // openapi-typescript's CLI would read redocly.yaml's `apis` and want an output key there; give it none.
  const otsConfig = path.join(work, "redocly.yaml");
  writeFileSync(otsConfig, "extends:\n  - minimal\n");
  const redocly = require.resolve("@redocly/cli/bin/cli.js");
  const openapiTypescript = path.join(path.dirname(require.resolve("openapi-typescript/package.json")), "bin/cli.js");
  const cliOut = path.join(out, "cli.ts");
  return {
    [GEN]: [[process.execPath, ["scripts/gen.mjs", "--out", out]]],
    [CLIS]: [
      [process.execPath, [redocly, "lint", "openapi/openapi.yaml"]],
      [process.execPath, [openapiTypescript, "openapi/openapi.yaml", "--redocly", otsConfig, "-o", cliOut]],
    ],
    [NPM_GEN]: [["npm", ["run", "-s", "gen", "--", "--out", out]]],
    [NPX_CLIS]: [
      ["npx", ["--no", "redocly", "lint", "openapi/openapi.yaml"]],
      ["npx", ["--no", "openapi-typescript", "openapi/openapi.yaml", "--redocly", otsConfig, "-o", cliOut]],
    ],
  };
}

/** Wall milliseconds of one side's commands, from an empty output folder. */
function timed(commands, out) {
  rmSync(out, { recursive: true, force: true });
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
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const out = path.join(work, "out");
  const commands = sides(out);
  try {
    // Once each first, to warm the file cache (and gen's code cache).
    for (const name of Object.keys(commands)) timed(commands[name], out);
    const times = await interleaved(Object.keys(commands), rounds, (name) => timed(commands[name], out));
    return Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, median(ms)]));
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
  printGeneration(await timeGeneration(rounds), rounds);
}
