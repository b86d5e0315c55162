import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import { onTestFinished } from "vitest";

/** A loopback server one test opened; the test closes it when it finishes, whatever its outcome. */
export interface FaultServer {
  url: string;
  /** Requests received so far, by method, and in total. */
  count: { total: number; [method: string]: number };
  /** What each request carried, in order. */
  requests: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[];
}

export type Handler = (request: IncomingMessage, response: ServerResponse, attempt: number) => void;

/** Tracks a server's sockets so that closing it ends hanging connections too, and closes it when the test ends. */
async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<string> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Starts an HTTP server for the current test, answering with `handler` once each request's body has arrived. */
export async function serve(handler: Handler): Promise<FaultServer> {
  const count: FaultServer["count"] = { total: 0 };
  const requests: FaultServer["requests"] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const method = request.method ?? "?";
      count.total += 1;
      count[method] = (count[method] ?? 0) + 1;
      requests.push({ method, url: request.url ?? "", headers: request.headers, body });
      handler(request, response, count.total);
    });
  });
  return { url: await listen(server), count, requests };
}

/**
 * Starts a raw TCP server for the current test, for answers an HTTP server will not send (odd status
 * lines, bad framing): `answer` gets the request's bytes and the socket.
 */
export async function serveRaw(
  answer: (request: string, socket: Socket) => void,
): Promise<{ url: string; count: { total: number } }> {
  const count = { total: 0 };
  const server = createTcpServer((socket) => {
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (!received.includes("\r\n\r\n")) return;
      count.total += 1;
      answer(received, socket);
      received = "";
    });
    socket.on("error", () => undefined);
  });
  return { url: await listen(server), count };
}

/** Sends a JSON body with the given status. */
export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Resolves with what the promise rejected with, and fails the test if it resolved instead. */
export function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}
