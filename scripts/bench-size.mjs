#!/usr/bin/env node
// Size of the same small program (list, then create, then delete) written against each client, bundled for
// browsers the way `npm run size` bundles the package (esbuild, minified ESM, gzip level 9), and where
// each byte of the facade's program above bare openapi-fetch's goes (esbuild's bytes per input file).
// scripts/bench.mjs calls measureSizes(); `node scripts/bench-size.mjs` runs it alone. Needs `npm run build`
// (ours is bundled from dist/, as users get it) and generates the peers into build/bench-peers/.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { bundleForBrowser } from "./browser-bundle.mjs";
import { generatePeers, peersDir } from "./bench-peers.mjs";
import { programs } from "./size-programs.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = path.join(root, "dist/src/index.js");

export const BARE = "bare openapi-fetch";
export const TYPED = "typed client (ours)";
export const FACADE = "facade (ours)";
export const HEY_API = "hey-api (fetch client)";
export const ORVAL = "orval (fetch client)";

const PROGRAM_FILE = "bench-size-program.js";
// Ours are the programs `npm run size` budgets; the peers' do the same three calls.
const ours = programs(dist);

// One program per client, each what a user would write: make or configure the client with the token
// (and, where the client has one, the JSON Accept header), list, create, delete what was created.
// Each returns what it read so that the bundler keeps every call.
const PROGRAMS = {
  [BARE]: `
import createClient from "openapi-fetch";
export async function run(token) {
  const client = createClient({ baseUrl: "https://api.losant.com", headers: { Authorization: \`Bearer \${token}\`, Accept: "application/json" } });
  const { data: list } = await client.GET("/access-tokens");
  const { data: created } = await client.POST("/access-tokens", { body: { name: "bench" } });
  const { data: deleted } = await client.DELETE("/access-tokens/{accessTokenId}", { params: { path: { accessTokenId: created.id } } });
  return [list.count, created.id, deleted.success];
}`,
  [TYPED]: ours["typed client: createAccessTokensClient"],
  [FACADE]: ours["facade: createAccessTokensApi"],
  [HEY_API]: `
import { client } from "./hey-api/client.gen.ts";
import { createAccessToken, deleteAccessToken, listAccessTokens } from "./hey-api/sdk.gen.ts";
export async function run(token) {
  client.setConfig({ auth: token, headers: { Accept: "application/json" } });
  const { data: list } = await listAccessTokens();
  const { data: created } = await createAccessToken({ body: { name: "bench" } });
  const { data: deleted } = await deleteAccessToken({ path: { accessTokenId: created.id } });
  return [list.count, created.id, deleted.success];
}`,
  [ORVAL]: `
import { createAccessToken, deleteAccessToken, listAccessTokens } from "./orval/api.ts";
export async function run(token) {
  const init = { headers: { Authorization: \`Bearer \${token}\`, Accept: "application/json" } };
  const { data: list } = await listAccessTokens(undefined, init);
  const { data: created } = await createAccessToken({ name: "bench" }, undefined, init);
  const { data: deleted } = await deleteAccessToken(created.id, undefined, init);
  return [list.count, created.id, deleted.success];
}`,
};

/** Bundles one program as `npm run size` does; resolves with its minified and gzipped sizes and `{ [file]: bytes }`. */
async function bundleProgram(name) {
  const { code, bytes } = await bundleForBrowser(PROGRAMS[name], peersDir, PROGRAM_FILE);
  const perInput = Object.fromEntries(Object.entries(bytes).map(([file, count]) => [displayName(file), count]));
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, perInput };
}

/** Input paths as the tables show them: relative to the repository (esbuild's working folder here). */
function displayName(file) {
  return path.basename(file) === PROGRAM_FILE ? "the program itself" : file;
}

/**
 * Where the facade program's gzipped bytes above bare openapi-fetch's program go, per input file.
 * gzip is not additive, so each file's share of the gzipped difference is estimated from its share of
 * the minified bytes (its minified difference × the facade bundle's gzip ratio); the total is exact.
 */
function attribute(bare, facade) {
  const ratio = facade.gzipped / facade.minified;
  const files = [...new Set([...Object.keys(bare.perInput), ...Object.keys(facade.perInput)])];
  const rows = files
    .map((file) => {
      const before = bare.perInput[file] ?? 0;
      const after = facade.perInput[file] ?? 0;
      return { file, before, after, delta: after - before, gzipEstimate: Math.round((after - before) * ratio) };
    })
    .sort((a, b) => b.delta - a.delta);
  return { rows, gzipDelta: facade.gzipped - bare.gzipped, minifiedDelta: facade.minified - bare.minified };
}

/** Generates the peers unless `peersReady` says they are there; resolves with each program's sizes and the attribution. */
export async function measureSizes({ peersReady = false } = {}) {
  if (!existsSync(dist)) throw new Error("dist/ is missing: run `npm run build` first (`npm run bench` does).");
  if (!peersReady) await generatePeers();
  const sizes = {};
  for (const name of Object.keys(PROGRAMS)) {
    try {
      sizes[name] = await bundleProgram(name);
    } catch (error) {
      const detail = (error.errors ?? []).map((e) => `  ${e.location?.file ?? "?"}:${e.location?.line ?? "?"}: ${e.text}`).join("\n");
      throw new Error(`bundling the ${name} program failed:\n${detail || error.message}`, { cause: error });
    }
  }
  return { sizes, attribution: attribute(sizes[BARE], sizes[FACADE]) };
}

export function printSizes({ sizes, attribution }) {
  const bare = sizes[BARE].gzipped;
  console.log("## Size of one small program per client (list, then create, then delete)\n");
  console.log("esbuild, browser, minified ESM; gzip level 9.\n");
  console.log("| client | minified B | min+gzip B | × bare openapi-fetch |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const [name, { minified, gzipped }] of Object.entries(sizes)) {
    console.log(`| ${name} | ${minified.toLocaleString("en")} | ${gzipped.toLocaleString("en")} | ${(gzipped / bare).toFixed(2)} |`);
  }
  console.log(`\n### Where the facade program's bytes above bare openapi-fetch's go\n`);
  console.log("Minified bytes per input file (esbuild metafile); gzip share estimated pro rata, total exact.\n");
  console.log("| input file | bare openapi-fetch program, min B | facade program, min B | difference, min B | ≈ difference, gzip B |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const { file, before, after, delta, gzipEstimate } of attribution.rows) {
    console.log(`| ${file} | ${before} | ${after} | ${delta > 0 ? "+" : ""}${delta} | ${gzipEstimate > 0 ? "+" : ""}${gzipEstimate} |`);
  }
  console.log(`| **total** | ${sizes[BARE].minified} | ${sizes[FACADE].minified} | +${attribution.minifiedDelta} | +${attribution.gzipDelta} (exact) |\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  printSizes(await measureSizes());
}
