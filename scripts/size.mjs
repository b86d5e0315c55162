#!/usr/bin/env node
// `npm run size`: packs the package and bundles its entry for browsers, prints both sizes, and fails
// above the budgets or when the browser bundle would pull in a Node built-in. Needs `npm run build`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { bundleForBrowser } from "./browser-bundle.mjs";

// Decimal kilobytes, the stricter reading of "5 kB".
const BUNDLE_BUDGET = 5_000;
const TARBALL_BUDGET = 40_000;
const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const entry = path.join(root, pkg.exports["."].default);
if (!existsSync(entry)) {
  console.error(`${path.relative(root, entry)} is missing: run \`npm run build\` first.`);
  process.exit(1);
}

const out = mkdtempSync(path.join(tmpdir(), "losant-size-"));
let tarball;
try {
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", out], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }),
  );
  tarball = { bytes: packed.size, files: packed.entryCount };
} finally {
  rmSync(out, { recursive: true, force: true });
}

let bundled;
try {
  bundled = await bundleForBrowser(`export * from ${JSON.stringify(entry)};`, root);
} catch (error) {
  const messages = (error.errors ?? []).map((e) => `  ${e.location?.file ?? "?"}:${e.location?.line ?? "?"}: ${e.text}`);
  console.error(`bundling ${path.relative(root, entry)} for the browser failed:\n${messages.join("\n") || error.message}`);
  process.exit(1);
}
if (bundled.builtins.length > 0) {
  console.error(`the browser bundle imports Node built-ins: ${bundled.builtins.join(", ")}`);
  process.exit(1);
}
const bundle = bundled.code;
const gzipped = gzipSync(bundle, { level: 9 }).length;

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB (${bytes} bytes)`;
console.log("size check");
console.log(`  browser bundle (esbuild, minified + gzip, openapi-fetch included): ${kB(gzipped)} of ${kB(BUNDLE_BUDGET)} (${kB(bundle.length)} minified)`);
console.log(`  npm tarball (${tarball.files} files): ${kB(tarball.bytes)} of ${kB(TARBALL_BUDGET)}`);
const over = [];
if (gzipped > BUNDLE_BUDGET) over.push(`browser bundle ${kB(gzipped)} > ${kB(BUNDLE_BUDGET)}`);
if (tarball.bytes > TARBALL_BUDGET) over.push(`tarball ${kB(tarball.bytes)} > ${kB(TARBALL_BUDGET)}`);
if (over.length > 0) {
  console.error(`over budget: ${over.join("; ")}. Find what grew with esbuild's metafile or \`npm pack --dry-run\`.`);
  process.exit(1);
}
