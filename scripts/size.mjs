#!/usr/bin/env node
// `npm run size`: packs the package, and bundles for browsers a small program per facade (and one with the
// typed client) the way a user's bundler would; prints each size and fails above the budgets, when a
// bundle would pull in a Node built-in, or when a program using one facade bundles another. Needs `npm run build`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { bundleForBrowser } from "./browser-bundle.mjs";
import { programs } from "./size-programs.mjs";

// Decimal bytes, min+gzip for a program, packed bytes for the tarball.
const PROGRAM_BUDGET = 5_500;
const TARBALL_BUDGET = 64_000;
const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const entry = path.join(root, pkg.exports["."].default);
const resources = path.join(root, "dist/src/resources");
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB (${bytes.toLocaleString("en")} B)`;

function packedSize() {
  const out = mkdtempSync(path.join(tmpdir(), "losant-size-"));
  try {
    const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", out], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
    return { bytes: packed.size, files: packed.entryCount };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Bundles one program; resolves with its sizes and the problems found (`budgeted`: size and tree-shaking checked). */
async function measure(name, contents, budgeted = true) {
  let bundled;
  try {
    bundled = await bundleForBrowser(contents, root);
  } catch (error) {
    const messages = (error.errors ?? []).map((e) => `  ${e.location?.file ?? "?"}:${e.location?.line ?? "?"}: ${e.text}`);
    return { name, problems: [`bundling failed:\n${messages.join("\n") || error.message}`] };
  }
  const gzipped = gzipSync(bundled.code, { level: 9 }).length;
  const problems = [];
  if (bundled.builtins.length > 0) problems.push(`imports Node built-ins: ${bundled.builtins.join(", ")}`);
  // Tree-shaking: a program that uses one facade carries no other resource's file.
  const carried = bundled.inputs.filter((input) => path.resolve(root, input).startsWith(resources)).map((input) => path.basename(input));
  if (budgeted && carried.length > 1) problems.push(`bundles more than its own resource: ${carried.join(", ")}`);
  if (budgeted && gzipped > PROGRAM_BUDGET) problems.push(`${kB(gzipped)} is over the budget of ${kB(PROGRAM_BUDGET)}`);
  return { name, gzipped, minified: bundled.code.length, problems };
}

if (!existsSync(entry)) {
  console.error(`${path.relative(root, entry)} is missing: run \`npm run build\` first.`);
  process.exit(1);
}
const results = [];
for (const [name, contents] of Object.entries(programs(entry))) results.push(await measure(name, contents));
results.push(await measure("the whole entry", `export * from ${JSON.stringify(entry)};`, false));
const tarball = packedSize();

console.log("size check (esbuild for browsers, minified ESM, gzip level 9; openapi-fetch included)");
for (const { name, gzipped, minified } of results) {
  if (gzipped !== undefined) console.log(`  ${name}: ${kB(gzipped)} min+gzip (${kB(minified)} minified)`);
}
console.log(`  budget for each program above: ${kB(PROGRAM_BUDGET)}; the whole entry is shown, not budgeted`);
console.log(`  npm tarball (${tarball.files} files): ${kB(tarball.bytes)} of ${kB(TARBALL_BUDGET)}`);
const over = results.flatMap(({ name, problems }) => problems.map((problem) => `${name}: ${problem}`));
if (tarball.bytes > TARBALL_BUDGET) over.push(`tarball ${kB(tarball.bytes)} is over ${kB(TARBALL_BUDGET)}`);
if (over.length > 0) {
  console.error(`size check failed:\n  ${over.join("\n  ")}\nFind what grew with esbuild's metafile or \`npm pack --dry-run\`.`);
  process.exit(1);
}
