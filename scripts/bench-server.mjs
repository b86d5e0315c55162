// The benchmark's HTTP server, in its own process so that the client's CPU figures are the client's alone.
// Answers the five operations with the spec's example bodies; the port goes to the parent over IPC.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { parse } from "yaml";

const spec = parse(readFileSync(new URL("../openapi/openapi.yaml", import.meta.url), "utf8"));
const body = (name) => Buffer.from(JSON.stringify(spec.components.examples[name].value));
const answers = {
  "GET /access-tokens": [200, body("AccessTokens")],
  "POST /access-tokens": [201, body("AccessToken")],
  "GET /access-tokens/:id": [200, body("AccessToken")],
  "PATCH /access-tokens/:id": [200, body("AccessToken")],
  "DELETE /access-tokens/:id": [200, body("Success")],
};
const notFound = Buffer.from(JSON.stringify(spec.components.examples.NotFoundError.value));

const server = createServer((request, response) => {
  const path = (request.url ?? "").split("?")[0].replace(/^\/access-tokens\/[A-Fa-f\d]{24}$/, "/access-tokens/:id");
  const [status, payload] = answers[`${request.method} ${path}`] ?? [404, notFound];
  request.resume();
  request.on("end", () => {
    response.writeHead(status, { "content-type": "application/json", "content-length": payload.length });
    response.end(payload);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
process.on("disconnect", () => process.exit(0));
