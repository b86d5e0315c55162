#!/usr/bin/env node
// Prepares reports/stryker-incremental.json for `npx stryker run --incremental`: keeps only the results
// that cannot be stale (Killed, CompileError) and drops every other, so that Stryker tests those mutants
// again. Without it an incremental run reuses a static mutant's "Survived" though the tests changed
// (a static mutant has no per-test coverage to compare) and a "Timeout" that a loaded machine made.
//   node scripts/mutation-baseline.mjs [reports/stryker-incremental.json]
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

const file = process.argv[2] ?? "reports/stryker-incremental.json";
if (!existsSync(file)) {
  console.error(`${file} does not exist: run \`npm run test:mutation -- --incremental\` once to make it.`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, "utf8"));
const kept = new Set(["Killed", "CompileError"]);
const dropped = {};
for (const { mutants } of Object.values(report.files ?? {})) {
  for (let i = mutants.length - 1; i >= 0; i -= 1) {
    if (kept.has(mutants[i].status)) continue;
    dropped[mutants[i].status] = (dropped[mutants[i].status] ?? 0) + 1;
    mutants.splice(i, 1);
  }
}
// Written beside, then renamed: an interrupted run never leaves half a report.
writeFileSync(`${file}.tmp`, JSON.stringify(report));
renameSync(`${file}.tmp`, file);
console.log(`${file}: dropped ${JSON.stringify(dropped)}; the next --incremental run tests those mutants again.`);
