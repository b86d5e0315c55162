#!/usr/bin/env node
// Fails when a commit after the one that added this script has a subject longer than 72 characters.
// Every commit reachable from HEAD and not from that one is checked, merge commits included (git's own
// "Merge branch 'x'" subjects are short; a reworded one is held to the same rule). The start is found from
// history, not written here: the oldest commit that added this file. Needs the full history (.ci/run's
// clone has it).
//   node .ci/check-subjects.mjs [repository folder]
import { execFileSync } from "node:child_process";

const LIMIT = 72;
const SELF = ".ci/check-subjects.mjs";
const git = (...args) => execFileSync("git", args, { cwd: process.argv[2] ?? ".", encoding: "utf8" });

if (git("rev-parse", "--is-shallow-repository").trim() === "true") {
  console.error(
    "check-subjects: this is a shallow clone, whose oldest commit seems to add every file: fetch the full history (git fetch --unshallow).",
  );
  process.exit(1);
}
const start = git("log", "--diff-filter=A", "--format=%H", "--", SELF).trim().split("\n").at(-1);
if (!start) {
  console.error(`check-subjects: no commit adds ${SELF} in this history (it checks from that commit on).`);
  process.exit(1);
}
const long = git("log", "--format=%h%x00%s", `${start}..HEAD`)
  .split("\n")
  .filter(Boolean)
  .map((line) => line.split("\0"))
  .filter(([, subject]) => [...subject].length > LIMIT);
if (long.length > 0) {
  console.error(
    `These commit subjects are longer than ${LIMIT} characters; reword them (git rebase -i), the why in the body:`,
  );
  for (const [hash, subject] of long) console.error(`  ${hash} (${[...subject].length} characters): ${subject}`);
  process.exit(1);
}
console.log(`commit subjects after ${start.slice(0, 7)} are at most ${LIMIT} characters.`);
