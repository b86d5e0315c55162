import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A loopback HTTP server that answers with a test's handler and counts the requests it got. */
export interface FaultServer {
  url: string;
  /** Requests received so far, by method. */
  count: { total: number; [method: string]: number };
  /** Request bodies received so far, in order. */
  bodies: string[];
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, attempt: number) => void;

/** Starts a server for one test; `close()` also destroys sockets a handler left hanging. */
export async function faultServer(handler: Handler): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const count: FaultServer["count"] = { total: 0 };
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      count.total += 1;
      count[request.method ?? "?"] = (count[request.method ?? "?"] ?? 0) + 1;
      bodies.push(body);
      handler(request, response, count.total);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count,
    bodies,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON body with the given status. */
export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}
