#!/usr/bin/env node
// The package as its users get it, in every setup docs/compatibility.md's tables name. It packs
// this repository (the tarball npm would publish), then:
// - type-checks a consumer (both facades, the typed client, the fake, @ts-expect-error lines) with
//   skipLibCheck false, as ESM and as CommonJS, for each moduleResolution, with and without the DOM
//   library, on TypeScript 5.9 (this repository's) and 7 (npm's typescript@7.0.2);
// - runs the scenario of docs/library.md's examples (both facades, the original resource's and the typed client), as an
//   installed package, against the fake in process and over HTTP (scripts/fake.mjs), on each Node given
//   (ESM import, CommonJS require, TypeScript emitting CommonJS), Bun and Deno (npm's `bun` and `deno`),
//   and in headless Chromium (bundled with esbuild, the fake in process).
// Each setup is a fresh project with an empty npm cache, installed offline from the tarball and the
// dependencies packed from node_modules. TypeScript 7, Bun and Deno come from the npm registry into the
// temporary folder. Any mismatch fails loudly, naming the setup.
//
//   node scripts/consumers.mjs [--node /path/to/node]... [--only types|node|bun|deno|chromium]...
import { execFile as execFileCallback } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { bundleForBrowser } from "./browser-bundle.mjs";
import { startFakeServer } from "./fake.mjs";

const execFile = promisify(execFileCallback);
const root = fileURLToPath(new URL("..", import.meta.url));
const TOOLS = ["typescript@7.0.2", "bun@1.4.4", "deno@2.9.6"];
const GROUPS = ["types", "node", "bun", "deno", "chromium"];
// An npm install that runs no install script and prints only errors.
const QUIET = ["--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"];

const { values: flags } = parseArgs({
  options: { node: { type: "string", multiple: true }, only: { type: "string", multiple: true } },
});
const nodes = flags.node ?? [process.execPath];
const only = new Set(flags.only ?? GROUPS);
for (const group of only) if (!GROUPS.includes(group)) fail(`--only ${group}: the groups are ${GROUPS.join(", ")}`);

function fail(message) {
  console.error(`consumers: FAILED: ${message}`);
  process.exit(1);
}

/** Runs a command, resolving with its output; rejects with a message holding both streams. */
async function run(command, args, options = {}) {
  try {
    return await execFile(command, args, { maxBuffer: 64 * 1024 * 1024, timeout: 300_000, ...options });
  } catch (error) {
    throw new Error(
      `${[command, ...args].join(" ")} failed (exit ${error.code ?? error.signal}):\n${error.stdout ?? ""}${error.stderr ?? ""}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// What a user writes. One text per module system: the ESM and CommonJS headers differ, the scenario
// does not. It prints one JSON line: what docs/library.md's examples print, in process and over HTTP.

const SCENARIO = `
async function usage(options) {
  const lines = [];
  const log = (line) => lines.push(line);
  const tokens = createUserTokensApi(options);
  const created = await tokens.create({ name: "CI deploy key", scope: ["all.Application.read"] });
  log(\`created \${created.name}, secret \${created.token ? "received" : "missing"}\`);
  for await (const token of tokens.listAll({ filterField: "name", filter: "CI*" })) log(\`listed \${token.name} (\${token.status})\`);
  await tokens.delete(created.id ?? "");
  try {
    await tokens.get(created.id ?? "");
    log("get after delete resolved");
  } catch (error) {
    if (!(error instanceof LosantApiError)) throw error;
    log(\`\${error.status} \${error.type}: \${error.apiMessage}\`);
  }

  const applicationId = "575ec8687ae143cd83dc4a97";
  const appTokens = createApplicationTokensApi(options);
  const edge = await appTokens.create(applicationId, { name: "Edge gateway", scope: ["all.Device"], defaultRole: "view" });
  await appTokens.update(applicationId, edge.id ?? "", { status: "inactive", description: "rotated out" });
  const page = await appTokens.list(applicationId, { sortField: "lastUpdated", sortDirection: "desc", perPage: 10 });
  log(\`\${page.totalCount} token(s); last updated: \${page.items?.[0]?.name} (\${page.items?.[0]?.status})\`);

  const legacy = createAccessTokensApi(options);
  const { items = [] } = await legacy.list();
  log(\`\${items.length} access token(s) of the original resource\`);

  const client = createAccessTokensClient(options);
  const found = await client.GET("/applications/{applicationId}/tokens/{apiTokenId}", { params: { path: { applicationId, apiTokenId: edge.id ?? "" } } });
  log(\`typed client: \${found.response.status} \${found.data?.name} (\${found.data?.description})\`);
  const gone = await client.GET("/me/tokens/{apiTokenId}", { params: { path: { apiTokenId: created.id ?? "" } } });
  log(\`typed client: \${gone.response.status} \${gone.error?.type}: \${gone.error?.message}\`);
  return lines;
}

async function scenario(baseUrl) {
  // "t": a one-character stand-in token, which must change no answer.
  const inProcess = await usage({ token: "t", fetch: createFakeLosant().fetch });
  const overHttp = baseUrl ? await usage({ token: "any-token-works-with-the-fake", baseUrl, retries: 0 }) : null;
  return { inProcess, overHttp };
}
`;

const EXPECTED = [
  "created CI deploy key, secret received",
  "listed CI deploy key (active)",
  "404 NotFound: API Token was not found",
  "1 token(s); last updated: Edge gateway (inactive)",
  "0 access token(s) of the original resource",
  "typed client: 200 Edge gateway (rotated out)",
  "typed client: 404 NotFound: API Token was not found",
];

const NAMES =
  "createAccessTokensApi, createAccessTokensClient, createApplicationTokensApi, createUserTokensApi, LosantApiError";
const esm = (baseUrl) => `import { ${NAMES} } from "losant-access-tokens";
import { createFakeLosant } from "losant-access-tokens/fake";
${SCENARIO}
console.log(JSON.stringify(await scenario(${JSON.stringify(baseUrl)})));
`;
const cjs = (baseUrl) => `"use strict";
const { ${NAMES} } = require("losant-access-tokens");
const { createFakeLosant } = require("losant-access-tokens/fake");
${SCENARIO}
scenario(${JSON.stringify(baseUrl)}).then((result) => console.log(JSON.stringify(result)), (error) => { console.error(error); process.exitCode = 1; });
`;

// The typed consumer: the scenario with types, and lines that must not compile. Compiled as ESM and as
// CommonJS (imports become require calls), so it has no top-level await.
const typed = (baseUrl) => `import { ${NAMES}, type ApiToken, type ClientOptions } from "losant-access-tokens";
import { createFakeLosant, type FakeLosant } from "losant-access-tokens/fake";
${SCENARIO.replace("async function usage(options)", "async function usage(options: ClientOptions)")
  .replace("const lines = [];", "const lines: string[] = [];")
  .replace("const log = (line) =>", "const log = (line: string) =>")
  .replace("async function scenario(baseUrl)", "async function scenario(baseUrl: string | null)")}
declare const console: { log(text: string): void; error(error: unknown): void };
scenario(${JSON.stringify(baseUrl)}).then((result) => console.log(JSON.stringify(result)), (error: unknown) => console.error(error));

// Exact types, not any: each @ts-expect-error line must be an error. Never called: types only.
export function exactTypes() {
const fake: FakeLosant = createFakeLosant();
const api = createUserTokensApi({ token: "t", fetch: fake.fetch, headers: [["x-trace", "1"]] });
createUserTokensApi({ token: "t", headers: new Headers({ "x-trace": "1" }) });
createUserTokensApi({ token: "t", headers: { "x-trace": "1" } });
// @ts-expect-error a header's value is a string
createUserTokensApi({ token: "t", headers: { "x-trace": 1 } });
// @ts-expect-error name is required
void api.create({ scope: ["all.User"] });
// @ts-expect-error the fake's fetch takes a Request, a URL or a string
void fake.fetch(42);
void fake.fetch("https://api.losant.com/me/tokens", { method: "GET" });
void fake.fetch(new URL("https://api.losant.com/me/tokens"));
void api.list().then((page) => {
  const first: ApiToken | undefined = page.items?.[0];
  const status: "active" | "inactive" | undefined = first?.status;
  // @ts-expect-error an ApiToken has no such property
  void first?.nope;
  return status;
});
}
`;

// ---------------------------------------------------------------------------------------------------
// Packing and installing, offline.

/** The folders in node_modules that hold a package's dependencies and theirs, found as Node finds them. */
async function dependencyFolders(folder, names, found = new Set()) {
  for (const name of names) {
    let dir = folder;
    while (!existsSync(path.join(dir, "node_modules", name))) {
      if (path.relative(root, dir).startsWith("..") || dir === path.dirname(dir))
        fail(`${name}, needed by ${folder}, is not in node_modules: run npm ci.`);
      dir = path.dirname(dir);
    }
    const dependency = path.join(dir, "node_modules", name);
    if (found.has(dependency)) continue;
    found.add(dependency);
    const manifest = JSON.parse(await readFile(path.join(dependency, "package.json"), "utf8"));
    await dependencyFolders(dependency, Object.keys(manifest.dependencies ?? {}), found);
  }
  return [...found];
}

async function pack(work, env, args) {
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work, ...args], { cwd: root, env });
  return JSON.parse(stdout).map(({ filename }) => path.join(work, filename));
}

/** npm's environment with an empty cache of its own at `cache`, and no registry: everything comes from tarballs. */
const offline = (cache) => ({ ...process.env, npm_config_cache: cache, npm_config_registry: "http://127.0.0.1:9/" });

/** A fresh project: its package.json, then the tarballs installed offline, with an empty npm cache of its own. */
async function project(work, name, type, tarballs) {
  const dir = path.join(work, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: `consumer-${name}`, private: true, type }));
  await run("npm", ["install", "--offline", ...QUIET, ...tarballs], {
    cwd: dir,
    env: offline(path.join(dir, ".npm-cache")),
  });
  await rm(path.join(dir, ".npm-cache"), { recursive: true, force: true });
  return dir;
}

// ---------------------------------------------------------------------------------------------------
// Type checks.

// What every consumer's tsconfig holds: a user's strict settings, with the package's own .d.ts checked too.
const STRICT = { target: "es2022", strict: true, skipLibCheck: false };
const LIBS = {
  "no DOM (es2022 + @types/node)": { lib: ["es2022"], types: ["node"] },
  "DOM, no @types/node": { lib: ["es2022", "dom", "dom.iterable"], types: [] },
  "DOM + @types/node": { lib: ["es2022", "dom", "dom.iterable"], types: ["node"] },
};
// [package type, module, moduleResolution, what must happen]
const MODULES = [
  ["module", "node16", "node16", "passes"],
  ["module", "nodenext", "nodenext", "passes"],
  ["module", "esnext", "bundler", "passes"],
  ["module", "preserve", "bundler", "passes"],
  ["commonjs", "node20", "node16", "passes"],
  ["commonjs", "nodenext", "nodenext", "passes"],
  ["commonjs", "preserve", "bundler", "passes"],
  // module node16 cannot require() an ES module: docs/compatibility.md tells CommonJS users to take node20 or nodenext.
  ["commonjs", "node16", "node16", "TS1479"],
];

async function typeChecks(work, tarballs, typescripts) {
  const projects = {};
  for (const type of ["module", "commonjs"]) {
    const dir = await project(work, `types-${type}`, type, tarballs);
    await writeFile(path.join(dir, "consumer.ts"), typed(null));
    projects[type] = dir;
  }
  const jobs = [];
  for (const [version, tsc] of typescripts) {
    for (const [type, module, moduleResolution, expected] of MODULES) {
      for (const [libName, lib] of Object.entries(LIBS)) {
        if (expected !== "passes" && !libName.startsWith("no DOM")) continue;
        jobs.push({ version, tsc, type, module, moduleResolution, expected, libName, lib });
      }
    }
  }
  const results = [];
  // Two at a time: CI has two cores.
  await Promise.all(
    [0, 1].map(async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        const { version, tsc, type, module, moduleResolution, expected, libName, lib } = job;
        const name = `tsconfig.${version}.${module}.${moduleResolution}.${lib.lib.length}.${lib.types.length}.json`;
        const compilerOptions = {
          ...STRICT,
          module,
          moduleResolution,
          ...lib,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
        };
        await writeFile(path.join(projects[type], name), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
        const label = `TypeScript ${version}, ${type === "module" ? "ESM" : "CommonJS"}, module ${module}, moduleResolution ${moduleResolution}, ${libName}`;
        const outcome = await run(process.execPath, [tsc, "-p", name, "--pretty", "false"], {
          cwd: projects[type],
        }).then(
          () => "passes",
          (error) => error.message,
        );
        const ok =
          expected === "passes"
            ? outcome === "passes"
            : outcome !== "passes" && outcome.includes(`error ${expected}`) && !/error TS(?!1479)/.test(outcome);
        results.push({
          label,
          ok,
          detail: ok
            ? expected === "passes"
              ? "type-checks"
              : `fails with ${expected}, as docs/compatibility.md says`
            : outcome,
        });
      }
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------------------
// The scenario at run time.

/** Runs a scenario file and checks its JSON line against docs/library.md's answers, in process and over HTTP. */
async function check(label, command, args, cwd) {
  let stdout, stderr;
  try {
    ({ stdout, stderr } = await run(command, args, { cwd, env: { ...process.env, NO_COLOR: "1" } }));
  } catch (error) {
    return { label, ok: false, detail: error.message };
  }
  const line = stdout.trim().split("\n").at(-1) ?? "";
  let result;
  try {
    result = JSON.parse(line);
  } catch {
    return { label, ok: false, detail: `printed no JSON line:\n${stdout}${stderr}` };
  }
  const expected = { inProcess: EXPECTED, overHttp: EXPECTED };
  const ok = JSON.stringify(result) === JSON.stringify(expected);
  const warnings = stderr.trim() ? ` (stderr: ${stderr.trim().split("\n")[0]})` : "";
  return {
    label,
    ok,
    detail: ok
      ? `scenario as docs/library.md says, in process and over HTTP${warnings}`
      : `expected ${JSON.stringify(expected)}\ngot      ${line}\n${stderr}`,
  };
}

/**
 * One setup: the scenario written as `file` into a fresh project of package type `type`, `prepare`d (a
 * compile), then run with `command` and `args` against a fake of its own over HTTP, closed after it.
 */
async function setup(work, tarballs, { label, name, type, file, source, command, args = [file], prepare }) {
  const dir = await project(work, name, type, tarballs);
  const server = await startFakeServer({ port: 0 });
  try {
    await writeFile(path.join(dir, file), source(server.url));
    await prepare?.(dir);
    return await check(label, command, args, dir);
  } finally {
    await server.close();
  }
}

/** The scenario as ESM and as CommonJS, one after the other, run as `command file`; `name` tells the runtime apart. */
async function bothStyles(work, tarballs, runtime, name, command) {
  const results = [];
  for (const [style, type, file, source] of [
    ["ESM import", "module", "scenario.mjs", esm],
    ["CommonJS require", "commonjs", "scenario.cjs", cjs],
  ]) {
    const settings = { label: `${runtime}, ${style}`, name: `${name}-${type}`, type, file, source };
    results.push(await setup(work, tarballs, { ...settings, command }));
  }
  return results;
}

/** Compiles scenario.ts into out/ as TypeScript 5.9 emits CommonJS (module nodenext in a CommonJS package). */
async function compileToCommonJs(dir) {
  const compilerOptions = {
    ...STRICT,
    module: "nodenext",
    moduleResolution: "nodenext",
    lib: ["es2022", "dom"],
    types: [],
    outDir: "out",
  };
  await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["scenario.ts"] }));
  await run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {
    cwd: dir,
  });
  if (!(await readFile(path.join(dir, "out/scenario.js"), "utf8")).includes('require("losant-access-tokens")'))
    throw new Error("tsc did not emit require()");
}

async function nodeSetups(work, tarballs, node) {
  const version = (await run(node, ["--version"])).stdout.trim();
  const label = `Node ${version}, TypeScript 5.9 → CommonJS (module nodenext)`;
  // Run as the user would: node out/.
  const fromTs = { label, name: `node-${version}-ts-commonjs`, type: "commonjs", file: "scenario.ts", source: typed };
  return [
    ...(await bothStyles(work, tarballs, `Node ${version}`, `node-${version}`, node)),
    await setup(work, tarballs, { ...fromTs, command: node, args: ["out/scenario.js"], prepare: compileToCommonJs }),
  ];
}

async function bunSetups(work, tarballs, bun) {
  return bothStyles(work, tarballs, `Bun ${(await run(bun, ["--version"])).stdout.trim()}`, "bun", bun);
}

async function denoSetups(work, tarballs, deno) {
  const version = (await run(deno, ["--version"])).stdout.split(" ")[1];
  // Deno reads package.json and resolves the package from node_modules, as npm installed it.
  const args = ["run", "--allow-net", "--allow-read", "--allow-env", "scenario.mjs"];
  const settings = { label: `Deno ${version}, ESM import`, name: "deno", type: "module", file: "scenario.mjs" };
  return [await setup(work, tarballs, { ...settings, source: esm, command: deno, args })];
}

async function chromiumSetup(work, tarballs) {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath))
    fail(`no Chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  const dir = await project(work, "chromium", "module", tarballs);
  const program = esm(null).replace(
    "console.log(JSON.stringify(await scenario(null)));",
    "globalThis.result = await scenario(null);",
  );
  const { code, builtins } = await bundleForBrowser(program, dir, "scenario.mjs", { splitting: false });
  if (builtins.length > 0)
    return [{ label: "Chromium", ok: false, detail: `the bundle imports Node built-ins: ${builtins.join(", ")}` }];
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    await page.setContent("<!doctype html><title>consumer</title>");
    await page.addScriptTag({ type: "module", content: new TextDecoder().decode(code) });
    const result = await page
      .waitForFunction(() => globalThis.result, undefined, { timeout: 30_000 })
      .then(
        (handle) => handle.jsonValue(),
        () => null,
      );
    const version = browser.version();
    const ok =
      JSON.stringify(result) === JSON.stringify({ inProcess: EXPECTED, overHttp: null }) && errors.length === 0;
    return [
      {
        label: `Chromium ${version} (headless), esbuild bundle`,
        ok,
        detail: ok
          ? `scenario as docs/library.md says, in process (${(code.length / 1024).toFixed(1)} kB bundle)`
          : `got ${JSON.stringify(result)}; errors: ${errors.join("; ")}`,
      },
    ];
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------------

const start = Date.now();
const work = await mkdtemp(path.join(tmpdir(), "losant-consumers-"));
const results = [];
try {
  // A newcomer's npm: an empty cache, no registry. Packing runs the prepare script, which builds dist/.
  const packing = offline(path.join(work, "pack-cache"));
  const [tarball] = await pack(work, packing, []);
  // The package's own dependencies, as its package.json lists them (the CLI's too), and Ajv for the fake.
  const { dependencies = {} } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8"));
  const needed = [...new Set(["ajv", "ajv-formats", ...Object.keys(dependencies)])];
  const runtime = await pack(work, packing, ["--ignore-scripts", ...(await dependencyFolders(root, needed))]);
  const tarballs = [tarball, ...runtime];
  console.log(
    `consumers: packed ${path.basename(tarball)} and ${runtime.length} dependencies (${((Date.now() - start) / 1000).toFixed(1)} s)`,
  );

  let tools = "";
  if (only.has("types") || only.has("bun") || only.has("deno")) {
    // From the registry, into the temporary folder with a cache of its own. Install scripts are not run:
    // each binary is in its platform package, found below.
    tools = path.join(work, "tools");
    const env = { ...process.env, npm_config_cache: path.join(work, "tools-cache") };
    await run("npm", ["install", "--prefix", tools, "--no-save", "--no-package-lock", ...QUIET, ...TOOLS], { env });
    console.log(`consumers: installed ${TOOLS.join(", ")} from npm (${((Date.now() - start) / 1000).toFixed(1)} s)`);
  }
  const binary = async (scope, prefix, file) => {
    const folder = path.join(tools, "node_modules", scope);
    const platform = (await readdir(folder)).find((name) => name.startsWith(prefix));
    if (!platform)
      fail(`npm installed no ${scope}/${prefix}* package for this platform (${process.platform}-${process.arch}).`);
    return path.join(folder, platform, file);
  };

  const step = async (group, action) => {
    if (!only.has(group)) return;
    const began = Date.now();
    const found = await action();
    for (const result of found) console.log(`${result.ok ? "ok  " : "FAIL"} ${result.label}: ${result.detail}`);
    console.log(`consumers: ${group}: ${((Date.now() - began) / 1000).toFixed(1)} s`);
    results.push(...found);
  };

  await step("types", async () => {
    const types = await pack(work, packing, ["--ignore-scripts", ...(await dependencyFolders(root, ["@types/node"]))]);
    const typescripts = [
      ["5.9", path.join(root, "node_modules/typescript/bin/tsc")],
      ["7.0", path.join(tools, "node_modules/typescript/bin/tsc")],
    ];
    for (const [version, tsc] of typescripts) {
      const { stdout } = await run(process.execPath, [tsc, "--version"]);
      if (!stdout.includes(`Version ${version}.`))
        fail(`${tsc} is ${stdout.trim()}, where TypeScript ${version} was meant.`);
    }
    return typeChecks(work, [...tarballs, ...types], typescripts);
  });
  for (const node of nodes) await step("node", () => nodeSetups(work, tarballs, node));
  await step("bun", async () => bunSetups(work, tarballs, await binary("@oven", "bun-", "bin/bun")));
  await step("deno", async () => denoSetups(work, tarballs, await binary("@deno", "", "deno")));
  await step("chromium", () => chromiumSetup(work, tarballs));
} finally {
  await rm(work, { recursive: true, force: true });
}

const failed = results.filter((result) => !result.ok);
console.log(`consumers: ${results.length} setups in ${((Date.now() - start) / 1000).toFixed(1)} s`);
console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
if (results.length === 0) fail("no setup ran.");
if (failed.length > 0)
  fail(`${failed.map((result) => result.label).join("; ")}: see above, and docs/compatibility.md.`);
