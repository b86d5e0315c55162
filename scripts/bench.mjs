#!/usr/bin/env node
// `npm run bench`: the client against raw fetch, bare openapi-fetch, axios and undici on a loopback server,
// heap growth over 50,000 facade calls, and `npm run gen` against the two CLIs it replaces.
// Needs `npm run build` (the npm script runs it) and --expose-gc (likewise). BENCH_ROUNDS and
// BENCH_REQUESTS shrink or grow the run; the defaults meet the published method.
import { execFileSync, fork } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import axios from "axios";
import createClient from "openapi-fetch";
import { request as undiciRequest } from "undici";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const WARMUP = 1_000;
const HEAP_REQUESTS = 50_000;
const GEN_ROUNDS = Number(process.env.BENCH_GEN_ROUNDS ?? 7);

if (typeof globalThis.gc !== "function") {
  console.error("run with --expose-gc: `npm run bench` does.");
  process.exit(1);
}
const dist = path.join(root, "dist/src/index.js");
if (!existsSync(dist)) {
  console.error("dist/ is missing: run `npm run build` first (`npm run bench` does).");
  process.exit(1);
}
const { createAccessTokensApi, createAccessTokensClient } = await import(dist);

const server = fork(fileURLToPath(new URL("./bench-server.mjs", import.meta.url)), { stdio: "inherit" });
const { port } = await new Promise((resolve, reject) => server.once("message", resolve).once("error", reject));
const baseUrl = `http://127.0.0.1:${port}`;
const token = "bench-token";
const headers = { Authorization: `Bearer ${token}`, Accept: "application/json" };
const post = { name: "My New Access Token", expirationDate: "2017-06-13T04:00:00.000Z", scope: ["devices", "devices.state"], status: "active" };
const postJson = JSON.stringify(post);

// Every contender sends the same requests and parses the same JSON bodies.
const bare = createClient({ baseUrl, headers });
const typed = createAccessTokensClient({ token, baseUrl });
const facade = createAccessTokensApi({ token, baseUrl });
const http = axios.create({ baseURL: baseUrl, headers });
const contenders = {
  "raw fetch": {
    list: async () => (await fetch(`${baseUrl}/access-tokens`, { headers })).json(),
    create: async () =>
      (await fetch(`${baseUrl}/access-tokens`, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: postJson })).json(),
  },
  "bare openapi-fetch": {
    list: () => bare.GET("/access-tokens"),
    create: () => bare.POST("/access-tokens", { body: post }),
  },
  "typed client (ours)": {
    list: () => typed.GET("/access-tokens"),
    create: () => typed.POST("/access-tokens", { body: post }),
  },
  "facade (ours)": {
    list: () => facade.list(),
    create: () => facade.create(post),
  },
  axios: {
    list: () => http.get("/access-tokens"),
    create: () => http.post("/access-tokens", post),
  },
  "undici request": {
    list: async () => (await undiciRequest(`${baseUrl}/access-tokens`, { headers })).body.json(),
    create: async () =>
      (
        await undiciRequest(`${baseUrl}/access-tokens`, {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/json" },
          body: postJson,
        })
      ).body.json(),
  },
};
const names = Object.keys(contenders);

async function measure(call, count) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) await call();
  const wall = Number(process.hrtime.bigint() - start) / 1e3 / count;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / count };
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const results = {};
for (const op of ["list", "create"]) {
  for (const name of names) await measure(contenders[name][op], WARMUP);
  const rounds = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    // Rotate the order so that no contender always runs first (or right after the same one).
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) rounds[name].push(await measure(contenders[name][op], REQUESTS));
  }
  // Ratios are taken within each round (the contenders ran minutes apart at most), then their median:
  // a shared machine drifts between rounds, and this keeps the drift out of the comparison.
  const paired = (name, other, key) => median(rounds[name].map((r, i) => r[key] / rounds[other][i][key]));
  results[op] = Object.fromEntries(
    names.map((name) => [
      name,
      {
        wall: median(rounds[name].map((r) => r.wall)),
        cpu: median(rounds[name].map((r) => r.cpu)),
        wallVsFetch: paired(name, "raw fetch", "wall"),
        cpuVsFetch: paired(name, "raw fetch", "cpu"),
        cpuVsLib: paired(name, "bare openapi-fetch", "cpu"),
        cpuVsAxios: paired(name, "axios", "cpu"),
        wallVsAxios: paired(name, "axios", "wall"),
      },
    ]),
  );
}

// Heap growth: settle, then 50,000 facade calls, then forced GCs. Between GCs the event loop turns, so
// that FinalizationRegistry callbacks (undici's request finalizers) run and what they hold is freed.
const heapNow = async () => {
  for (let i = 0; i < 5; i += 1) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};
for (let i = 0; i < 2_000; i += 1) await facade.list();
const heapBefore = await heapNow();
for (let i = 0; i < HEAP_REQUESTS; i += 1) await facade.list();
const heapGrowth = ((await heapNow()) - heapBefore) / 1024 / 1024;
server.disconnect();

// npm run gen against the two CLIs back to back, interleaved, same spec, fresh output each time.
const out = mkdtempSync(path.join(os.tmpdir(), "losant-bench-gen-"));
// openapi-typescript's CLI would read redocly.yaml's `apis` and want an output key there; give it none.
const otsConfig = path.join(mkdtempSync(path.join(os.tmpdir(), "losant-bench-ots-")), "redocly.yaml");
writeFileSync(otsConfig, "extends:\n  - minimal\n");
const redocly = require.resolve("@redocly/cli/bin/cli.js");
const openapiTypescript = path.join(path.dirname(require.resolve("openapi-typescript/package.json")), "bin/cli.js");
const timed = (commands) => {
  rmSync(out, { recursive: true, force: true });
  const start = process.hrtime.bigint();
  for (const [file, args] of commands) execFileSync(file, args, { cwd: root, stdio: "ignore" });
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const genSides = {
  "gen (node scripts/gen.mjs)": [[process.execPath, ["scripts/gen.mjs", "--out", out]]],
  "CLIs (redocly lint, then openapi-typescript)": [
    [process.execPath, [redocly, "lint", "openapi/openapi.yaml"]],
    [process.execPath, [openapiTypescript, "openapi/openapi.yaml", "--redocly", otsConfig, "-o", path.join(out, "cli.ts")]],
  ],
  "npm run gen": [["npm", ["run", "-s", "gen", "--", "--out", out]]],
  "npx redocly lint, then npx openapi-typescript": [
    ["npx", ["--no", "redocly", "lint", "openapi/openapi.yaml"]],
    ["npx", ["--no", "openapi-typescript", "openapi/openapi.yaml", "--redocly", otsConfig, "-o", path.join(out, "cli.ts")]],
  ],
};
const genTimes = Object.fromEntries(Object.keys(genSides).map((name) => [name, []]));
for (const commands of Object.values(genSides)) timed(commands);
for (let round = 0; round < GEN_ROUNDS; round += 1) {
  const sides = Object.keys(genSides);
  for (const name of sides.map((_, i) => sides[(i + round) % sides.length])) genTimes[name].push(timed(genSides[name]));
}
rmSync(out, { recursive: true, force: true });
rmSync(path.dirname(otsConfig), { recursive: true, force: true });
const gen = Object.fromEntries(Object.entries(genTimes).map(([name, times]) => [name, median(times)]));

// Report.
const fixed = (value, digits = 1) => value.toFixed(digits);
console.log(`# losant-access-tokens benchmark`);
console.log(`${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
console.log(
  `${ROUNDS} interleaved rounds of ${REQUESTS} sequential requests per contender and operation, after ${WARMUP} warm-up requests. ` +
    "Times are medians of rounds; ratios are medians of the ratios within each round.\n",
);
for (const [op, label] of [["list", "GET /access-tokens"], ["create", "POST /access-tokens"]]) {
  console.log(`## ${label}\n`);
  console.log("| contender | µs / request | × raw fetch | CPU µs / request | CPU × raw fetch | CPU × bare openapi-fetch |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const name of names) {
    const { wall, cpu, wallVsFetch, cpuVsFetch, cpuVsLib } = results[op][name];
    console.log(`| ${name} | ${fixed(wall)} | ${fixed(wallVsFetch, 2)} | ${fixed(cpu)} | ${fixed(cpuVsFetch, 2)} | ${fixed(cpuVsLib, 2)} |`);
  }
  console.log("");
}
console.log(`## Heap\n\nheap growth after ${HEAP_REQUESTS.toLocaleString("en")} facade calls and a forced GC: ${fixed(heapGrowth, 2)} MB\n`);
console.log(`## Generation (${GEN_ROUNDS} interleaved rounds, median wall time)\n`);
console.log("| command | ms |");
console.log("| --- | ---: |");
for (const [name, ms] of Object.entries(gen)) console.log(`| ${name} | ${fixed(ms, 0)} |`);
const genRatio = gen["gen (node scripts/gen.mjs)"] / gen["CLIs (redocly lint, then openapi-typescript)"];
const npmRatio = gen["npm run gen"] / gen["npx redocly lint, then npx openapi-typescript"];
console.log("");

const targets = [];
for (const [op, label] of [["list", "GET"], ["create", "POST"]]) {
  const typedResult = results[op]["typed client (ours)"];
  const facadeResult = results[op]["facade (ours)"];
  targets.push([`${label}: typed client CPU ≤ 1.05 × bare openapi-fetch`, typedResult.cpuVsLib, 1.05]);
  targets.push([`${label}: facade CPU ≤ 1.10 × bare openapi-fetch`, facadeResult.cpuVsLib, 1.1]);
  targets.push([`${label}: typed client CPU below axios (ratio to axios)`, typedResult.cpuVsAxios, 1]);
  targets.push([`${label}: facade CPU below axios (ratio to axios)`, facadeResult.cpuVsAxios, 1]);
  targets.push([`${label}: typed client wall time below axios (ratio to axios)`, typedResult.wallVsAxios, 1]);
  targets.push([`${label}: facade wall time below axios (ratio to axios)`, facadeResult.wallVsAxios, 1]);
}
targets.push(["heap growth ≤ 5 MB", heapGrowth, 5]);
targets.push(["gen ≤ 0.5 × the two CLIs (node, both sides)", genRatio, 0.5]);
targets.push(["npm run gen ≤ 0.5 × npx CLIs (launchers, both sides)", npmRatio, 0.5]);
console.log("## Targets\n");
console.log("| target | measured | met |");
console.log("| --- | ---: | :---: |");
for (const [label, value, limit] of targets) console.log(`| ${label} | ${fixed(value, 3)} | ${value <= limit ? "yes" : "**no**"} |`);
