#!/usr/bin/env node
// `npm run docs`: renders openapi/openapi.yaml with Redocly into one self-contained page, build/docs/index.html.
// `npm run docs:serve` (--serve): builds it, then serves it on http://127.0.0.1:<PORT, default 8080> until Ctrl-C.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const page = path.join(root, "build/docs/index.html");
const cli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");

try {
  // --inlineBundle embeds Redoc itself, so the page loads no script from a CDN and works offline.
  execFileSync(
    process.execPath,
    [cli, "build-docs", "openapi/openapi.yaml", "--inlineBundle", "--output", page, "--title", "Losant Access Tokens API"],
    { cwd: root, stdio: ["ignore", "ignore", "pipe"] },
  );
} catch (error) {
  console.error(`building the docs failed:\n${error.stderr?.toString() ?? error.message}\nRun \`npm run lint\` to see what is wrong with the spec.`);
  process.exit(1);
}
console.log(`docs: ${path.relative(process.cwd(), page) || page}`);

if (process.argv.includes("--serve")) {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`PORT must be a port number from 1 to 65535, got ${JSON.stringify(process.env.PORT)}.`);
    process.exit(1);
  }
  const html = readFileSync(page);
  const server = createServer((request, response) => {
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
  process.once("SIGINT", () => server.close(() => process.exit(0)));
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
}
