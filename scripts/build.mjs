#!/usr/bin/env node
// `npm run build`: compiles src/ and generated/ into dist/ (ESM and .d.ts) from a clean slate. No source
// maps: without the TypeScript sources beside them they would point nowhere, and with the sources
// inlined they were most of the package. The fake's generated validators are copied as gen wrote them:
// tsc would reprint them half as large again.
//
// Then the CLI: `losant-tokens --help` must start within 2× a bare node, and Node pays for each ES module it
// loads, so esbuild bundles tsc's dist/src/cli/ into bin.js and a few chunks in its place, each dynamic import a
// lazy chunk. Every other file of dist/ and the packages stay external, imported as they are: the main entry
// and the fake load what tsc emitted, and the CLI shares their classes. Not minified, so that a stack trace
// names readable code.
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const [tsc, esbuild] = ["typescript/bin/tsc", "esbuild/bin/esbuild"].map(createRequire(import.meta.url).resolve);
const flags = "--outdir=dist/src/cli.bundle --bundle --splitting --format=esm --platform=node --packages=external";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
try {
  // Everything on stderr: as the `prepare` script this runs inside `npm pack --json`, whose stdout must stay JSON.
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: ["ignore", 2, 2] });
  cpSync(`${root}generated`, `${root}dist/generated`, { recursive: true, filter: (file) => !file.endsWith(".ts") });
  const library = readdirSync(`${root}dist`, { recursive: true }).filter((file) => !/^src[/\\]cli[/\\]/.test(file));
  const args = ["dist/src/cli/bin.js", ...flags.split(" "), ...library.map((file) => `--external:${root}dist/${file}`)];
  execFileSync(esbuild, args, { cwd: root, stdio: ["ignore", 2, 2] });
} catch (error) {
  console.error(`build failed: ${error.status ? "fix the errors above (tsc's or esbuild's)" : error.message}.`);
  process.exit(1);
}
rmSync(`${root}dist/src/cli`, { recursive: true });
renameSync(`${root}dist/src/cli.bundle`, `${root}dist/src/cli`);
console.error("built dist/ from src/ and generated/, and bundled the CLI's modules with esbuild.");
