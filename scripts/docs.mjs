#!/usr/bin/env node
// `npm run docs`: renders openapi/openapi.yaml with Redocly into one self-contained page, build/docs/index.html.
// `npm run docs:serve` (--serve): builds it, then serves it on http://127.0.0.1:<PORT, default 8080> until Ctrl-C.
// Stopped by a signal, or left behind by whoever started it, it ends, and Redocly with it (lifeline.mjs).
import { readFileSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { endWithParent, spawnNode } from "./lifeline.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const page = path.join(root, "build/docs/index.html");
// Written beside the page, then renamed: an interrupted build never leaves half a page to serve.
const draft = `${page}.${process.pid}.tmp`;
const cli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");

let server;
const stop = () => {
  rmSync(draft, { force: true });
  if (!server) process.exit(0);
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.once(signal, stop);
endWithParent(stop);

// --inlineBundle embeds Redoc itself, so the page loads no script from a CDN and works offline.
const args = [cli, "build-docs", "openapi/openapi.yaml", "--inlineBundle", "--output", draft, "--title", "Losant Access Tokens API"];
const redocly = spawnNode(args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
let stderr = "";
redocly.stderr.on("data", (chunk) => (stderr += chunk));
const code = await new Promise((resolve) => redocly.once("close", resolve));
if (code !== 0) {
  rmSync(draft, { force: true });
  console.error(`building the docs failed:\n${stderr}\nRun \`npm run lint\` to see what is wrong with the spec.`);
  process.exit(1);
}
renameSync(draft, page);
console.log(`docs: ${path.relative(process.cwd(), page) || page}`);

if (process.argv.includes("--serve")) {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`PORT must be a port number from 1 to 65535, got ${JSON.stringify(process.env.PORT)}.`);
    process.exit(1);
  }
  const html = readFileSync(page);
  server = createServer((request, response) => {
    if (request.url !== "/" && request.url !== "/index.html") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found: the docs are at /\n");
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": html.length }).end(html);
  });
  server.on("error", (error) => {
    console.error(`cannot serve on port ${port}: ${error.message}. Try PORT=8081 npm run docs:serve.`);
    process.exit(1);
  });
  server.listen(port, "127.0.0.1", () => console.log(`serving the docs on http://127.0.0.1:${port}/ (Ctrl-C stops)`));
}
