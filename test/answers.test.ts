import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  createAccessTokensApi,
  createAccessTokensClient,
  LosantApiError,
  LosantConnectionError,
  type ClientOptions,
} from "../src/index.js";
import { json, rejection, serve, serveRaw } from "./support/fault-server.js";
import { ID, TOKEN } from "./support/clients.js";

const options = (url: string, extra: Partial<ClientOptions> = {}): ClientOptions => ({
  token: TOKEN,
  baseUrl: url,
  retries: 0,
  timeoutMs: 2_000,
  ...extra,
});
const apiFor = (url: string, extra: Partial<ClientOptions> = {}) => createAccessTokensApi(options(url, extra));
const clientFor = (url: string, extra: Partial<ClientOptions> = {}) => createAccessTokensClient(options(url, extra));
/** Answers every request with this status, content type and body. */
const answer = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  serve((_request, response) => {
    response.writeHead(status, { "content-type": type, ...headers });
    response.end(body);
  });
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/;

describe("error statuses whose body is not the API's JSON Error", () => {
  const bodies = [
    [
      "an HTML page",
      "text/html",
      "<html><body><h1>502 Bad Gateway</h1></body></html>",
      "HTTP 502 with a body that is not the API's JSON Error: \"<html><body><h1>502 Bad Gateway",
    ],
    [
      "plain text",
      "text/plain",
      "Service Unavailable: upstream overloaded",
      'a body that is not the API\'s JSON Error: "Service Unavailable: upstream overloaded"',
    ],
    ["an empty body", "text/plain", "", "HTTP 502 with an empty body"],
    ["JSON null", "application/json", "null", 'a body that is not the API\'s JSON Error: "null"'],
    ["a JSON array", "application/json", '[{"type":"NotFound"}]', "not the API's JSON Error"],
    ["a JSON number", "application/json", "404", "not the API's JSON Error"],
    ["a JSON string", "application/json", '"oops"', "not the API's JSON Error"],
    ["a type that is not a string", "application/json", '{"type":42,"message":"x"}', "not the API's JSON Error"],
    [
      "a message that is an object",
      "application/json",
      '{"type":"X","message":{"text":"x"}}',
      "not the API's JSON Error",
    ],
    ["truncated JSON", "application/json", '{"type":"NotFound","mess', "not the API's JSON Error"],
  ] as const;

  it.each(bodies)(
    "%s becomes LosantApiError with the status, saying what came (facade)",
    async (_what, type, body, expected) => {
      const { url } = await answer(502, type, body);
      const error = await rejection(apiFor(url).get(ID));
      expect(error).toBeInstanceOf(LosantApiError);
      expect(error).toMatchObject({ status: 502, method: "GET", path: `/access-tokens/${ID}` });
      expect((error as Error).message).toContain(expected);
    },
  );

  it.each(bodies)(
    "%s rejects the typed client with the same LosantApiError: it is not an answer of the API's",
    async (_what, type, body, expected) => {
      const { url } = await answer(502, type, body);
      const error = await rejection(clientFor(url).GET("/access-tokens"));
      expect(error).toBeInstanceOf(LosantApiError);
      expect(error).toMatchObject({ status: 502, method: "GET", path: "/access-tokens" });
      expect((error as Error).message).toContain(expected);
    },
  );

  it("keeps the body as it came, when it was JSON", async () => {
    const { url } = await answer(500, "application/json", '[1,{"a":null}]');
    expect(await rejection(apiFor(url).list())).toMatchObject({ body: [1, { a: null }] });
  });

  it("keeps a body that is not JSON as its text, and an empty body as none", async () => {
    const page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const html = await answer(502, "text/html", page);
    expect(await rejection(apiFor(html.url).list())).toMatchObject({ body: page });
    const empty = await answer(502, "text/plain", "");
    expect(((await rejection(apiFor(empty.url).list())) as LosantApiError).body).toBeUndefined();
  });
});

describe("error statuses with the API's JSON Error", () => {
  it.each([
    ["without a message", { type: "Validation" }, "Losant API 400 Validation: no error message (GET /access-tokens)"],
    ["without a type", { message: "name is required" }, "Losant API 400: name is required (GET /access-tokens)"],
    ["with neither", {}, "Losant API 400: no error message (GET /access-tokens)"],
  ])(
    "%s reject the facade with a LosantApiError that says so, and reach the typed client as its error",
    async (_what, body, message) => {
      const { url } = await serve((_request, response) => json(response, 400, body));
      expect(((await rejection(apiFor(url).list())) as Error).message).toBe(message);
      expect((await clientFor(url).GET("/access-tokens")).error).toEqual(body);
    },
  );
});

describe("error messages", () => {
  it("quote a long server message only in part, and keep it whole in apiMessage", async () => {
    const long = "x".repeat(100_000);
    const { url } = await serve((_request, response) =>
      json(response, 400, { type: "T".repeat(10_000), message: long }),
    );
    const error = (await rejection(apiFor(url).list())) as LosantApiError;
    expect(error.message.length).toBeLessThan(600);
    expect(error.apiMessage).toBe(long);
  });

  it("quote a server message of 200 characters whole, and a longer one as its first 200 and an ellipsis", async () => {
    for (const [length, quoted] of [
      [200, "x".repeat(200)],
      [201, `${"x".repeat(200)}…`],
    ] as const) {
      const { url } = await serve((_request, response) =>
        json(response, 400, { type: "Validation", message: "x".repeat(length) }),
      );
      expect(((await rejection(apiFor(url).list())) as Error).message).toBe(
        `Losant API 400 Validation: ${quoted} (GET /access-tokens)`,
      );
    }
  });

  it("carry no raw control or bidi character from the server: each is shown as a visible escape", async () => {
    const nasty = "line\nbreak\r\u001b[31mred\u0000\u202eevil\u2066";
    const blanked = "line\\u000abreak\\u000d\\u001b[31mred\\u0000\\u202eevil\\u2066";
    const { url } = await serve((_request, response) =>
      json(response, 409, { type: `Con${nasty}flict`, message: nasty }),
    );
    const error = (await rejection(apiFor(url).list())) as LosantApiError;
    expect(error.message).toBe(`Losant API 409 Con${blanked}flict: ${blanked} (GET /access-tokens)`);
    expect(error.message).not.toMatch(CONTROL);
    expect(String(error.stack).split("\n")[0]).not.toMatch(CONTROL);
    expect(error.apiMessage).toBe(nasty);
  });

  it("quote a long non-JSON body in part", async () => {
    const { url } = await answer(502, "text/html", `<html>${"x".repeat(10_000)}</html>`);
    const error = (await rejection(apiFor(url).list())) as Error;
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain("…");
  });
});

describe("success statuses", () => {
  it.each([
    ["invalid JSON", "{items: nope}", 'the response body is not the JSON object expected: "{items: nope}"'],
    ["truncated JSON", '{"items":[{"na', 'the response body is not the JSON object expected: "{"items":[{"na"'],
    ["JSON null", "null", 'the response body is not the JSON object expected: "null"'],
    ["a JSON array", "[]", 'the response body is not the JSON object expected: "[]"'],
    ["a JSON string", '"ok"', 'the response body is not the JSON object expected: ""ok""'],
    ["an empty body", "", "the response body is empty, where JSON was expected"],
  ])("200 with %s rejects with LosantApiError saying so, in both styles", async (_what, body, expected) => {
    const { url } = await answer(200, "application/json", body);
    const error = await rejection(apiFor(url).list());
    expect(error).toBeInstanceOf(LosantApiError);
    expect(error).toMatchObject({ status: 200, method: "GET" });
    expect((error as Error).message).toBe(`Losant API 200: ${expected} (GET /access-tokens)`);
    // The body as received, for a program to log: the text, or none when it was empty.
    expect((error as LosantApiError).body).toBe(body || undefined);
    await expect(clientFor(url).GET("/access-tokens")).rejects.toBeInstanceOf(LosantApiError);
  });

  it.each([200, 204])("%i with an empty body is success for DELETE", async (status) => {
    const { url } = await answer(status, "text/plain", "");
    expect(await apiFor(url).delete(ID)).toEqual({ success: true });
    const { data, error, response } = await clientFor(url).DELETE("/access-tokens/{accessTokenId}", {
      params: { path: { accessTokenId: ID } },
    });
    expect(response.status).toBe(status);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it("decodes a UTF-8 character split across two chunks of the body", async () => {
    const list = { items: [{ name: "Zoë’s token ✓" }], count: 1 };
    const bytes = new TextEncoder().encode(JSON.stringify(list));
    // Cut between the two bytes of "ë".
    const cut = bytes.indexOf(0xc3) + 1;
    const chunked = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(bytes.slice(0, cut));
            controller.enqueue(bytes.slice(cut));
            controller.close();
          },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    expect(await apiFor("http://127.0.0.1:9", { fetch: chunked }).list()).toEqual(list);
  });

  it("is read as text when the typed client asks for parseAs: text", async () => {
    const { url } = await serve((_request, response) => json(response, 200, { items: [], count: 0 }));
    const { data } = await clientFor(url).GET("/access-tokens", { parseAs: "text" });
    expect(data).toBe('{"items":[],"count":0}');
  });
});

describe("statuses the API does not use", () => {
  it("299 with a JSON object is a success like any 2xx, in both styles", async () => {
    const { url } = await serve((_request, response) => json(response, 299, { items: [], count: 0 }));
    expect(await apiFor(url).list()).toEqual({ items: [], count: 0 });
    expect((await clientFor(url).GET("/access-tokens")).data).toEqual({ items: [], count: 0 });
  });

  it("418 with an Error body rejects the facade with LosantApiError and reaches the typed client as its error", async () => {
    const { url } = await serve((_request, response) =>
      json(response, 418, { type: "Teapot", message: "short and stout" }),
    );
    expect(await rejection(apiFor(url).list())).toMatchObject({
      name: "LosantApiError",
      status: 418,
      type: "Teapot",
      apiMessage: "short and stout",
    });
    expect((await clientFor(url).GET("/access-tokens")).error).toEqual({ type: "Teapot", message: "short and stout" });
  });

  it.each([100, 199, 600, 799, 999])(
    "%i, which no Response can hold, still ends in one of the two errors, in both styles",
    async (status) => {
      const { url } = await serveRaw((_request, socket) =>
        socket.end(`HTTP/1.1 ${status} Odd\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`),
      );
      for (const call of [
        () => apiFor(url, { timeoutMs: 200 }).list(),
        () => clientFor(url, { timeoutMs: 200 }).GET("/access-tokens"),
      ]) {
        const error = await rejection(call());
        expect([LosantApiError, LosantConnectionError].some((type) => error instanceof type)).toBe(true);
      }
    },
  );
});

describe("a status line", () => {
  it.each(["Not \u0001 Found", "Caf\u00e9", "\u007f", ""])(
    "with the reason %j, which no Response could carry, still gives both styles their answer",
    async (reason) => {
      const error = '{"type":"NotFound","message":"gone"}';
      const { url } = await serveRaw((_request, socket) =>
        socket.end(
          Buffer.from(
            `HTTP/1.1 404 ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${error.length}\r\n\r\n${error}`,
            "latin1",
          ),
        ),
      );
      await expect(apiFor(url).get(ID)).rejects.toMatchObject({
        name: "LosantApiError",
        status: 404,
        type: "NotFound",
      });
      expect((await clientFor(url).GET("/access-tokens")).error).toEqual({ type: "NotFound", message: "gone" });
    },
  );
});

describe("deeply nested JSON", () => {
  const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

  it.each([10, 1_000, 100_000])(
    "of depth %i in an error body ends as LosantApiError that every rendering can print",
    async (depth) => {
      const { url } = await answer(400, "application/json", deep(depth));
      const error = await rejection(apiFor(url).list());
      expect(error).toMatchObject({ name: "LosantApiError", status: 400 });
      expect(() => [JSON.stringify(error), inspect(error, { depth: Infinity }), String(error)]).not.toThrow();
    },
  );

  it("of depth 100,000 in a success body reaches the caller as the parsed value", async () => {
    const { url } = await answer(200, "application/json", deep(100_000));
    const body = (await apiFor(url).list()) as unknown as { a: unknown };
    expect(typeof body.a).toBe("object");
  });
});

describe("response size", () => {
  const limit = 64 * 1024;

  it("fails once the body passes maxResponseBytes, and releases the connection", async () => {
    let written = 0;
    let closed = false;
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const pump = () => {
        while (!closed && written < 200 * 1024 * 1024 && response.write(chunk)) written += chunk.length;
        if (!closed && written < 200 * 1024 * 1024) response.once("drain", pump);
      };
      response.socket?.on("close", () => (closed = true));
      pump();
    });
    const error = await rejection(apiFor(url, { maxResponseBytes: limit }).list());
    expect(error).toMatchObject({ name: "LosantApiError", status: 200 });
    expect((error as Error).message).toBe(
      `Losant API 200: the response body is larger than maxResponseBytes (${limit} bytes) (GET /access-tokens)`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
    // What the server managed to send before the socket closed: the limit plus what socket buffers hold.
    expect(written).toBeLessThan(limit + 8 * 1024 * 1024);
  });

  it("counts decompressed bytes, so a small gzip bomb fails too", async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(limit);
    const { url } = await answer(200, "application/json", bomb, { "content-encoding": "gzip" });
    await expect(apiFor(url, { maxResponseBytes: limit }).list()).rejects.toThrow("larger than maxResponseBytes");
  });

  it("fails on a declared Content-Length over the limit before reading the body", async () => {
    const { url } = await serveRaw((_request, socket) =>
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${limit + 1}\r\n\r\n{`),
    );
    await expect(apiFor(url, { maxResponseBytes: limit, timeoutMs: 5_000 }).list()).rejects.toThrow(
      "larger than maxResponseBytes",
    );
  });

  it("lets through a body of exactly maxResponseBytes", async () => {
    const body = JSON.stringify({ items: [], count: 0, pad: "x".repeat(1_000) });
    const { url } = await answer(200, "application/json", body);
    expect(await apiFor(url, { maxResponseBytes: Buffer.byteLength(body) }).list()).toMatchObject({ count: 0 });
  });

  it("applies to error bodies too", async () => {
    const { url } = await answer(500, "text/plain", "x".repeat(limit + 1));
    await expect(apiFor(url, { maxResponseBytes: limit }).list()).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining("larger than maxResponseBytes"),
    });
  });
});

describe("redirects", () => {
  it.each([301, 302, 303, 307, 308])(
    "%i is not followed: the other host gets nothing, and the call fails saying why",
    async (status) => {
      const elsewhere = await serve((_request, response) => json(response, 200, { items: [], count: 0 }));
      const { url } = await serve((_request, response) => {
        response.writeHead(status, { location: `${elsewhere.url}/access-tokens` });
        response.end();
      });
      for (const call of [
        () => apiFor(url).list(),
        () => apiFor(url).create({ name: "n" }),
        () => clientFor(url).GET("/access-tokens"),
      ]) {
        const error = await rejection(call());
        expect(error).toBeInstanceOf(LosantApiError);
        expect(error).toMatchObject({ status });
        expect((error as Error).message).toContain("the API answered with a redirect, which is not followed");
      }
      expect(elsewhere.count.total).toBe(0);
    },
  );

  it("another origin's answer, from a custom fetch that follows redirects, is not taken as the API's", async () => {
    const elsewhere = await serve((_request, response) => json(response, 200, { items: [], count: 0 }));
    const { url } = await serve((_request, response) => {
      response.writeHead(302, { location: `${elsewhere.url}/access-tokens` });
      response.end();
    });
    const following = (request: Request) => fetch(request.url, { redirect: "follow", signal: request.signal });
    await expect(apiFor(url, { fetch: following }).list()).rejects.toThrow("redirect");
  });
});

describe("an error, as a program logs it", () => {
  it("LosantApiError gives JSON every field and the message, and has no cause: nothing failed beneath it", async () => {
    const { url } = await serve((_request, response) => json(response, 404, { type: "NotFound", message: "gone" }));
    const error = await rejection(apiFor(url).get(ID));
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "LosantApiError",
      message: `Losant API 404 NotFound: gone (GET /access-tokens/${ID})`,
      status: 404,
      type: "NotFound",
      apiMessage: "gone",
      body: { type: "NotFound", message: "gone" },
      method: "GET",
      path: `/access-tokens/${ID}`,
      mayHaveSucceeded: false,
    });
    expect("cause" in (error as Error)).toBe(false);
  });

  it("LosantConnectionError gives JSON every field and the message", async () => {
    const reset = () => Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }));
    const error = await rejection(apiFor("http://127.0.0.1:9", { fetch: reset }).list());
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "LosantConnectionError",
      message: "Losant API request failed: ECONNRESET, attempts: 1 (GET /access-tokens)",
      reason: "network",
      attempts: 1,
      method: "GET",
      path: "/access-tokens",
      mayHaveSucceeded: false,
    });
  });
});
