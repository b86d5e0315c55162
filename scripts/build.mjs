#!/usr/bin/env node
// `npm run build`: compiles src/ and generated/ into dist/ (ESM and .d.ts) from a clean slate. No source
// maps: without the TypeScript sources beside them they would point nowhere, and with the sources
// inlined they were most of the package. The fake's generated validators are copied as gen wrote them:
// tsc would reprint them half as large again. Then the CLI's own modules become one bundle (below).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
try {
  // Everything on stderr: as the `prepare` script this runs inside `npm pack --json`, whose stdout must stay JSON.
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: ["ignore", 2, 2] });
} catch {
  console.error("build failed: fix the TypeScript errors above (npm run typecheck shows them too).");
  process.exit(1);
}
for (const file of readdirSync(new URL("../generated", import.meta.url)).filter((name) => name.endsWith(".js"))) {
  copyFileSync(new URL(`../generated/${file}`, import.meta.url), new URL(`../dist/generated/${file}`, import.meta.url));
}

// `losant-tokens --help` must start within 2× a bare node, and Node pays for each ES module it loads: tsc's
// dist/src/cli/ becomes one bundle (bin.js, then a few chunks), each dynamic import a lazy chunk. The library's
// modules and the packages stay external, as tsc emitted them, so the main entry and the fake are untouched and
// the CLI shares their classes. Not minified, so that a stack trace names readable code.
const cli = path.join(root, "dist/src/cli");
const libraryAsBuilt = ({ path: specifier, resolveDir }) => {
  const file = path.resolve(resolveDir, specifier);
  return file.startsWith(cli + path.sep) ? undefined : { path: path.relative(cli, file), external: true };
};
const { outputFiles } = await build({
  entryPoints: [path.join(cli, "bin.js")],
  outdir: cli,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  write: false,
  logLevel: "warning",
  plugins: [{ name: "library-as-built", setup: (bundle) => bundle.onResolve({ filter: /^\./ }, libraryAsBuilt) }],
}).catch(() => {
  console.error("build failed: esbuild could not bundle dist/src/cli/bin.js (its errors are above).");
  process.exit(1);
});
rmSync(cli, { recursive: true });
mkdirSync(cli);
for (const { path: file, contents } of outputFiles) writeFileSync(file, contents);
const kB = (outputFiles.reduce((sum, { contents }) => sum + contents.length, 0) / 1000).toFixed(1);
console.error(`built dist/ from src/ and generated/; the CLI bundled into ${outputFiles.length} files (${kB} kB).`);
