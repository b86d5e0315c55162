#!/usr/bin/env node
// The peers in the benchmark: the fetch clients that @hey-api/openapi-ts and orval generate from our
// spec, made at bench time into build/bench-peers/ (git-ignored; nothing they generate is committed).
// The generators are installed apart, in scripts/bench-peers/ (its own package.json and lock), on the
// first bench run: they declare Node >=22.18, and the project's own `npm ci` must not warn about tools
// that only the benchmark uses. Later runs need no network. `node scripts/bench-peers.mjs` regenerates
// the peers on its own; scripts/bench.mjs and scripts/bench-size.mjs call generatePeers().
//
//   build/bench-peers/hey-api/       what @hey-api/openapi-ts writes (its fetch client, SDK, types)
//   build/bench-peers/orval/api.ts   what orval writes (its fetch client, single file)
//   build/bench-peers/orval/config.ts  where orval's generated URLs read their base URL at run time
//   build/bench-peers/{hey-api,orval}.mjs  each compiled into one ESM module for Node
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
export const peersDir = path.join(root, "build/bench-peers");
const spec = path.join(root, "openapi/openapi.yaml");
const generatorsDir = path.join(root, "scripts/bench-peers");

/** Installs the generators from scripts/bench-peers' lock file unless they are there, then imports them. */
async function generators() {
  if (!existsSync(path.join(generatorsDir, "node_modules"))) {
    console.error(`installing the peers' generators into ${path.relative(process.cwd(), generatorsDir)}/ (once; this needs the npm registry)`);
    try {
      execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: generatorsDir, stdio: ["ignore", "ignore", "inherit"] });
    } catch {
      throw new Error(`could not install the peers' generators: run \`npm ci\` in ${generatorsDir} and look at what it says.`);
    }
  }
  return import(pathToFileURL(path.join(generatorsDir, "generators.mjs")).href);
}

/** The module each generated client is used through: its sources (for bundlers) and what it exports. */
const peerEntries = {
  // hey-api's fetch client is a configurable instance (`client.setConfig`), with one function per operation.
  "hey-api": 'export { client } from "./hey-api/client.gen.ts";\nexport * from "./hey-api/sdk.gen.ts";\n',
  // orval's fetch client has no configuration object: the base URL is read from config.ts at request time,
  // headers go with each call as a RequestInit.
  orval: 'export { orvalConfig } from "./orval/config.ts";\nexport * from "./orval/api.ts";\n',
};

async function generateHeyApi(out) {
  const { createClient } = await generators();
  await createClient({
    input: spec,
    output: { path: out, postProcess: [] },
    // The fetch client, its SDK functions and the types: the default set, named so that it stays put.
    plugins: ["@hey-api/client-fetch", "@hey-api/sdk", "@hey-api/typescript"],
    logs: { level: "silent", path: out },
  });
}

async function generateOrval(out) {
  const { generate } = await generators();
  // A mutable object rather than a constant URL: the bench server's port is known only at run time.
  writeFileSync(path.join(out, "config.ts"), 'export const orvalConfig = { baseUrl: "https://api.losant.com" };\n');
  await generate(
    {
      input: { target: spec },
      output: {
        target: path.join(out, "api.ts"),
        client: "fetch",
        mode: "single",
        baseUrl: { runtime: "orvalConfig.baseUrl", imports: [{ name: "orvalConfig", importPath: "./config" }] },
      },
    },
    root,
    { logLevel: "silent", throwOnError: true },
  );
}

/** Compiles one peer's entry and what it imports into build/bench-peers/<name>.mjs, for Node to import. */
async function compilePeer(name) {
  const outfile = path.join(peersDir, `${name}.mjs`);
  await build({
    stdin: { contents: peerEntries[name], resolveDir: peersDir, loader: "ts", sourcefile: `${name}-entry.ts` },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    outfile,
    logLevel: "silent",
  });
  return pathToFileURL(outfile).href;
}

/** Generates both peers afresh and compiles them; resolves with the URL of each compiled module. */
export async function generatePeers() {
  rmSync(peersDir, { recursive: true, force: true });
  const generators = { "hey-api": generateHeyApi, orval: generateOrval };
  const modules = {};
  for (const [name, generator] of Object.entries(generators)) {
    const out = path.join(peersDir, name);
    mkdirSync(out, { recursive: true });
    try {
      await generator(out);
      modules[name] = await compilePeer(name);
    } catch (error) {
      const detail = (error.errors ?? []).map((e) => `  ${e.location?.file ?? "?"}:${e.location?.line ?? "?"}: ${e.text}`).join("\n");
      throw new Error(
        `generating the ${name} peer client from ${path.relative(root, spec)} failed: ${detail || error.message}\n` +
          "Run `npm ci` in scripts/bench-peers/ (the generators are pinned there), then `node scripts/bench-peers.mjs` to see it alone.",
        { cause: error },
      );
    }
  }
  return modules;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const modules = await generatePeers();
  for (const [name, url] of Object.entries(modules)) console.log(`${name}: ${path.relative(root, fileURLToPath(url))}`);
}
