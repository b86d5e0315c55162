#!/usr/bin/env node
// `npm run docs`: renders openapi/openapi.yaml with Redocly into one self-contained page, build/docs/index.html.
// `npm run docs:serve` (--serve): builds it, then serves it on http://127.0.0.1:<PORT, default 8080> until Ctrl-C.
// Stopped by a signal, or left behind by whoever started it, it ends, and Redocly with it (lifeline.mjs).
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./fake.mjs";
import { endWithParent, portFromEnv, spawnNode } from "./lifeline.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const page = path.join(root, "build/docs/index.html");
// Written beside the page, then renamed: an interrupted build never leaves half a page to serve.
const draft = `${page}.${process.pid}.tmp`;
const cli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");

let server;
const stop = () => {
  rmSync(draft, { force: true });
  if (!server) process.exit(0);
  server.close().then(() => process.exit(0));
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.once(signal, stop);
endWithParent(stop);

/** Ends the build with `message`, leaving no draft behind. */
function failed(message) {
  rmSync(draft, { force: true });
  console.error(message);
  process.exit(1);
}

// --inlineBundle embeds Redoc itself, so the page loads no script from a CDN and works offline.
const args = [
  cli,
  "build-docs",
  "openapi/openapi.yaml",
  "--inlineBundle",
  "--output",
  draft,
  "--title",
  "Losant Access Tokens API",
];
const redocly = spawnNode(args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
let stderr = "";
redocly.stderr.on("data", (chunk) => (stderr += chunk));
const code = await new Promise((resolve) => redocly.once("close", resolve));
if (code !== 0)
  failed(`building the docs failed:\n${stderr}\nRun \`npm run lint\` to see what is wrong with the spec.`);

// Redoc's attribution badge ("API docs by" and Redocly's logo) fetches the logo from cdn.redoc.ly: the
// page's one request to another host, and an empty pill offline. Redoc has no option to change it, so
// the built page gets its own logo instead, drawn here and inlined as a data: URL.
const wordmark = (text, width) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="14" viewBox="0 0 ${width} 14">` +
      `<text x="${width / 2}" y="11" text-anchor="middle" font-family="sans-serif" font-size="12" font-weight="600" fill="#0044d4">${text}</text></svg>`,
  )}`;
const logos = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": wordmark("Redocly", 52), // beside "API docs by"
  "https://cdn.redoc.ly/redoc/logo-mini.svg": wordmark("R", 10), // in the collapsed sidebar
};
// Code samples wrap instead of scrolling sideways in the narrow right-hand panel, and their first line
// keeps clear of the copy button over the block's top right corner (an empty float takes that corner).
const block = 'pre[data-component-name="CodeBlock/CodeBlockContainer"]';
const style = `<style>
  ${block}, ${block} * { white-space: pre-wrap !important; overflow-wrap: anywhere; }
  ${block}::before { content: ""; float: right; width: 20px; height: 1.5em; }
</style>`;
// The browser itself enforces "nothing from anywhere else": inline scripts, inline styles and data:
// images; Redoc's search index (FlexSearch) runs in workers made from blobs and builds itself with
// Function(), hence blob: workers and 'unsafe-eval'. No connection, font, frame or image from any host.
const policy = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; worker-src blob:; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'">`;

let html = readFileSync(draft, "utf8");
const replaceOnce = (search, replacement) => {
  const parts = html.split(search);
  if (parts.length !== 2)
    failed(
      `building the docs failed: expected ${JSON.stringify(search)} once in the page Redocly built; has Redocly changed?`,
    );
  html = parts.join(replacement);
};
for (const [url, logo] of Object.entries(logos)) replaceOnce(url, logo);
const charset = '<meta charset="utf8" />';
replaceOnce(charset, `${charset}\n  ${policy}\n  ${style}`);
writeFileSync(draft, html);
renameSync(draft, page);
console.log(`docs: ${path.relative(process.cwd(), page) || page}`);

if (process.argv.includes("--serve")) {
  const port = portFromEnv(8080);
  const headers = { "content-type": "text/html; charset=utf-8" };
  const body = readFileSync(page);
  const answer = async (request) =>
    ["/", "/index.html"].includes(new URL(request.url).pathname)
      ? new Response(body, { headers })
      : new Response("not found: the docs are at /\n", { status: 404 });
  server = await serve(answer, { port }).catch((error) => {
    console.error(`cannot serve on port ${port}: ${error.message}. Try PORT=${port + 1} npm run docs:serve.`);
    process.exit(1);
  });
  console.log(`serving the docs on ${server.url}/ (Ctrl-C stops)`);
}
