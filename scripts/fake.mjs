#!/usr/bin/env node
// `npm run fake`: the in-memory fake of the token API (src/fake/) served over HTTP on
// http://127.0.0.1:4011 (PORT moves it), for trying the client and for callers that are not JavaScript,
// holding the demo world of scripts/fake-demo.mjs.
// Imported, it exports startFakeServer(), which a test calls to get the same server on a port of its own.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import { demoWorld } from "./fake-demo.mjs";
import { endWithParent, portFromEnv } from "./lifeline.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * The fake's module, run from src/fake/ as it is, through tsx (a development dependency): `npm run fake`
 * serves the sources with no build step.
 * @returns {Promise<{ createFakeLosant: (options?: object) => { fetch: (request: Request) => Promise<Response> } }>}
 */
const loadFake = () => tsImport("../src/fake/index.ts", import.meta.url);

/**
 * A request's body as a web stream, read as the fake asks for it. When the fake stops reading (a body
 * over its limit), the rest is read and dropped rather than the socket destroyed: the client gets the
 * answer, and the connection closes after it.
 */
function bodyStream(req) {
  let open = true;
  const finish = (action) => {
    if (!open) return;
    open = false;
    action();
  };
  return new ReadableStream({
    start(controller) {
      req.on("data", (chunk) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk));
        if (controller.desiredSize <= 0) req.pause();
      });
      req.once("end", () => finish(() => controller.close()));
      req.once("error", (error) => finish(() => controller.error(error)));
      req.once("close", () => finish(() => controller.error(new Error("the client went away before the body ended"))));
    },
    pull() {
      req.resume();
    },
    cancel() {
      open = false;
      req.resume();
    },
  });
}

/** Longest request-target the server takes (a 414 beyond): far above any URL of the token API. */
export const MAX_URI_BYTES = 8 * 1024;
/** Largest request head (request line and headers) Node's parser takes (a 414 or 431 beyond): Node's default. */
export const MAX_HEAD_BYTES = 16 * 1024;

/** Writes a Losant-style error answer, when the request never reached the fake. */
function refuse(res, status, type, message) {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    ...(res.req.complete ? {} : { connection: "close" }),
  });
  res.end(JSON.stringify({ type, message }));
}

/** A whole HTTP answer written on a socket whose request Node's parser could not read; the connection then closes. */
function rawRefusal(status, reason, type, message) {
  const body = JSON.stringify({ type, message });
  return `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

/**
 * What to answer a head Node's parser refused. A head over MAX_HEAD_BYTES is a 414 when the parser was
 * still in the request line (no line of this head had ended, in the bytes before this chunk or in what
 * it read of it), else a 431; a request that took too long is a 408; anything else it cannot parse, a 400.
 * @param {any} error Node's parse error (`code`, `rawPacket`, `bytesParsed`)
 * @param {boolean} lineEnded whether a line of this head had ended in an earlier chunk
 */
function clientErrorAnswer(error, lineEnded) {
  if (error?.code === "HPE_HEADER_OVERFLOW") {
    const read = error.rawPacket?.subarray(0, error.bytesParsed) ?? Buffer.alloc(0);
    if (!lineEnded && !read.includes("\n")) {
      return rawRefusal(
        414,
        "URI Too Long",
        "Validation",
        `the request URI is longer than ${MAX_URI_BYTES} bytes: the request line had not ended at ${MAX_HEAD_BYTES} bytes, the most a request head may have`,
      );
    }
    return rawRefusal(
      431,
      "Request Header Fields Too Large",
      "Validation",
      `the request headers are larger than ${MAX_HEAD_BYTES} bytes, the most a request head may have`,
    );
  }
  if (error?.code === "ERR_HTTP_REQUEST_TIMEOUT")
    return rawRefusal(408, "Request Timeout", "Timeout", "the request was not received in time");
  return rawRefusal(
    400,
    "Bad Request",
    "Validation",
    `the request is not HTTP/1.1 this server can read: ${error?.code ?? "parse error"}`,
  );
}

/**
 * Follows, for each connection, whether a line of the head being received has ended: the only way to
 * tell a request line too long (414) from headers too large (431) when Node's parser stops at its limit,
 * which it reports alike. Bytes that arrive while a request is being served (its body) do not count.
 * @param {import("node:http").Server} server
 * @returns {(socket: import("node:net").Socket) => boolean}
 */
function headProgress(server) {
  const heads = new WeakMap();
  server.on("connection", (socket) => {
    const head = { lineEnded: false, serving: false };
    heads.set(socket, head);
    socket.on("data", (chunk) => {
      if (!head.serving && chunk.includes(10)) head.lineEnded = true;
    });
  });
  server.on("request", (req, res) => {
    const head = heads.get(req.socket);
    if (!head) return;
    Object.assign(head, { lineEnded: false, serving: true });
    res.once("close", () => Object.assign(head, { lineEnded: false, serving: false }));
  });
  return (socket) => heads.get(socket)?.lineEnded === true;
}

/** How long a socket answered with a refusal of its head goes on being read before it is closed. */
const LINGER_MS = 2_000;

/**
 * Serves a fetch-style handler on node:http: each request becomes a Request (its body streamed, never
 * buffered here), each Response is written back as it is. A client that goes away mid-request costs
 * nothing but that request. Only the request line names the resource: the URL is the server's own
 * origin with the request's path and query, whatever the Host header says.
 * @param {(request: Request) => Promise<Response>} handle
 * @param {{ host?: string, port?: number }} [where]
 * @returns {Promise<{ url: string, server: import("node:http").Server, close: () => Promise<void> }>}
 */
export async function serve(handle, { host = "127.0.0.1", port = 4011 } = {}) {
  let origin = "http://localhost";
  // Every header kept (Node drops those past 2,000 by default): the head's size is what is limited.
  const server = createServer({ maxHeaderSize: MAX_HEAD_BYTES }, async (req, res) => {
    res.on("error", () => undefined);
    const gone = new AbortController();
    res.once("close", () => gone.abort());
    if (Buffer.byteLength(req.url ?? "") > MAX_URI_BYTES)
      return refuse(res, 414, "Validation", `the request URI is longer than ${MAX_URI_BYTES} bytes`);
    let request;
    try {
      // origin-form (`/path?query`) or absolute-form (`http://any/path?query`): the path and query alone count.
      const target = req.url?.startsWith("/") ? new URL(`${origin}${req.url}`) : new URL(req.url ?? "");
      if (!/^https?:$/.test(target.protocol))
        throw new Error(`the request target must be a path, got ${JSON.stringify(req.url)}`);
      const url = new URL(`${origin}${target.pathname}${target.search}`);
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : bodyStream(req);
      request = new Request(url, { method: req.method, headers, body, duplex: "half", signal: gone.signal });
    } catch (error) {
      return refuse(res, 400, "Validation", `the request cannot be read: ${error.message}`);
    }
    try {
      const response = await handle(request);
      const bytes = Buffer.from(await response.arrayBuffer());
      // A body the fake did not read to its end: the connection cannot carry another request.
      const close = req.complete ? {} : { connection: "close" };
      res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...close });
      res.end(bytes);
    } catch (error) {
      // The client went away, or the fake was misused (a clock or acceptTokens that threw): say so.
      if (!res.headersSent && !gone.signal.aborted)
        refuse(res, 500, "InternalError", `the fake failed: ${error?.message ?? error}`);
      else res.destroy();
    }
  });
  server.maxHeadersCount = 0;
  const lineEnded = headProgress(server);
  // Sockets already answered: the rest of what the client sends is read and dropped for a moment (a
  // lingering close) rather than the socket destroyed, which would reset the connection before the
  // client read its answer. Every later chunk makes the parser report again; those reports are ignored.
  const answered = new WeakSet();
  server.on("clientError", (error, socket) => {
    if (answered.has(socket)) return;
    if (socket.writable && error?.code !== "ECONNRESET") {
      answered.add(socket);
      socket.end(clientErrorAnswer(error, lineEnded(socket)));
      setTimeout(() => socket.destroy(), LINGER_MS).unref();
    } else socket.destroy();
  });
  await once(server.listen(port, host), "listening");
  const { port: bound } = server.address();
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
  const close = () =>
    new Promise((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
  return { url: `http://${host}:${bound}`, server, close };
}

/**
 * Starts the fake over HTTP and resolves with its URL, the fake itself (to read or reset its state) and
 * a close function. `fake` serves one you made; otherwise one is made from `options` (createFakeLosant's).
 * `port: 0` picks a free port.
 * @param {{ host?: string, port?: number, fake?: { fetch: (request: Request) => Promise<Response> }, options?: object }} [settings]
 */
export async function startFakeServer({ host = "127.0.0.1", port = 4011, fake, options } = {}) {
  const served = fake ?? (await loadFake()).createFakeLosant(options);
  const { url, close } = await serve((request) => served.fetch(request), { host, port });
  return { url, fake: served, close };
}

/** Runs until Ctrl-C, SIGTERM, or the end of the process that started it. */
async function main() {
  const port = portFromEnv(4011);
  let started;
  try {
    started = await startFakeServer({ port, options: { initial: demoWorld(new Date()) } });
  } catch (error) {
    const hint = error.code === "EADDRINUSE" ? `\nPort ${port} is in use: try PORT=${port + 1} npm run fake.` : "";
    console.error(`The fake could not start: ${error.message}${hint}`);
    process.exit(1);
  }
  const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  console.log(`Fake Losant token API (in memory, losant-access-tokens ${version}) listening on ${started.url}`);
  console.log(`Point the client at it: createUserTokensApi({ token: "any-token", baseUrl: "${started.url}" })`);
  console.log(
    "It serves the demo world of docs/testing.md: the user's API tokens and OAuth grants, two applications and an instance, each with tokens.",
  );
  console.log(
    "Every request and answer holds to openapi/openapi.yaml; its changes last until it stops. Ctrl-C stops it.",
  );
  const stop = async (why) => {
    await started.close();
    console.log(`Fake stopped (${why}).`);
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.once(signal, () => stop(signal));
  endWithParent(() => stop("its parent process ended"));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
