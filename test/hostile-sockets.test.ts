// What a flaky or hostile server cannot make the transport do, over real sockets, on whichever path this
// project runs (vitest.config.ts runs the file once on node:http, once on fetch): send a request the caller
// did not make, hang, go on working after a call settled, keep the process alive, or fail unhandled; and
// what it cannot make `mayHaveSucceeded` say.
import { execFile } from "node:child_process";
import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { constants, createBrotliCompress } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import {
  createAccessTokensApi,
  createAccessTokensClient,
  LosantApiError,
  LosantConnectionError,
} from "../src/index.js";
import { ID, TOKEN } from "./support/clients.js";
import { rejection, serve, serveRaw } from "./support/fault-server.js";
import { repoPath } from "./support/spec.js";

const fetchPath = process.env["LOSANT_TEST_PATH"] === "fetch";
const LIST = { items: [], count: 0 };
const NOT_FOUND = { type: "NotFound", message: "API token was not found" };
const TOKEN_BODY = { id: ID, name: "ci", token: "eyJ.secret.once" };

/** Everything the process reports unhandled while a test runs: none may come from the transport. */
const unhandled: unknown[] = [];
const record = (error: unknown) => void unhandled.push(error);
beforeEach(() => {
  unhandled.length = 0;
  process.on("unhandledRejection", record);
  process.on("uncaughtException", record);
});
afterEach(() => {
  process.off("unhandledRejection", record);
  process.off("uncaughtException", record);
});
/** Lets late events (a reset, a resend's failure) arrive before the test looks for what went unhandled. */
const settleDown = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A keep-alive server: its first request gets `first`, and every later one (on the pooled connection the
 * first left, as the Node sender sends it) gets `reused`; `count` tells how many requests arrived, by method.
 */
async function keepAlive(
  reused: (socket: Socket, response: ServerResponse, method: string) => void,
  first = (response: ServerResponse) => answer(response, 200, LIST),
) {
  const count: { total: number; [method: string]: number } = { total: 0 };
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const method = request.method ?? "?";
      count.total += 1;
      count[method] = (count[method] ?? 0) + 1;
      if (count.total > 1) return reused(request.socket, response, method);
      first(response);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count };
}
const answer = (response: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  response
    .writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
    .end(text);
};
/** Sends the headers and part of a body, then resets the connection. */
const resetMidBody = (socket: Socket, response: ServerResponse) => {
  response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
  response.write('{"items":[');
  setTimeout(() => socket.resetAndDestroy(), 20);
};

describe("a reused connection reset in the middle of an answer's body", () => {
  it("is never resent by the sender: the server gets one request per attempt, and nothing goes unhandled", async () => {
    const { url, count } = await keepAlive((socket, response) => resetMidBody(socket, response));
    const client = createAccessTokensClient({ token: TOKEN, baseUrl: url, retries: 0 });
    await client.GET("/access-tokens");
    const error = await rejection(client.GET("/access-tokens"));
    expect(error).toBeInstanceOf(LosantConnectionError);
    await settleDown();
    expect(count.GET).toBe(2);
    expect(unhandled).toEqual([]);
  });

  it("of a DELETE is retried only by the transport's policy, which says it may have taken effect", async () => {
    const { url, count } = await keepAlive((socket, response, method) =>
      method === "DELETE" && count.DELETE === 1 ? resetMidBody(socket, response) : answer(response, 404, NOT_FOUND),
    );
    const api = createAccessTokensApi({ token: TOKEN, baseUrl: url, retries: 1, retryBaseDelayMs: 1 });
    await api.list();
    expect(await rejection(api.delete(ID))).toMatchObject({ status: 404, mayHaveSucceeded: true });
    await settleDown();
    expect(count.DELETE).toBe(2);
    expect(unhandled).toEqual([]);
  });

  it("lets a script that made the call end by itself, though the server never answers anything more", async () => {
    // The second GET is reset in the middle of its body; any further one is held unanswered.
    const server = await keepAlive((socket, response) =>
      server.count.total === 2 ? resetMidBody(socket, response) : undefined,
    );
    const { code, ms, stderr } = await child(
      `import { createAccessTokensApi } from "losant-access-tokens";
       const api = createAccessTokensApi({ token: ${JSON.stringify(TOKEN)}, baseUrl: ${JSON.stringify(server.url)}, retries: 0, timeoutMs: 60000 });
       await api.list();
       await api.list().then(() => console.log("resolved"), (error) => console.log(error.name));`,
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(ms).toBeLessThan(10_000);
    expect(server.count.total).toBe(2);
  });
});

describe("a reused connection reset before any answer", () => {
  it.each(["DELETE", "PUT"])(
    "to a %s that the server applied says that it may have taken effect, whatever answers the resend",
    async (method) => {
      const applied: string[] = [];
      const { url, count } = await keepAlive((socket, response, verb) => {
        if (verb !== method) return answer(response, 200, LIST);
        // Applied, then the connection goes before an answer: the resend meets a token already gone.
        if (applied.push(verb) === 1) return void socket.resetAndDestroy();
        answer(response, 404, NOT_FOUND);
      });
      const client = createAccessTokensClient({ token: TOKEN, baseUrl: url, retries: 0 });
      await client.GET("/access-tokens");
      const call = (client as unknown as Record<string, (path: string, init: object) => Promise<unknown>>)[
        method
      ]!.bind(client);
      const error = await rejection(
        call(`/access-tokens/${ID}`, { body: method === "PUT" ? { name: "x" } : undefined }),
      );
      // The Node sender resends it on a new connection and meets 404; fetch reports the reset.
      expect(error).toMatchObject(
        fetchPath
          ? { name: "LosantConnectionError", mayHaveSucceeded: true }
          : { name: "LosantApiError", status: 404, mayHaveSucceeded: true },
      );
      expect(count[method]).toBe(fetchPath ? 1 : 2);
    },
  );
});

describe("a call that the server never answers properly", () => {
  const switching = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";

  it("settles at once on an unsolicited 101 Switching Protocols, as a network failure, not at the timeout", async () => {
    const { url } = await serveRaw((_request, socket) => socket.write(switching));
    const error = await rejection(
      createAccessTokensApi({ token: TOKEN, baseUrl: url, retries: 0, timeoutMs: 20_000 }).list(),
    );
    expect(error).toBeInstanceOf(LosantConnectionError);
    expect(error).toMatchObject({ reason: "network" });
  });

  it.each([
    ["closes the connection without a word", "network", (socket: Socket) => socket.end()],
    ["sends half a status line, then closes", "network", (socket: Socket) => socket.end("HTTP/1.1 20")],
    [
      "sends headers and never a body",
      "timeout",
      (socket: Socket) => socket.write("HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n"),
    ],
    ["sends nothing at all", "timeout", () => undefined],
  ])(
    "settles when the server %s: at once if it closed, else within the timeout (%s)",
    async (_what, reason, misbehave) => {
      const { url } = await serveRaw((_request, socket) => misbehave(socket));
      const started = Date.now();
      const error = await rejection(
        createAccessTokensApi({ token: TOKEN, baseUrl: url, retries: 0, timeoutMs: 400 }).list(),
      );
      expect(error).toBeInstanceOf(LosantConnectionError);
      expect(error).toMatchObject({ reason });
      expect(Date.now() - started).toBeLessThan(2_000);
      await settleDown(50);
      expect(unhandled).toEqual([]);
    },
  );

  it.each([
    ["before any answer", () => undefined],
    [
      "between the headers and the body",
      (socket: Socket) => socket.write("HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n"),
    ],
    [
      "in the middle of the body",
      (socket: Socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"items":['),
    ],
  ])("settles at once on the caller's abort %s, with the caller's reason", async (_when, misbehave) => {
    const { url } = await serveRaw((_request, socket) => misbehave(socket));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 100);
    const started = Date.now();
    const error = await rejection(
      createAccessTokensClient({ token: TOKEN, baseUrl: url, retries: 0, timeoutMs: 60_000 }).GET("/access-tokens", {
        signal: controller.signal,
      }),
    );
    expect(error).toMatchObject({ message: "stop" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

/** `mebibytes` MiB of zeros in brotli (128 MiB make 24 KB), compressed a MiB at a time so that they are never all in memory. */
async function brotliZeros(mebibytes: number): Promise<Buffer> {
  const zeros = Buffer.alloc(1 << 20);
  const encoder = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
  const chunks: Buffer[] = [];
  encoder.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = once(encoder, "end");
  for (let i = 0; i < mebibytes; i += 1) if (!encoder.write(zeros)) await once(encoder, "drain");
  encoder.end();
  await ended;
  return Buffer.concat(chunks);
}

describe("a compression bomb", () => {
  it("rejects at the limit, and nothing goes on decoding it once the call has settled", async () => {
    const bomb = await brotliZeros(128);
    const { url } = await serve((_request, response) => {
      response.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "br",
        "content-length": bomb.length,
      });
      response.end(bomb);
    });
    const error = await rejection(
      createAccessTokensApi({ token: TOKEN, baseUrl: url, retries: 0, maxResponseBytes: 1 << 20 }).list(),
    );
    expect(error).toMatchObject({
      name: "LosantApiError",
      message: expect.stringContaining("larger than maxResponseBytes"),
    });
    // Decoding the rest takes about 0.2 s of CPU: after the call, the process stays all but idle.
    const before = process.cpuUsage();
    await settleDown(400);
    const { user, system } = process.cpuUsage(before);
    expect((user + system) / 1000).toBeLessThan(100);
  });
});

describe("a 2xx to a call that changes state, whose body is unusable", () => {
  it.each([
    [
      "over maxResponseBytes by its Content-Length",
      (response: ServerResponse) => answer(response, 201, { ...TOKEN_BODY, pad: "x".repeat(2_000) }),
    ],
    [
      "over maxResponseBytes once it streams",
      (response: ServerResponse) =>
        response
          .writeHead(201, { "content-type": "application/json" })
          .end(JSON.stringify({ ...TOKEN_BODY, pad: "x".repeat(2_000) })),
    ],
    [
      "not JSON",
      (response: ServerResponse) =>
        response.writeHead(201, { "content-type": "application/json" }).end("<html>created</html>"),
    ],
    ["empty", (response: ServerResponse) => response.writeHead(201, { "content-type": "application/json" }).end()],
  ])("says that a POST answered 201 %s may have taken effect, in both styles", async (_what, send) => {
    const { url, count } = await serve((_request, response) => send(response));
    const options = { token: TOKEN, baseUrl: url, maxResponseBytes: 1_000 };
    const facade = await rejection(createAccessTokensApi(options).create({ name: "ci" } as never));
    expect(facade).toBeInstanceOf(LosantApiError);
    expect(facade).toMatchObject({ status: 201, mayHaveSucceeded: true });
    expect((facade as Error).message).toContain("it may have taken effect");
    const typed = await rejection(
      createAccessTokensClient(options).POST("/access-tokens", { body: { name: "ci" } } as never),
    );
    expect(typed).toMatchObject({ status: 201, mayHaveSucceeded: true });
    expect(count.POST).toBe(2);
  });

  it("but a GET whose body is over the limit changed nothing", async () => {
    const { url } = await serve((_request, response) => answer(response, 200, { ...LIST, pad: "x".repeat(2_000) }));
    expect(
      await rejection(createAccessTokensApi({ token: TOKEN, baseUrl: url, maxResponseBytes: 1_000 }).list()),
    ).toMatchObject({ mayHaveSucceeded: false });
  });
});

/** Runs a module in a child Node, with the package as the path under test resolves it; resolves with how it ended. */
function child(source: string): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const conditions = fetchPath ? ["--conditions=browser"] : [];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...conditions, "--input-type=module", "-e", source],
      { cwd: repoPath("."), timeout: 20_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === "number" ? error.code : -1) : 0,
          stdout,
          stderr,
          ms: Date.now() - started,
        }),
    );
  });
}
