#!/usr/bin/env node
// The CLI's start-up cost: `losant-tokens --help` against `node -e 0`, each run as a fresh process, the
// median of many runs after a warm-up. The target: at most 2× a bare node. Part of `npm run bench`;
// `node scripts/bench-cli.mjs` runs it alone (after `npm run build`).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../dist/src/cli/bin.js", import.meta.url));
/** Start-up may cost at most this many times a bare node's. */
export const CLI_STARTUP_TARGET = 2;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Milliseconds of one run of node with `args`, to its exit. */
function once(args) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { PATH: process.env.PATH },
  });
  if (run.status !== 0) throw new Error(`node ${args.join(" ")} exited ${run.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** The median wall time of `node -e 0` and of `losant-tokens --help`, runs interleaved so that load falls on both alike. */
export function measureCliStartup(rounds = 41) {
  if (!existsSync(BIN)) throw new Error("dist/src/cli/bin.js is missing: run npm run build first");
  for (let i = 0; i < 3; i += 1) once(["-e", "0"]), once([BIN, "--help"]);
  const bare = [];
  const help = [];
  for (let i = 0; i < rounds; i += 1) {
    bare.push(once(["-e", "0"]));
    help.push(once([BIN, "--help"]));
  }
  const [nodeMs, helpMs] = [median(bare), median(help)];
  return { nodeMs, helpMs, ratio: helpMs / nodeMs, rounds };
}

/** The figures as the bench's Markdown prints them. */
export function printCliStartup({ nodeMs, helpMs, ratio, rounds }) {
  console.log("### CLI start-up\n");
  console.log(`Median of ${rounds} runs each, interleaved.\n`);
  console.log("| process | ms |\n| --- | ---: |");
  console.log(`| node -e 0 | ${nodeMs.toFixed(1)} |`);
  console.log(`| losant-tokens --help | ${helpMs.toFixed(1)} |`);
  console.log(
    `\n--help costs ${ratio.toFixed(2)}× a bare node (target: at most ${CLI_STARTUP_TARGET}×): ${ratio <= CLI_STARTUP_TARGET ? "met" : "MISSED"}.\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printCliStartup(measureCliStartup());
