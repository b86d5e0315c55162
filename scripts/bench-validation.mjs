#!/usr/bin/env node
// The cost of `validateResponses: true`: CPU per typed-client call with and without it, for a GET (the
// spec's AccessTokens example) and a POST (its AccessToken example, with a secret), answered in process
// by a fetch that returns the same bytes every time, so that the figure is the client's work alone. Rounds
// take turns (bench-stats' interleaved); the extra cost is the median of differences paired by round.
// `npm run bench` runs it after the rest; `node --expose-gc scripts/bench-validation.mjs [--quick]` alone.
// Needs `npm run build`.
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CORE_SCHEMA, load } from "js-yaml";
import { interleaved, median } from "./bench-stats.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

/** CPU microseconds per call of `call`, over `count` calls in a row. */
async function cpuPerCall(call, count) {
  globalThis.gc?.();
  const start = process.cpuUsage();
  for (let i = 0; i < count; i += 1) await call();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / count;
}

/** Resolves with the per-call CPU of a validated and a plain GET and POST: `{ GET: { plain, validated, extra }, POST: … }`. */
export async function benchValidation({ rounds = 9, requests = 2_000, warmup = 1_000 } = {}) {
  const { createAccessTokensClient } = await import(pathToFileURL(`${root}dist/src/index.js`).href);
  const validators = await import(pathToFileURL(`${root}dist/generated/responses.js`).href);
  const { examples } = load(readFileSync(`${root}openapi/openapi.yaml`, "utf8"), { schema: CORE_SCHEMA }).components;
  const bytes = { GET: JSON.stringify(examples.AccessTokens.value), POST: JSON.stringify({ ...examples.AccessToken.value, token: "a-new-secret" }) };
  const fetch = async (request) => new Response(bytes[request.method], { status: request.method === "POST" ? 201 : 200, headers: { "content-type": "application/json" } });
  const clients = { plain: createAccessTokensClient({ token: "bench-token", fetch }), validated: createAccessTokensClient({ token: "bench-token", fetch, validateResponses: true }) };
  const calls = {
    GET: (client) => () => client.GET("/access-tokens"),
    POST: (client) => () => client.POST("/access-tokens", { body: { name: "My New Access Token", scope: ["devices"] } }),
  };
  const results = {};
  for (const method of ["GET", "POST"]) {
    for (const client of Object.values(clients)) await cpuPerCall(calls[method](client), warmup);
    // Every answer must hold to the spec, or the figure would time the error path.
    for (const client of Object.values(clients)) if ((await calls[method](client)()).error) throw new Error(`bench-validation: ${method} failed`);
    const timed = await interleaved(Object.keys(clients), rounds, (name) => cpuPerCall(calls[method](clients[name]), requests));
    const extra = median(timed.validated.map((value, i) => value - timed.plain[i]));
    // The schema check alone, which the paired difference above holds among the noise of a whole call.
    const check = validators[method === "GET" ? "listAccessTokens_200" : "createAccessToken_201"];
    const parsed = JSON.parse(bytes[method]);
    const alone = median(await interleaved(["check"], rounds, () => cpuPerCall(() => check(parsed), requests * 10)).then(({ check }) => check));
    results[method] = { plain: median(timed.plain), validated: median(timed.validated), extra, alone };
  }
  return results;
}

/** Prints what benchValidation resolved with. */
export function printValidation(results) {
  console.log("\nvalidateResponses: CPU per typed-client call, answered in process (median of rounds)");
  const signed = (value) => `${value < 0 ? "−" : "+"}${Math.abs(value).toFixed(1)}`;
  for (const [method, { plain, validated, extra, alone }] of Object.entries(results)) {
    console.log(
      `  ${method.padEnd(4)} without ${plain.toFixed(1)} µs, with ${validated.toFixed(1)} µs: ${signed(extra)} µs a call (${signed((extra / plain) * 100)} %); the schema check alone ${alone.toFixed(2)} µs`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes("--quick");
  printValidation(await benchValidation(quick ? { rounds: 3, requests: 200, warmup: 200 } : {}));
}
