#!/usr/bin/env node
// `npm run bench`: CPU and wall time per request of our typed client and facade against raw fetch, bare
// openapi-fetch, the fetch clients hey-api and orval generate from our spec, axios and undici, on a loopback
// server; the facade's heap growth; the size of one small program per client; then the targets, met or missed.
// Requests are timed on the Node that runs the bench, on both of the package's paths: node:http (as Node
// resolves it) and fetch (`--conditions=browser`). Each contender runs in a process of its own, so that it
// pays for its own garbage only, and the server runs in this one, idle while a contender is timed; rounds
// take turns in rotated order, and ratios are taken within a round, so that a loaded machine's drift cancels.
// Last, the CLI's start-up: `losant-tokens --help` against `node -e 0`, fresh processes, target at most 2×.
// Needs `npm run build` (the npm script runs it). Run it with another Node on PATH to time that Node.
//   --quick   a short sanity run (3 rounds of 200 requests); its figures mean little
//   --validation   only the cost of `validateResponses`
//   --cli   only the CLI's start-up
//   BENCH_ROUNDS, BENCH_REQUESTS, BENCH_WARMUP, BENCH_HEAP_REQUESTS   override either mode
import { execFileSync, fork, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { CORE_SCHEMA, load } from "js-yaml";
import { bundleForBrowser } from "./browser-bundle.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = path.join(root, "dist/src/index.js");
const spec = path.join(root, "openapi/openapi.yaml");
const peersDir = path.join(root, "build/bench-peers");
const generatorsDir = path.join(root, "scripts/bench-peers");
const { examples } = load(readFileSync(spec, "utf8"), { schema: CORE_SCHEMA }).components;

const [RAW, BARE, TYPED, FACADE, HEY_API, ORVAL] = [
  "raw fetch",
  "bare openapi-fetch",
  "typed client (ours)",
  "facade (ours)",
  "hey-api (fetch client)",
  "orval (fetch client)",
];
const TOKEN = "bench-token";
const HEADERS = { Authorization: `Bearer ${TOKEN}`, Accept: "application/json" };
const POST_BODY = {
  name: "My New Access Token",
  expirationDate: "2017-06-13T04:00:00.000Z",
  scope: ["devices", "devices.state"],
  status: "active",
};
// Each operation timed: its key in a contender, its label, and the example the server answers with.
const OPERATIONS = [
  ["list", "GET /access-tokens", "AccessTokens"],
  ["create", "POST /access-tokens", "AccessToken"],
];
const PATHS = { "node:http": [], fetch: ["--conditions=browser"] };
/** The CLI's start-up may cost at most this many times a bare node's. */
const CLI_STARTUP_TARGET = 2;

function fail(message) {
  console.error(message);
  process.exit(1);
}

function readSettings(argv, env) {
  const options = {
    quick: { type: "boolean" },
    validation: { type: "boolean" },
    cli: { type: "boolean" },
    runner: { type: "string" },
  };
  let flags;
  try {
    flags = parseArgs({ args: argv, options }).values;
  } catch (error) {
    fail(`${error.message}; usage: node --expose-gc scripts/bench.mjs [--quick] [--validation] [--cli]`);
  }
  const setting = (name, full, short) => {
    if (env[name] === undefined) return flags.quick ? short : full;
    const value = Number(env[name]);
    if (!(Number.isInteger(value) && value > 0))
      fail(`${name} must be a whole number above 0, got ${JSON.stringify(env[name])}`);
    return value;
  };
  return {
    ...flags,
    rounds: setting("BENCH_ROUNDS", 9, 3),
    requests: setting("BENCH_REQUESTS", 2_000, 200),
    warmup: setting("BENCH_WARMUP", 1_000, 200),
    heapRequests: setting("BENCH_HEAP_REQUESTS", 50_000, 5_000),
  };
}

// --- statistics ---

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median over rounds of `rounds[name][i][key] / rounds[other][i][key]`: ratios within a round. */
const pairedRatio = (rounds, name, other, key) =>
  median(rounds[name].map((entry, i) => entry[key] / rounds[other][i][key]));

/** `count` rounds of every name, in an order rotated each round; resolves with `{ [name]: [result, …] }`. */
async function interleaved(names, count, run) {
  const rounds = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < count; round += 1) {
    for (const i of names.keys()) {
      const name = names[(i + round) % names.length];
      rounds[name].push(await run(name));
    }
  }
  return rounds;
}

// --- the server and the peers ---

/** The loopback server: the spec's example for each operation, 401 without the bench's token and JSON Accept. */
function startServer() {
  const body = (name) => Buffer.from(JSON.stringify(examples[name].value));
  const routes = {
    "GET /access-tokens": [200, body("AccessTokens")],
    "POST /access-tokens": [201, body("AccessToken")],
  };
  const server = createServer((request, response) => {
    const authorized =
      request.headers.authorization === HEADERS.Authorization && request.headers.accept === HEADERS.Accept;
    const [status, payload] = authorized
      ? (routes[`${request.method} ${request.url?.split("?")[0]}`] ?? [404, body("NotFoundError")])
      : [401, body("UnauthorizedError")];
    request
      .resume()
      .on("end", () =>
        response
          .writeHead(status, { "content-type": "application/json", "content-length": payload.length })
          .end(payload),
      );
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/**
 * Generates the peers (hey-api's and orval's fetch clients) from our spec into build/bench-peers/, each
 * compiled into one ESM module; resolves with their URLs. The generators are pinned in scripts/bench-peers/
 * and installed there on first use, apart from the project's own dependencies (they declare Node >=22.18).
 */
async function generatePeers() {
  if (!existsSync(path.join(generatorsDir, "node_modules"))) {
    console.error("installing the peers' generators into scripts/bench-peers/ (once; this needs the npm registry)");
    execFileSync("npm", ["install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: generatorsDir,
      stdio: ["ignore", 2, 2],
    });
  }
  const { createClient, generate } = await import(pathToFileURL(path.join(generatorsDir, "generators.mjs")).href);
  rmSync(peersDir, { recursive: true, force: true });
  mkdirSync(path.join(peersDir, "orval"), { recursive: true });
  const plugins = ["@hey-api/client-fetch", "@hey-api/sdk", "@hey-api/typescript"];
  await createClient({
    input: spec,
    output: { path: path.join(peersDir, "hey-api"), postProcess: [] },
    plugins,
    logs: { level: "silent" },
  });
  // orval's URLs read their base URL at request time from a mutable object: the server's port is known only then.
  writeFileSync(
    path.join(peersDir, "orval/config.ts"),
    'export const orvalConfig = { baseUrl: "https://api.losant.com" };\n',
  );
  const baseUrl = { runtime: "orvalConfig.baseUrl", imports: [{ name: "orvalConfig", importPath: "./config" }] };
  await generate(
    {
      input: { target: spec },
      output: { target: path.join(peersDir, "orval/api.ts"), client: "fetch", mode: "single", baseUrl },
    },
    root,
    { logLevel: "silent", throwOnError: true },
  );
  // Each peer as one ESM module, with what a runner sets up (hey-api's client, orval's base URL) exported beside its calls.
  writeFileSync(
    path.join(peersDir, "hey-api.ts"),
    'export { client } from "./hey-api/client.gen.ts";\nexport * from "./hey-api/sdk.gen.ts";\n',
  );
  writeFileSync(
    path.join(peersDir, "orval.ts"),
    'export { orvalConfig } from "./orval/config.ts";\nexport * from "./orval/api.ts";\n',
  );
  const entryPoints = ["hey-api", "orval"].map((name) => path.join(peersDir, `${name}.ts`));
  const options = { bundle: true, platform: "node", target: "node20", format: "esm", logLevel: "silent" };
  await build({ entryPoints, outdir: peersDir, outExtension: { ".js": ".mjs" }, ...options });
  return Object.fromEntries(
    ["hey-api", "orval"].map((name) => [name, pathToFileURL(path.join(peersDir, `${name}.mjs`)).href]),
  );
}

// --- the contenders, each in a runner process of its own ---

/**
 * Each contender's set-up: its two calls, the same requests (token, JSON Accept, JSON body on POST); `whole`
 * when a call resolves with the parsed body itself rather than with `{ data }`.
 */
function contenders(baseUrl, peers) {
  const url = `${baseUrl}/access-tokens`;
  const post = {
    method: "POST",
    headers: { ...HEADERS, "Content-Type": "application/json" },
    body: JSON.stringify(POST_BODY),
  };
  const openapiFetch = (client) => ({
    list: () => client.GET("/access-tokens"),
    create: () => client.POST("/access-tokens", { body: POST_BODY }),
  });
  const ours = async () => import(pathToFileURL(dist).href);
  return {
    [RAW]: async () => ({
      list: async () => (await fetch(url, { headers: HEADERS })).json(),
      create: async () => (await fetch(url, post)).json(),
      whole: true,
    }),
    [BARE]: async () => openapiFetch((await import("openapi-fetch")).default({ baseUrl, headers: HEADERS })),
    [TYPED]: async () => openapiFetch((await ours()).createAccessTokensClient({ token: TOKEN, baseUrl })),
    [FACADE]: async () => {
      const api = (await ours()).createAccessTokensApi({ token: TOKEN, baseUrl });
      return { list: () => api.list(), create: () => api.create(POST_BODY), whole: true };
    },
    [HEY_API]: async () => {
      const heyApi = await import(peers["hey-api"]);
      heyApi.client.setConfig({ baseUrl, auth: TOKEN, headers: { Accept: "application/json" } });
      return { list: () => heyApi.listAccessTokens(), create: () => heyApi.createAccessToken({ body: POST_BODY }) };
    },
    [ORVAL]: async () => {
      const orval = await import(peers.orval);
      orval.orvalConfig.baseUrl = baseUrl;
      const init = { headers: HEADERS };
      return {
        list: () => orval.listAccessTokens(undefined, init),
        create: () => orval.createAccessToken(POST_BODY, undefined, init),
      };
    },
    axios: async () => {
      const http = (await import("axios")).default.create({ baseURL: baseUrl, headers: HEADERS });
      return { list: () => http.get("/access-tokens"), create: () => http.post("/access-tokens", POST_BODY) };
    },
    "undici request": async () => {
      const { request } = await import("undici");
      const json = async (answer) => (await answer).body.json();
      return {
        list: () => json(request(url, { headers: HEADERS })),
        create: () => json(request(url, post)),
        whole: true,
      };
    },
  };
}

/** Wall and CPU (user + system) microseconds per call over `count` sequential calls. */
async function measure(call, count) {
  const [cpu, start] = [process.cpuUsage(), process.hrtime.bigint()];
  for (let i = 0; i < count; i += 1) await call();
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - start) / 1e3 / count, cpu: (used.user + used.system) / count };
}

/** Heap growth in MB over `count` calls, after 2,000 to settle; the event loop turns between GCs so that finalizers run. */
async function heapGrowth(call, count) {
  const settled = async () => {
    for (let i = 0; i < 5; i += 1) globalThis.gc(), await new Promise((resolve) => setTimeout(resolve, 20));
    return process.memoryUsage().heapUsed;
  };
  for (let i = 0; i < 2_000; i += 1) await call();
  const before = await settled();
  for (let i = 0; i < count; i += 1) await call();
  return ((await settled()) - before) / 2 ** 20;
}

/** A runner (`--runner=<name>`): sets up one contender, checks its answers, then times what its parent asks. */
async function runner(name) {
  const contender = await contenders(process.env.BENCH_BASE_URL, JSON.parse(process.env.BENCH_PEERS))[name]();
  for (const [op, label, example] of OPERATIONS) {
    const answer = await contender[op]();
    const body = contender.whole ? answer : answer.data;
    if (!isDeepStrictEqual(body, examples[example].value))
      fail(`${name}, ${label}: got ${JSON.stringify(body)?.slice(0, 200)}, not the spec's example`);
  }
  process.on("message", async ({ job, op, count }) =>
    process.send(job === "heap" ? await heapGrowth(contender.list, count) : await measure(contender[op], count)),
  );
  process.on("disconnect", () => process.exit(0));
  process.send("ready");
}

/** One path: a runner per contender, warm-up, interleaved rounds per operation, the facade's heap. */
async function timePath(where, settings, server, peers) {
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  // Under the browser condition axios would pick its XHR adapter.
  const names = Object.keys(contenders(baseUrl, peers)).filter((name) => !(where === "fetch" && name === "axios"));
  const env = { ...process.env, BENCH_BASE_URL: baseUrl, BENCH_PEERS: JSON.stringify(peers) };
  const runners = {};
  try {
    for (const name of names) {
      runners[name] = fork(fileURLToPath(import.meta.url), ["--runner", name], {
        env,
        execArgv: ["--expose-gc", ...PATHS[where]],
      });
      await new Promise((resolve, reject) =>
        runners[name]
          .once("message", resolve)
          .once("exit", (code) => reject(new Error(`the ${name} runner exited (${code})`))),
      );
    }
    const ask = (name, job) => new Promise((resolve) => runners[name].once("message", resolve).send(job));
    const timings = {};
    for (const [op] of OPERATIONS) {
      for (const name of names) await ask(name, { job: "time", op, count: settings.warmup });
      timings[op] = await interleaved(names, settings.rounds, (name) =>
        ask(name, { job: "time", op, count: settings.requests }),
      );
    }
    return { timings, heap: await ask(FACADE, { job: "heap", count: settings.heapRequests }) };
  } finally {
    for (const child of Object.values(runners)) if (child.connected) child.disconnect();
  }
}

// --- sizes ---

/** One program per client, as a user writes it: list, create, then delete what was created. */
function programs() {
  const calls = (list, create, remove) =>
    `  const { data: list } = await ${list};\n  const { data: created } = await ${create};\n  const { data: deleted } = await ${remove};\n  return [list.count, created.id, deleted.success];\n}`;
  const openapiFetch = (make) =>
    `${make}\n  ${calls('client.GET("/access-tokens")', 'client.POST("/access-tokens", { body: { name: "bench" } })', 'client.DELETE("/access-tokens/{accessTokenId}", { params: { path: { accessTokenId: created.id } } })')}`;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the programs' own template literal, as text.
  const init = '{ headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } }';
  return {
    [BARE]: `import createClient from "openapi-fetch";\nexport async function run(token) {\n  const client = createClient({ baseUrl: "https://api.losant.com", ...${init} });${openapiFetch("")}`,
    [TYPED]: `import { createAccessTokensClient } from ${JSON.stringify(dist)};\nexport async function run(token) {${openapiFetch("\n  const client = createAccessTokensClient({ token });")}`,
    [FACADE]: `import { createAccessTokensApi } from ${JSON.stringify(dist)};\nexport async function run(token) {\n  const api = createAccessTokensApi({ token });\n  const list = await api.list();\n  const created = await api.create({ name: "bench" });\n  return [list.count, created.id, (await api.delete(created.id)).success];\n}`,
    [HEY_API]: `import { client } from "./hey-api/client.gen.ts";\nimport { createAccessToken, deleteAccessToken, listAccessTokens } from "./hey-api/sdk.gen.ts";\nexport async function run(token) {\n  client.setConfig({ auth: token, headers: { Accept: "application/json" } });\n${calls("listAccessTokens()", 'createAccessToken({ body: { name: "bench" } })', "deleteAccessToken({ path: { accessTokenId: created.id } })")}`,
    [ORVAL]: `import { createAccessToken, deleteAccessToken, listAccessTokens } from "./orval/api.ts";\nexport async function run(token) {\n  const init = ${init};\n${calls("listAccessTokens(undefined, init)", 'createAccessToken({ name: "bench" }, undefined, init)', "deleteAccessToken(created.id, undefined, init)")}`,
  };
}

async function measureSizes() {
  const sizes = {};
  for (const [name, program] of Object.entries(programs())) {
    const { code } = await bundleForBrowser(program, peersDir);
    sizes[name] = { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
  }
  return sizes;
}

// --- report ---

function version(name) {
  const manifest = [root, generatorsDir]
    .map((dir) => path.join(dir, "node_modules", name, "package.json"))
    .find(existsSync);
  return manifest ? JSON.parse(readFileSync(manifest, "utf8")).version : "(not installed)";
}

function printTable(header, rows) {
  console.log(`| ${header.join(" | ")} |\n| --- |${" ---: |".repeat(header.length - 1)}`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
  console.log("");
}

/** The targets: `[label, measured, limit]`, met when measured ≤ limit. */
function requestTargets({ timings, heap }) {
  const ratio = (op, name, other, key = "cpu") =>
    timings[op][name] && timings[op][other] ? pairedRatio(timings[op], name, other, key) : Number.NaN;
  const targets = [];
  for (const [op, label] of OPERATIONS) {
    const method = label.split(" ")[0];
    for (const [who, name] of [
      ["typed client", TYPED],
      ["facade", FACADE],
    ]) {
      targets.push([`${method}: ${who} CPU × raw fetch`, ratio(op, name, RAW), method === "GET" ? 0.95 : 0.85]);
      targets.push([
        `${method}: ${who} CPU × bare openapi-fetch`,
        ratio(op, name, BARE),
        who === "facade" ? 1.1 : 1.05,
      ]);
      for (const other of [ORVAL, HEY_API, "axios"])
        targets.push([`${method}: ${who} CPU × ${other}`, ratio(op, name, other), 1]);
      targets.push([`${method}: ${who} wall time × raw fetch`, ratio(op, name, RAW, "wall"), 1]);
    }
  }
  return [...targets, ["facade heap growth, MB", heap, 5]];
}

function printTargets(targets) {
  const shown = (value) =>
    Number.isNaN(value) ? "n/a" : Number.isInteger(value) ? value.toLocaleString("en") : value.toFixed(3);
  printTable(
    ["target", "measured", "limit", "met"],
    targets.map(([label, value, limit]) => [
      label,
      shown(value),
      limit.toLocaleString("en"),
      Number.isNaN(value) ? "–" : value <= limit ? "met" : "**missed**",
    ]),
  );
}

function printRequests(where, { timings, heap }, settings) {
  console.log(`## Node ${process.version}, ${where} path\n`);
  for (const [op, label] of OPERATIONS) {
    const rounds = timings[op];
    const ratio = (other, key) => (name) => (rounds[other] ? pairedRatio(rounds, name, other, key).toFixed(2) : "–");
    const mid = (key) => (name) => median(rounds[name].map((round) => round[key])).toFixed(1);
    const columns = {
      "µs / request": mid("wall"),
      "× raw fetch": ratio(RAW, "wall"),
      "CPU µs / request": mid("cpu"),
      "CPU × raw fetch": ratio(RAW, "cpu"),
      "CPU × bare openapi-fetch": ratio(BARE, "cpu"),
      "CPU × hey-api": ratio(HEY_API, "cpu"),
    };
    console.log(`### ${label}\n`);
    const rows = Object.keys(rounds).map((name) => [name, ...Object.values(columns).map((column) => column(name))]);
    printTable(["contender", ...Object.keys(columns)], rows);
  }
  console.log(
    `Heap growth after ${settings.heapRequests.toLocaleString("en")} facade calls and a forced GC: ${heap.toFixed(2)} MB\n`,
  );
}

// --- validateResponses ---

/**
 * The cost of `validateResponses: true`: CPU per typed-client call with and without it, on a GET of the
 * spec's AccessTokens example and a POST answered with its AccessToken (and a secret), in this process,
 * answered by a fetch that returns the same bytes every time, so that the figure is the client's work
 * alone; then the schema check alone, which a whole call's noise hides.
 */
async function timeValidation(settings) {
  const { createAccessTokensClient } = await import(pathToFileURL(dist).href);
  const validators = await import(pathToFileURL(path.join(root, "dist/generated/responses.js")).href);
  const bytes = {
    GET: JSON.stringify(examples.AccessTokens.value),
    POST: JSON.stringify({ ...examples.AccessToken.value, token: "a-new-secret" }),
  };
  const fetch = async (request) =>
    new Response(bytes[request.method], {
      status: request.method === "POST" ? 201 : 200,
      headers: { "content-type": "application/json" },
    });
  const clients = {
    without: createAccessTokensClient({ token: "bench-token", fetch }),
    with: createAccessTokensClient({ token: "bench-token", fetch, validateResponses: true }),
  };
  const calls = {
    GET: (client) => () => client.GET("/access-tokens"),
    POST: (client) => () =>
      client.POST("/access-tokens", { body: { name: "My New Access Token", scope: ["devices"] } }),
  };
  const checks = { GET: validators.listAccessTokens_200, POST: validators.createAccessToken_201 };
  // CPU per call after a GC, so that no call pays for the garbage of the one timed before it.
  const cpu = async (call, count) => (globalThis.gc(), (await measure(call, count)).cpu);
  const rows = [];
  for (const method of ["GET", "POST"]) {
    for (const client of Object.values(clients)) {
      await cpu(calls[method](client), settings.warmup);
      // Every answer must hold to the spec, or the figure would time the error path.
      if ((await calls[method](client)()).error) fail(`bench: the ${method} of the validateResponses section failed`);
    }
    const timed = await interleaved(Object.keys(clients), settings.rounds, (name) =>
      cpu(calls[method](clients[name]), settings.requests),
    );
    const extra = median(timed.with.map((value, i) => value - timed.without[i]));
    const parsed = JSON.parse(bytes[method]);
    const alone = median(
      (await interleaved(["check"], settings.rounds, () => cpu(() => checks[method](parsed), settings.requests * 10)))
        .check,
    );
    rows.push([
      method,
      median(timed.without).toFixed(1),
      median(timed.with).toFixed(1),
      extra.toFixed(1),
      alone.toFixed(2),
    ]);
  }
  console.log(
    "## The cost of validateResponses\n\nCPU µs per typed-client call, answered in process; the difference is the median of differences within a round.\n",
  );
  printTable(["call", "without µs", "with µs", "difference µs", "the schema check alone µs"], rows);
}

// --- the CLI's start-up ---

/** Milliseconds of one run of node with `args`, to its exit. */
function startUp(args) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { PATH: process.env.PATH },
  });
  if (run.status !== 0) fail(`node ${args.join(" ")} exited ${run.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** `losant-tokens --help` against `node -e 0`, median wall time of 41 interleaved runs each, after a warm-up. */
async function timeCliStartup() {
  const runs = { "node -e 0": ["-e", "0"], "losant-tokens --help": [path.join(root, "dist/src/cli/bin.js"), "--help"] };
  for (let i = 0; i < 3; i += 1) for (const args of Object.values(runs)) startUp(args);
  const timed = await interleaved(Object.keys(runs), 41, async (name) => startUp(runs[name]));
  const [bare, help] = Object.values(timed).map(median);
  console.log("### CLI start-up\n\nMedian of 41 runs each, interleaved.\n");
  printTable(
    ["process", "ms"],
    [
      ["node -e 0", bare.toFixed(1)],
      ["losant-tokens --help", help.toFixed(1)],
    ],
  );
  printTargets([["losant-tokens --help × node -e 0", help / bare, CLI_STARTUP_TARGET]]);
}

async function main() {
  const settings = readSettings(process.argv.slice(2), process.env);
  if (settings.runner) return runner(settings.runner);
  if (!existsSync(dist)) fail("dist/ is missing: run `npm run build` first (`npm run bench` does).");
  if (settings.cli) return timeCliStartup();
  if (typeof globalThis.gc !== "function") fail("run with --expose-gc: `npm run bench` does.");
  if (settings.validation) return timeValidation(settings);
  const peers = await generatePeers();
  console.log("# losant-access-tokens benchmark\n");
  if (settings.quick) console.log("**Quick mode: a sanity run, too short for its figures to mean much.**\n");
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(", ");
  console.log(
    `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${os.platform()} ${os.release()}, load average at start ${load}`,
  );
  console.log(
    `${["openapi-fetch", "@hey-api/openapi-ts", "orval", "axios", "undici"].map((name) => `${name} ${version(name)}`).join(", ")}\n`,
  );
  console.log(
    `${settings.rounds} interleaved rounds of ${settings.requests} sequential requests per contender and operation, after ${settings.warmup} warm-up requests. Times are medians of rounds; ratios are medians of the ratios within each round.\n`,
  );
  const server = await startServer();
  try {
    for (const where of Object.keys(PATHS)) {
      const result = await timePath(where, settings, server, peers);
      printRequests(where, result, settings);
      console.log(`### Targets, ${where} path\n`);
      printTargets(requestTargets(result));
    }
  } finally {
    server.close();
  }
  const sizes = await measureSizes();
  console.log(
    "## Size of one small program per client (list, create, delete)\n\nesbuild, browser, minified ESM; gzip level 9.\n",
  );
  printTable(
    ["client", "minified B", "min+gzip B", "× bare openapi-fetch"],
    Object.entries(sizes).map(([name, { minified, gzipped }]) => [
      name,
      minified.toLocaleString("en"),
      gzipped.toLocaleString("en"),
      (gzipped / sizes[BARE].gzipped).toFixed(2),
    ]),
  );
  printTargets([
    ["facade program, min+gzip B", sizes[FACADE].gzipped, 5_500],
    ["typed client program, min+gzip B", sizes[TYPED].gzipped, 5_500],
  ]);
  await timeValidation(settings);
  await timeCliStartup();
}

await main();
