// The Node path's pooled keep-alive connections (src/core/send.node.ts): a connection the server closed
// while it sat in the pool is found closed only when a request is written to it; a request that may be
// repeated then goes again on another connection, one that may not is never sent twice. In process, so
// that mutation testing sees it; the fetch path leaves this to undici.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import { createAccessTokensClient } from "../src/index.js";
import { TOKEN } from "./support/clients.js";
import { rejection } from "./support/fault-server.js";

const LIST = { items: [], count: 0 };
const ID = "575ec8687ae143cd83dc4a95";

/**
 * A keep-alive server that answers every request with an empty list, and that, once `closing` is set,
 * closes each connection a request arrives on for the second time without answering it: the
 * connections pooled so far all turn out closed when they are reused.
 */
async function pooling(holdUntil = 1) {
  const served = new WeakSet<Socket>();
  const sockets = new Set<Socket>();
  const state = { closing: false, closed: 0, answered: 0 };
  let held: [IncomingMessage, ServerResponse][] = [];
  const answer = (response: ServerResponse) => {
    state.answered += 1;
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(LIST));
  };
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      if (state.closing && served.has(request.socket)) return ((state.closed += 1), void request.socket.destroy());
      served.add(request.socket);
      // The first calls are held until `holdUntil` of them are in flight at once, each on its own connection.
      held.push([request, response]);
      if (held.length >= holdUntil) for (const [, waiting] of held.splice(0)) answer(waiting);
      holdUntil = 1;
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on("connection", (socket: Socket) => (sockets.add(socket), socket.on("close", () => sockets.delete(socket))));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () => new Promise<void>((resolve) => ((held = []), server.closeAllConnections(), server.close(() => resolve()))),
  );
  const client = createAccessTokensClient({
    token: TOKEN,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    retries: 0,
  });
  return { client, state, sockets };
}

type Call = (path: string, init?: object) => Promise<{ response?: Response }>;
const by = (client: ReturnType<typeof createAccessTokensClient>, method: string) =>
  (client as unknown as Record<string, Call>)[method]!.bind(client);

describe("a pooled connection the server closed while it was idle", () => {
  it.each([
    ["GET", 2],
    ["HEAD", 2],
    ["OPTIONS", 2],
    ["TRACE", 1],
    ["PUT", 2],
    ["DELETE", 2],
    ["POST", 1],
    ["PATCH", 1],
  ])(
    "is replaced by a new one for a %s only if it may be repeated (RFC 9110's idempotent methods a client sends): %i requests arrive",
    async (method, arrived) => {
      const { client, state } = await pooling();
      await client.GET("/access-tokens");
      state.closing = true;
      await by(client, method)(`/access-tokens/${ID}`, {
        body: method === "POST" || method === "PATCH" || method === "PUT" ? { name: "again" } : undefined,
      }).catch(() => undefined);
      expect(state.closed + state.answered - 1).toBe(arrived);
      expect(state.closed).toBe(1);
    },
  );

  it("is retried on a new connection transparently: the call succeeds with no retry of its own", async () => {
    const { client, state } = await pooling();
    await client.GET("/access-tokens");
    state.closing = true;
    const { data, response } = await client.GET("/access-tokens");
    expect({ data, status: response.status, closed: state.closed }).toEqual({ data: LIST, status: 200, closed: 1 });
  });

  it("that the server had already closed when a large body is written to it (EPIPE) is replaced too", async () => {
    const { client, sockets } = await pooling();
    await client.GET("/access-tokens");
    // The server closes its end at once, before the client has seen it go: writing a large body then fails with EPIPE.
    for (const socket of sockets) socket.destroy();
    const { response } = await by(client, "PUT")(`/access-tokens/${ID}`, { body: { name: "x".repeat(1 << 20) } });
    expect(response?.status).toBe(200);
  });

  it("stops being replaced after eight closed connections in a row: the ninth failure is the call's", async () => {
    const { client, state } = await pooling(12);
    await Promise.all(Array.from({ length: 12 }, () => client.GET("/access-tokens")));
    state.closing = true;
    const error = await rejection(client.GET("/access-tokens"));
    expect(error).toMatchObject({ name: "LosantConnectionError", reason: "network" });
    expect(state.closed).toBe(9);
  });
});

describe("a connection whose answer is not read", () => {
  /** A server that answers with `status` and a body, and resolves `closed` once the client closes the connection. */
  const answering = async (status: number, headers: Record<string, string>, body: string) => {
    let closed!: () => void;
    const done = new Promise<void>((resolve) => (closed = resolve));
    const server = createServer((request, response) => {
      request.socket.once("close", closed);
      response.writeHead(status, { "content-type": "application/json", ...headers }).end(body);
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
    return {
      client: createAccessTokensClient({
        token: TOKEN,
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        retries: 0,
        maxResponseBytes: 100,
      }),
      closed: done,
    };
  };

  it.each([
    ["a refused redirect", 302, { location: "/elsewhere" }, JSON.stringify(LIST)],
    [
      "a declared length over maxResponseBytes",
      200,
      { "content-length": "1021" },
      JSON.stringify({ items: [], pad: "x".repeat(1_000) }),
    ],
  ])("is closed, not left held, after %s", async (_what, status, headers, body) => {
    const { client, closed } = await answering(status, headers, body);
    await rejection(client.GET("/access-tokens"));
    await closed;
  });
});
