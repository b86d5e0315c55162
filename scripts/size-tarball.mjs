#!/usr/bin/env node
// Part of `npm run size`: the npm tarball as published (the fake and the CLI included), against its budget.
// size-limit measures bundles; the package itself is measured by packing it. Needs `npm run build`.
import { execFileSync } from "node:child_process";

// What the tarball carries: the spec, its types, the fake's validators of Losant's large application and
// instance schemas, the validators validateResponses loads, and the CLI (answer checks, delivery, tables,
// completion, the audit of every owner). The budget leaves a few kB for growth to be noticed.
const BUDGET = 190_000;
const args = ["pack", "--dry-run", "--json", "--ignore-scripts"];
const [packed] = JSON.parse(execFileSync("npm", args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB (${bytes.toLocaleString("en")} B)`;
console.log(
  `npm tarball (${packed.entryCount} files): ${kB(packed.size)} of ${kB(BUDGET)}, unpacked ${kB(packed.unpackedSize)}`,
);
if (packed.size > BUDGET) {
  console.error(`the npm tarball is over its budget of ${kB(BUDGET)}: find what grew with \`npm pack --dry-run\`.`);
  process.exit(1);
}
