#!/usr/bin/env node
// `npm run build`: compiles src/ and generated/ into dist/ (ESM, .d.ts, source maps) from a clean slate.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
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
console.error("built dist/ from src/ and generated/.");
