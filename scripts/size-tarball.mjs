#!/usr/bin/env node
// Part of `npm run size`: the npm tarball as published (the fake and the CLI included), against its budget.
// size-limit measures bundles; the package itself is measured by packing it. Needs `npm run build`.
import { execFileSync } from "node:child_process";

// Moved from 120,000 to 160,000 B when the spec came to describe all four token resources and the owner
// lists: the spec, its types and the fake's validators of Losant's large application and instance schemas.
// 170,000 B since the package ships the validators validateResponses loads (generated/responses.js, about
// 8.5 kB packed); 180,000 B since the CLI checks the answers it relies on, delivers secrets before retiring,
// fits tables to the terminal and completes in shells (about 13 kB packed); 190,000 B since the CLI audits
// every owner (audit --all, policy files, Markdown), lists and revokes OAuth grants and retires in a second
// phase (the tarball measured 184,433 B with them).
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
