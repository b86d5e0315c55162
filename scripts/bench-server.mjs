// The benchmark's HTTP server, in its own process so that the client's CPU figures are the client's alone.
// Answers each operation in ROUTES with the spec's example body; the port goes to the parent over IPC
// (or, started without IPC, as a JSON line on stdout).
// Requests without the bench's bearer token (argv[2]) or `Accept: application/json` get a 401, so that a
// misconfigured contender fails the bench's check instead of being timed on an error path.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { CORE_SCHEMA, load } from "js-yaml";

// Method, path template (as in the spec), status, name of the example in components.examples.
// A new path in the spec is one more line here.
const ROUTES = [
  ["GET", "/access-tokens", 200, "AccessTokens"],
  ["POST", "/access-tokens", 201, "AccessToken"],
  ["GET", "/access-tokens/{accessTokenId}", 200, "AccessToken"],
  ["PATCH", "/access-tokens/{accessTokenId}", 200, "AccessToken"],
  ["DELETE", "/access-tokens/{accessTokenId}", 200, "Success"],
];

/** The JSON bytes of one of the spec's examples. */
function exampleBody(examples, name) {
  if (!examples[name]) throw new Error(`bench-server: components.examples.${name} is missing from openapi/openapi.yaml; fix ROUTES`);
  return Buffer.from(JSON.stringify(examples[name].value));
}

/** ROUTES with a regular expression per path template and the example's bytes ready to send. */
function compileRoutes(examples) {
  return ROUTES.map(([method, template, status, example]) => ({
    method,
    // A path parameter matches one segment.
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
    status,
    payload: exampleBody(examples, example),
  }));
}

function answer(routes, errors, token, request) {
  if (request.headers.authorization !== `Bearer ${token}` || request.headers.accept !== "application/json") {
    return [401, errors.Unauthorized];
  }
  const path = (request.url ?? "").split("?")[0];
  const route = routes.find((r) => r.method === request.method && r.pattern.test(path));
  return route ? [route.status, route.payload] : [404, errors.NotFound];
}

function start() {
  const token = process.argv[2];
  if (!token) throw new Error("bench-server: pass the bearer token as the first argument (scripts/bench.mjs does)");
  const { examples } = load(readFileSync(new URL("../openapi/openapi.yaml", import.meta.url), "utf8"), { schema: CORE_SCHEMA }).components;
  const routes = compileRoutes(examples);
  const errors = { NotFound: exampleBody(examples, "NotFoundError"), Unauthorized: exampleBody(examples, "UnauthorizedError") };
  const server = createServer((request, response) => {
    const [status, payload] = answer(routes, errors, token, request);
    request.resume();
    request.on("end", () => {
      response.writeHead(status, { "content-type": "application/json", "content-length": payload.length });
      response.end(payload);
    });
  });
  server.keepAliveTimeout = 60_000;
  if (process.send) {
    server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
    process.on("disconnect", () => process.exit(0));
  } else {
    // Started without IPC (the bench on Deno, whose fork() runs Deno only): the port on stdout, stop when stdin closes.
    server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
    process.stdin.on("end", () => process.exit(0)).resume();
  }
}

start();
