#!/usr/bin/env node
// `npm run size`: bundles for browsers, as a user's bundler would, a small program per facade (and one
// with the typed client, and a test against the fake), and packs the package. Prints each size; fails
// above the budgets, when a bundle would pull in a Node built-in, or when a program using one facade
// bundles another. Needs `npm run build` (`npm test` runs it first).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { bundleForBrowser } from "./browser-bundle.mjs";
import { fakeProgramOf, programs } from "./size-programs.mjs";

// Decimal bytes: min+gzip for a program; packed bytes for the package without the fake (issue 13's
// measure). What the fake adds is measured and printed, as its issue asks, not budgeted.
// The issues aimed at 5,500 B for a facade program; with every hardening rule and the resource definer
// it measures about 6,350 to 6,400 B (BENCHMARKS.md says where each byte goes); the Node transport's
// split (the fetch sender and the LightRequest apart from the loop) took the facade's to about 6,700 B,
// the typed client's down to about 6,250 B (issue 20: 5,500 B missed). This budget keeps it from growing
// unnoticed; it moved from 6,750 to 6,800 B for the Node path's LightResponse hook and an error body kept
// unread on the fetch path (about 20 B each program; the application facade's program reached 6,765 B).
const PROGRAM_BUDGET = 6_800;
// The package's budget moved from 64,000 to 80,000 B when the spec came to describe all four of Losant's
// token resources and the two owner lists, whose schemas (Losant's application and instance) are large:
// the spec and its types are most of the 75.9 kB the package then measured without the fake and the CLI.
const TARBALL_BUDGET = 80_000;
const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const entry = path.join(root, pkg.exports["."].default);
const fakeEntry = path.join(root, pkg.exports["./fake"].default);
const resources = path.join(root, "dist/src/resources");
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB (${bytes.toLocaleString("en")} B)`;

/** Packs a package folder (its `prepare` skipped: dist/ is already built) and returns the tarball's size. */
function pack(dir) {
  const out = mkdtempSync(path.join(tmpdir(), "losant-size-"));
  try {
    const args = ["pack", "--json", "--ignore-scripts", "--pack-destination", out];
    const [packed] = JSON.parse(execFileSync("npm", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
    return { bytes: packed.size, files: packed.entryCount, list: packed.files.map((file) => file.path) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The package as it is, and as it would be without the fake's entry and files: each packed for real. */
function tarballs() {
  const whole = pack(root);
  const stage = mkdtempSync(path.join(tmpdir(), "losant-size-stage-"));
  try {
    // The Node-only CLI (bin) is left out with the fake: measured and printed, not budgeted.
    const isFake = (file) => /(^|\/)fake[-/.]/.test(file) || /^!?dist\/(src\/cli\/|generated\/scopes\.)/.test(file);
    for (const file of whole.list.filter((file) => !isFake(file) && file !== "package.json")) {
      mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
      copyFileSync(path.join(root, file), path.join(stage, file));
    }
    const { "./fake": _fake, ...exports } = pkg.exports;
    const dependencies = { "openapi-fetch": pkg.dependencies["openapi-fetch"] };
    writeFileSync(path.join(stage, "package.json"), JSON.stringify({ ...pkg, bin: undefined, exports, dependencies, files: pkg.files.filter((file) => !isFake(file)), scripts: {} }, null, 2));
    return { whole, withoutFake: pack(stage) };
  } finally {
    rmSync(stage, { recursive: true, force: true });
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
  return { name, gzipped, minified: bundled.code.length, problems, budgeted };
}

for (const file of [entry, fakeEntry]) {
  if (!existsSync(file)) {
    console.error(`${path.relative(root, file)} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}
const results = [];
for (const [name, contents] of Object.entries(programs(entry))) results.push(await measure(name, contents));
results.push(await measure("a test against the fake (createFakeLosant and a facade)", fakeProgramOf(entry, fakeEntry), false));
results.push(await measure("the whole main entry", `export * from ${JSON.stringify(entry)};`, false));
const { whole, withoutFake } = tarballs();

console.log("size check (esbuild for browsers, minified ESM, gzip level 9; openapi-fetch included)");
for (const { name, gzipped, minified, budgeted } of results) {
  if (gzipped !== undefined) console.log(`  ${name}: ${kB(gzipped)} min+gzip (${kB(minified)} minified)${budgeted ? "" : ", not budgeted"}`);
}
console.log(`  budget for each facade or typed-client program: ${kB(PROGRAM_BUDGET)}`);
console.log(`  npm tarball without the fake and the CLI (${withoutFake.files} files): ${kB(withoutFake.bytes)} of ${kB(TARBALL_BUDGET)}`);
console.log(`  npm tarball as published, the fake and the CLI included (${whole.files} files): ${kB(whole.bytes)}; they add ${kB(whole.bytes - withoutFake.bytes)}`);
const over = results.flatMap(({ name, problems = [] }) => problems.map((problem) => `${name}: ${problem}`));
if (withoutFake.bytes > TARBALL_BUDGET) over.push(`the tarball without the fake and the CLI, ${kB(withoutFake.bytes)}, is over ${kB(TARBALL_BUDGET)}`);
if (over.length > 0) {
  console.error(`size check failed:\n  ${over.join("\n  ")}\nFind what grew with esbuild's metafile or \`npm pack --dry-run\`.`);
  process.exit(1);
}
