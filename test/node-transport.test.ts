// What the transport promises about the wire itself, on whichever path this project runs (vitest.config.ts
// runs the file once on node:http, once on fetch): codings, connections, HTTPS, and a script that ends.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as zlib from "node:zlib";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it, onTestFinished } from "vitest";
import { createAccessTokensApi, createAccessTokensClient, LosantApiError } from "../src/index.js";
import { TOKEN } from "./support/clients.js";
import { json, rejection, serve, serveRaw } from "./support/fault-server.js";
import { repoPath } from "./support/spec.js";

const LIST = { items: [{ id: "a", name: "one" }], count: 1 };
/** Text that does not compress. */
const randomName = (length: number) => randomBytes(length).toString("base64url").slice(0, length);
/** The package as Node resolves it in a child process: `browser` first picks the fetch path, as a bundler for browsers would. */
const fetchPath = process.env["LOSANT_TEST_PATH"] === "fetch";
const conditions = fetchPath ? ["--conditions=browser"] : [];

/** Runs a module in a child Node; resolves with its stdout and how long it took to end. */
function child(source: string, env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...conditions, "--input-type=module", "-e", source],
      { cwd: repoPath("."), env: { ...process.env, ...env }, timeout: 20_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve({ stdout, ms: Date.now() - started }),
    );
  });
}

/** A server that answers every request with `body`, encoded as `encoding` says. */
const encoded = (encoding: string, body: Buffer) =>
  serve((_request, response) => {
    response.writeHead(200, {
      "content-type": "application/json",
      "content-encoding": encoding,
      "content-length": body.length,
    });
    response.end(body);
  });

describe("compressed answers", () => {
  const text = Buffer.from(JSON.stringify(LIST));
  it.each([
    ["gzip", gzipSync(text)],
    ["x-gzip", gzipSync(text)],
    ["deflate", deflateSync(text)],
    ["deflate", deflateRawSync(text)],
    ["br", brotliCompressSync(text)],
    ["gzip, br", brotliCompressSync(gzipSync(text))],
  ])("in %s (%#) are decoded as fetch decodes them", async (encoding, body) => {
    const { url } = await encoded(encoding, body);
    expect(await createAccessTokensApi({ token: TOKEN, baseUrl: url }).list()).toEqual(LIST);
  });

  // Random text does not compress: its deflate stream is larger than one read from the socket.
  const large = { items: [{ id: "a", name: randomName(300_000) }], count: 1 };
  it.each([
    ["deflate", deflateSync(JSON.stringify(large))],
    ["deflate", deflateRawSync(JSON.stringify(large))],
  ])("in %s (%#) that arrive in many chunks are decoded as one stream", async (encoding, body) => {
    const { url } = await encoded(encoding, body);
    expect(await createAccessTokensApi({ token: TOKEN, baseUrl: url, maxResponseBytes: 1_000_000 }).list()).toEqual(
      large,
    );
  });

  it.each([
    ["deflate", Buffer.from("78 9c ff ff ff ff 00 11 22 33".replace(/ /g, ""), "hex")],
    ["deflate", Buffer.from("ffffffff00112233", "hex")],
    ["gzip", Buffer.from("1f8b08000000000000ffffffffff", "hex")],
  ])("in %s (%#) whose bytes are corrupt reject with a connection error, not a crash", async (encoding, body) => {
    const { url } = await encoded(encoding, body);
    const error = await rejection(createAccessTokensApi({ token: TOKEN, baseUrl: url, retries: 0 }).list());
    expect(error).toMatchObject({ name: "LosantConnectionError", reason: "network", status: 200 });
  });

  // zstd is decoded only where Node's zlib has it (22.15, 23.8 and later); elsewhere it is a coding like any unknown one.
  it.each(["x-custom", "identity", ...("zstdCompressSync" in zlib ? [] : ["zstd"])])(
    "in a coding this Node cannot decode (%s) are handed over as they came",
    async (encoding) => {
      const { url } = await encoded(encoding, Buffer.from(JSON.stringify(LIST)));
      expect(await createAccessTokensApi({ token: TOKEN, baseUrl: url, retries: 0 }).list()).toEqual(LIST);
    },
  );

  it("in more than five codings are refused, as fetch refuses them", async () => {
    let body = Buffer.from(JSON.stringify(LIST));
    for (let i = 0; i < 6; i += 1) body = gzipSync(body);
    const { url } = await encoded("gzip, gzip, gzip, gzip, gzip, gzip", body);
    const error = await rejection(createAccessTokensApi({ token: TOKEN, baseUrl: url, retries: 0 }).list());
    expect(error).toMatchObject({
      name: "LosantConnectionError",
      reason: "network",
      message: expect.stringContaining("too many content-encodings"),
    });
  });

  it("are asked for as fetch asks over http: gzip and deflate", async () => {
    const { url, requests } = await serve((_request, response) => json(response, 200, LIST));
    await createAccessTokensApi({ token: TOKEN, baseUrl: url }).list();
    expect(requests[0]?.headers["accept-encoding"]).toBe("gzip, deflate");
  });

  it("that inflate past maxResponseBytes are cut off, counted after decoding", async () => {
    const bomb = gzipSync(Buffer.from(`{"items":[],"pad":"${"a".repeat(5_000_000)}"}`));
    expect(bomb.length).toBeLessThan(10_000);
    const { url } = await encoded("gzip", bomb);
    const error = await rejection(
      createAccessTokensApi({ token: TOKEN, baseUrl: url, maxResponseBytes: 100_000 }).list(),
    );
    expect(error).toBeInstanceOf(LosantApiError);
    expect((error as Error).message).toContain("larger than maxResponseBytes (100000 bytes)");
  });
});

describe("connections", () => {
  /** A keep-alive server that counts the connections it accepted. */
  const counting = async () => {
    const server = createServer((_request, response) => json(response, 200, LIST));
    server.keepAliveTimeout = 60_000;
    const count = { connections: 0, requests: 0 };
    server.on("connection", () => (count.connections += 1)).on("request", () => (count.requests += 1));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count };
  };

  it("are reused across calls, a pool per origin", async () => {
    const [one, two] = [await counting(), await counting()];
    const facade = createAccessTokensApi({ token: TOKEN, baseUrl: one.url });
    const client = createAccessTokensClient({ token: TOKEN, baseUrl: two.url });
    for (let i = 0; i < 4; i += 1) {
      await facade.list();
      await client.GET("/access-tokens");
    }
    expect([one.count, two.count]).toEqual([
      { connections: 1, requests: 4 },
      { connections: 1, requests: 4 },
    ]);
  });

  it("leave no timer behind once a call is done", async () => {
    const { url } = await serve((_request, response) => json(response, 200, LIST));
    const api = createAccessTokensApi({ token: TOKEN, baseUrl: url, timeoutMs: 60_000 });
    await api.list();
    const timers = process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    for (let i = 0; i < 5; i += 1) await api.list();
    expect(process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length).toBeLessThanOrEqual(timers);
  });

  it("let a script end by itself once its last call is done, though the server keeps the connection open", async () => {
    const server = await serve((_request, response) => json(response, 200, LIST));
    const { stdout, ms } = await child(
      `import { createAccessTokensApi } from "losant-access-tokens";
       const api = createAccessTokensApi({ token: ${JSON.stringify(TOKEN)}, baseUrl: ${JSON.stringify(server.url)}, timeoutMs: 60000 });
       console.log(JSON.stringify(await api.list()));`,
    );
    expect(JSON.parse(stdout)).toEqual(LIST);
    expect(ms).toBeLessThan(10_000);
  });
});

describe("HTTPS", () => {
  const tls = (name: string) => readFileSync(repoPath(`test/fixtures/tls/${name}`));
  const start = async () => {
    const server = createHttpsServer({ key: tls("server.key"), cert: tls("server.crt") }, (request, response) => {
      response.writeHead(200, {
        "content-type": "application/json",
        "x-encoding-asked": request.headers["accept-encoding"] ?? "",
      });
      response.end(JSON.stringify(LIST));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
    return `https://localhost:${(server.address() as AddressInfo).port}`;
  };
  const call = (baseUrl: string) =>
    `import { createAccessTokensClient } from "losant-access-tokens";
     const client = createAccessTokensClient({ token: ${JSON.stringify(TOKEN)}, baseUrl: ${JSON.stringify(baseUrl)}, retries: 0 });
     const { data, response } = await client.GET("/access-tokens");
     console.log(JSON.stringify({ data, asked: response.headers.get("x-encoding-asked") }));`;

  it("trusts the platform's CA store, extended with NODE_EXTRA_CA_CERTS, and asks for br too", async () => {
    const baseUrl = await start();
    const { stdout } = await child(call(baseUrl), { NODE_EXTRA_CA_CERTS: repoPath("test/fixtures/tls/ca.crt") });
    expect(JSON.parse(stdout)).toEqual({ data: LIST, asked: "br, gzip, deflate" });
  });

  it("refuses a server whose certificate no trusted CA signed", async () => {
    const baseUrl = await start();
    await expect(child(call(baseUrl))).rejects.toThrow(/LosantConnectionError/);
  });

  it("names the TLS error when it refuses one in process", async () => {
    const baseUrl = await start();
    const error = await rejection(createAccessTokensApi({ token: TOKEN, baseUrl, retries: 0 }).list());
    expect(error).toMatchObject({
      name: "LosantConnectionError",
      reason: "network",
      cause: { code: expect.stringMatching(/CERT|SIGNATURE|SELF_SIGNED/) },
    });
  });
});

describe("the sender each path uses", () => {
  /** Counts the calls to the global fetch until the test ends. */
  const countFetch = () => {
    const real = globalThis.fetch;
    const count = { calls: 0 };
    globalThis.fetch = (...args: Parameters<typeof fetch>) => ((count.calls += 1), real(...args));
    onTestFinished(() => void (globalThis.fetch = real));
    return count;
  };
  const BODY = { name: "bytes ✓" };

  it(
    fetchPath
      ? "is the global fetch, for every kind of body"
      : "is node:http, never the global fetch, for every kind of body",
    async () => {
      const { url, requests } = await serve((request, response) =>
        json(response, request.method === "POST" ? 201 : 200, LIST),
      );
      const count = countFetch();
      const client = createAccessTokensClient({ token: TOKEN, baseUrl: url, retries: 0 });
      await client.GET("/access-tokens");
      // A string (openapi-fetch's JSON), a Uint8Array (a body serializer's bytes), an ArrayBuffer (a Request a middleware saw).
      await client.POST("/access-tokens", { body: BODY });
      await client.POST("/access-tokens", {
        body: BODY,
        bodySerializer: (body: unknown) => new TextEncoder().encode(JSON.stringify(body)),
      });
      client.use({ onRequest: () => undefined });
      await client.POST("/access-tokens", { body: BODY });
      expect(requests.map((request) => `${request.method} ${request.body}`)).toEqual([
        "GET ",
        ...Array(3).fill(`POST ${JSON.stringify(BODY)}`),
      ]);
      expect(count.calls === 0).toBe(!fetchPath);
    },
  );

  it("hands a body that is neither text nor bytes (a serializer's Blob) to the global fetch, which sends it whole", async () => {
    const { url, requests } = await serve((_request, response) => json(response, 201, LIST));
    const count = countFetch();
    const client = createAccessTokensClient({ token: TOKEN, baseUrl: url, retries: 0 });
    const { response } = await client.POST("/access-tokens", {
      body: BODY,
      bodySerializer: (body: unknown) => new Blob([JSON.stringify(body)]),
    });
    expect(response.status).toBe(201);
    expect(requests.map((request) => request.body)).toEqual([JSON.stringify(BODY)]);
    expect(count.calls).toBe(1);
  });

  it("reads a body whose declared length is exactly maxResponseBytes", async () => {
    const text = JSON.stringify(LIST);
    const { url } = await serve((_request, response) => json(response, 200, LIST));
    expect(
      await createAccessTokensApi({ token: TOKEN, baseUrl: url, maxResponseBytes: Buffer.byteLength(text) }).list(),
    ).toEqual(LIST);
  });

  it("decodes five stacked gzip codings, as fetch does", async () => {
    let body = Buffer.from(JSON.stringify(LIST));
    for (let i = 0; i < 5; i += 1) body = gzipSync(body);
    const { url } = await encoded("gzip, gzip, gzip, gzip, gzip", body);
    expect(await createAccessTokensApi({ token: TOKEN, baseUrl: url, retries: 0 }).list()).toEqual(LIST);
  });
});

describe("the Response of a call no middleware sees", () => {
  // On Node a WHATWG Response (a stream over the body, headers copied) is only made when the caller reads
  // more than openapi-fetch does; a browser program keeps the fresh Response, which costs it fewer bytes.
  it(
    fetchPath
      ? "is a fresh Response on the fetch path"
      : "is a LightResponse on the Node path, a Response made on demand",
    async () => {
      const { url } = await serve((_request, response) => json(response, 200, LIST));
      const client = createAccessTokensClient({ token: TOKEN, baseUrl: url });
      const { data, response } = await client.GET("/access-tokens");
      expect(data).toEqual(LIST);
      expect(response).toBeInstanceOf(Response);
      expect(Object.getPrototypeOf(response) === Response.prototype).toBe(fetchPath);
      client.use({ onResponse: () => undefined });
      expect(Object.getPrototypeOf((await client.GET("/access-tokens")).response)).toBe(Response.prototype);
    },
  );

  const ERROR = { type: "NotFound", message: "Access token was not found" };
  it.each([
    [200, LIST, true],
    [299, LIST, true],
    [400, ERROR, false],
    [404, ERROR, false],
    [599, ERROR, false],
  ])("answers a %i as a Response would: ok, status, headers, json(), clone()", async (status, body, ok) => {
    const { url } = await serve((_request, response) => json(response, status, body, { "x-kind": "answer" }));
    const { response } = await createAccessTokensClient({ token: TOKEN, baseUrl: url, retries: 0 }).GET(
      "/access-tokens",
    );
    expect({ ok: response.ok, status: response.status, kind: response.headers.get("x-kind") }).toEqual({
      ok,
      status,
      kind: "answer",
    });
    const copy = response.clone();
    expect(await response.json()).toEqual(body);
    expect({ ok: copy.ok, status: copy.status, kind: copy.headers.get("x-kind"), body: await copy.json() }).toEqual({
      ok,
      status,
      kind: "answer",
      body,
    });
  });

  it("has no JSON to read in an empty answer to a DELETE", async () => {
    const { url } = await serve((_request, response) => response.writeHead(200, { "content-length": "0" }).end());
    const { data, response } = await createAccessTokensClient({ token: TOKEN, baseUrl: url, retries: 0 }).DELETE(
      "/access-tokens/{accessTokenId}",
      {
        params: { path: { accessTokenId: "575ec8687ae143cd83dc4a95" } },
      },
    );
    expect({ data, status: response.status }).toEqual({ data: undefined, status: 200 });
    expect(await response.text()).toBe("");
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });
});

describe("answers without a body", () => {
  const SIX = "gzip, gzip, gzip, gzip, gzip, gzip";

  it("to a HEAD are read as empty, whatever Content-Length and Content-Encoding announce", async () => {
    const { url } = await serve((_request, response) =>
      response
        .writeHead(200, { "content-type": "application/json", "content-length": "5000000", "content-encoding": SIX })
        .end(),
    );
    const client = createAccessTokensClient({ token: TOKEN, baseUrl: url, retries: 0, maxResponseBytes: 1_000 });
    // No operation of the API answers a HEAD, so its empty 200 is refused, as an empty body, not an oversized one.
    const error = await rejection((client.HEAD as (path: string) => Promise<unknown>)("/access-tokens"));
    expect(error).toMatchObject({
      name: "LosantApiError",
      status: 200,
      message: expect.stringContaining("the response body is empty"),
    });
  });

  it("with status 204 are read as empty, whatever their Content-Length and Content-Encoding announce", async () => {
    const { url } = await serveRaw((_request, socket) =>
      socket.write(`HTTP/1.1 204 No Content\r\ncontent-length: 5000000\r\ncontent-encoding: ${SIX}\r\n\r\n`),
    );
    const client = createAccessTokensClient({ token: TOKEN, baseUrl: url, retries: 0, maxResponseBytes: 1_000 });
    const { data, error, response } = await client.DELETE("/access-tokens/{accessTokenId}", {
      params: { path: { accessTokenId: "575ec8687ae143cd83dc4a95" } },
    });
    expect({ data, error, status: response.status }).toEqual({ data: undefined, error: undefined, status: 204 });
  });
});

describe("the headers of an answer", () => {
  it("are handed over as the server sent them, none added", async () => {
    const { url } = await serveRaw((_request, socket) =>
      socket.write(
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-one: 1\r\nx-two: 2\r\ncontent-length: ${JSON.stringify(LIST).length}\r\n\r\n${JSON.stringify(LIST)}`,
      ),
    );
    const { response } = await createAccessTokensClient({ token: TOKEN, baseUrl: url, retries: 0 }).GET(
      "/access-tokens",
    );
    expect([...response.headers]).toEqual([
      ["content-length", String(JSON.stringify(LIST).length)],
      ["content-type", "application/json"],
      ["x-one", "1"],
      ["x-two", "2"],
    ]);
  });
});
