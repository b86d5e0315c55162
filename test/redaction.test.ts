import type { IncomingMessage, ServerResponse } from "node:http";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createAccessTokensApi, createAccessTokensClient, type ClientOptions } from "../src/index.js";
import { json, rejection, serve, serveRaw } from "./support/fault-server.js";
import { TOKEN } from "./support/clients.js";
import { renderings } from "./support/renderings.js";
import { freePort } from "./support/ports.js";

const options = (url: string, extra: Partial<ClientOptions> = {}): ClientOptions => ({
  token: TOKEN,
  baseUrl: url,
  retries: 0,
  timeoutMs: 2_000,
  ...extra,
});
/** Every character as a JSON \u escape: the token, hidden from a plain text search. */
const escaped = (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
/** What the server saw in the Authorization header, without "Bearer ". */
const sentToken = (request: IncomingMessage) => (request.headers.authorization ?? "").replace(/^Bearer /, "");

/** Every way a server might hand the token back. */
const echoes: [string, (request: IncomingMessage, response: ServerResponse) => void][] = [
  [
    "as sent, in the JSON message",
    (request, response) =>
      json(response, 401, { type: "Unauthorized", message: `Invalid token ${sentToken(request)}` }),
  ],
  [
    "JSON-escaped, in the JSON message",
    (request, response) => {
      const body = `{"type":"Unauthorized","message":"bad ${escaped(sentToken(request))}"}`;
      response.writeHead(401, { "content-type": "application/json" }).end(body);
    },
  ],
  [
    "JSON-escaped, in the type",
    (request, response) => {
      response
        .writeHead(403, { "content-type": "application/json" })
        .end(`{"type":"${escaped(sentToken(request))}","message":"no"}`);
    },
  ],
  [
    "as a key of the body",
    (request, response) =>
      json(response, 400, { type: "Validation", message: "bad", details: { [sentToken(request)]: "invalid" } }),
  ],
  ["deep in an array", (request, response) => json(response, 400, [[{ seen: [sentToken(request)] }]])],
  [
    "split across the type and the message",
    (request, response) => {
      const token = sentToken(request);
      json(response, 401, { type: token.slice(0, 40), message: token.slice(40) });
    },
  ],
  [
    "split across two keys, JSON-escaped",
    (request, response) => {
      const token = sentToken(request);
      response
        .writeHead(401, { "content-type": "application/json" })
        .end(`{"a":"${escaped(token.slice(0, 30))}","b":"${escaped(token.slice(30))}"}`);
    },
  ],
  [
    "in an HTML error page",
    (request, response) =>
      response.writeHead(502, { "content-type": "text/html" }).end(`<pre>${request.headers.authorization ?? ""}</pre>`),
  ],
  [
    "in a success body that is not JSON",
    (request, response) => response.writeHead(200, { "content-type": "text/plain" }).end(`token=${sentToken(request)}`),
  ],
  [
    "in a success body that is JSON but not an object",
    (request, response) => json(response, 200, [sentToken(request)]),
  ],
  [
    "in a header",
    (request, response) =>
      json(
        response,
        401,
        { type: "Unauthorized", message: "no" },
        { "www-authenticate": `Bearer ${sentToken(request)}`, "x-echo": sentToken(request) },
      ),
  ],
  [
    "in a redirect's Location",
    (request, response) => response.writeHead(302, { location: `https://evil.example/?t=${sentToken(request)}` }).end(),
  ],
];

describe("the token", () => {
  it.each(echoes)("echoed %s appears in no rendering of the error, in either style", async (_how, handler) => {
    const { url, count } = await serve(handler);
    const api = createAccessTokensApi(options(url));
    const client = createAccessTokensClient(options(url));
    const failures = [
      await rejection(api.list()),
      await client.GET("/access-tokens").then(
        ({ error }) => error,
        (error: unknown) => error,
      ),
    ];
    expect(count.total).toBe(2);
    for (const failure of failures) {
      for (const text of renderings(failure)) expect(text).not.toContain(TOKEN);
    }
  });

  it("echoed in the status line appears in no rendering of the error", async () => {
    const { url } = await serveRaw((request, socket) => {
      const token = /authorization: Bearer (\S+)/i.exec(request)?.[1] ?? "";
      socket.end(`HTTP/1.1 401 Bad token ${token}\r\ncontent-type: text/plain\r\ncontent-length: 4\r\n\r\nnope`);
    });
    const error = await rejection(createAccessTokensApi(options(url)).list());
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
  });

  it("carried by an HTTP parser error's raw bytes appears in no rendering of the connection error", async () => {
    const { url } = await serveRaw((request, socket) => {
      const token = /authorization: Bearer (\S+)/i.exec(request)?.[1] ?? "";
      // A header value with a control character makes the parser fail, holding the bytes around it.
      socket.end(`HTTP/1.1 200 OK\r\nx-echo: ${token}\u0001${token}\r\ncontent-length: 2\r\n\r\n{}`);
    });
    const error = await rejection(createAccessTokensApi(options(url)).list());
    expect(error).toMatchObject({ name: "LosantConnectionError", reason: "network" });
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
  });

  it("is replaced by [REDACTED], and the rest of the message is kept", async () => {
    const { url } = await serve((request, response) =>
      json(response, 401, {
        type: "Unauthorized",
        message: `Invalid credentials: ${request.headers.authorization ?? ""}`,
      }),
    );
    const error = await rejection(createAccessTokensApi(options(url)).list());
    expect(error).toMatchObject({
      apiMessage: "Invalid credentials: Bearer [REDACTED]",
      body: { message: "Invalid credentials: Bearer [REDACTED]" },
    });
    const { error: typed } = await createAccessTokensClient(options(url)).GET("/access-tokens");
    expect(typed).toEqual({ type: "Unauthorized", message: "Invalid credentials: Bearer [REDACTED]" });
  });

  it("is sent in the Authorization header and nowhere else", async () => {
    const { url, requests } = await serve((_request, response) => json(response, 201, {}));
    await createAccessTokensApi(options(url)).create({ name: "n" });
    const [request] = requests;
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.stringify({ ...request, headers: { ...request?.headers, authorization: undefined } })).not.toContain(
      TOKEN,
    );
  });

  it("never reaches a connection error", async () => {
    const error = await rejection(createAccessTokensApi(options(`http://127.0.0.1:${await freePort()}`)).list());
    expect(inspect(error)).toContain("ECONNREFUSED");
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
  });
});

describe("an error body the token is not in", () => {
  const sent = '{\n  "type": "NotFound",\n  "message": "Access token was not found"\n}\n';

  it.each([
    ["a secret", TOKEN],
    ["a stand-in too short to be a secret", "t"],
  ])("reaches the typed client byte for byte with %s as the token", async (_what, token) => {
    const { url } = await serve((_request, response) =>
      response.writeHead(404, { "content-type": "application/json" }).end(sent),
    );
    const { error, response } = await createAccessTokensClient({ ...options(url), token }).GET("/access-tokens");
    expect(error).toEqual({ type: "NotFound", message: "Access token was not found" });
    expect(await response.text()).toBe(sent);
  });
});
