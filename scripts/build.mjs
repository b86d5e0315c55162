#!/usr/bin/env node
// `npm run build`: compiles src/ and generated/ into dist/ (ESM and .d.ts) from a clean slate. No source
// maps: without the TypeScript sources beside them they would point nowhere, and with the sources
// inlined they were most of the package. The fake's generated validators are copied as gen wrote them:
// tsc would reprint them half as large again.
import { execFileSync } from "node:child_process";
import { copyFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

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
console.error("built dist/ from src/ and generated/.");
