// What the transport promises about the wire itself, on whichever path this project runs (vitest.config.ts
// runs the file once on node:http, once on fetch): codings, connections, HTTPS, and a script that ends.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it, onTestFinished } from "vitest";
import { createAccessTokensApi, createAccessTokensClient, LosantApiError } from "../src/index.js";
import { TOKEN } from "./support/clients.js";
import { json, rejection, serve } from "./support/fault-server.js";
import { repoPath } from "./support/spec.js";

const LIST = { items: [{ id: "a", name: "one" }], count: 1 };
/** The package as Node resolves it in a child process: `browser` first picks the fetch path, as a bundler for browsers would. */
const fetchPath = process.env["LOSANT_TEST_PATH"] === "fetch";
const conditions = fetchPath ? ["--conditions=browser"] : [];

/** Runs a module in a child Node; resolves with its stdout and how long it took to end. */
function child(source: string, env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...conditions, "--input-type=module", "-e", source], { cwd: repoPath("."), env: { ...process.env, ...env }, timeout: 20_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve({ stdout, ms: Date.now() - started }),
    );
  });
}

/** A server that answers every request with `body`, encoded as `encoding` says. */
const encoded = (encoding: string, body: Buffer) =>
  serve((_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-encoding": encoding, "content-length": body.length });
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

  it("are asked for as fetch asks over http: gzip and deflate", async () => {
    const { url, requests } = await serve((_request, response) => json(response, 200, LIST));
    await createAccessTokensApi({ token: TOKEN, baseUrl: url }).list();
    expect(requests[0]?.headers["accept-encoding"]).toBe("gzip, deflate");
  });

  it("that inflate past maxResponseBytes are cut off, counted after decoding", async () => {
    const bomb = gzipSync(Buffer.from(`{"items":[],"pad":"${"a".repeat(5_000_000)}"}`));
    expect(bomb.length).toBeLessThan(10_000);
    const { url } = await encoded("gzip", bomb);
    const error = await rejection(createAccessTokensApi({ token: TOKEN, baseUrl: url, maxResponseBytes: 100_000 }).list());
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
      response.writeHead(200, { "content-type": "application/json", "x-encoding-asked": request.headers["accept-encoding"] ?? "" });
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
    expect(error).toMatchObject({ name: "LosantConnectionError", reason: "network", cause: { code: expect.stringMatching(/CERT|SIGNATURE|SELF_SIGNED/) } });
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

  it(fetchPath ? "is the global fetch, for every kind of body" : "is node:http, never the global fetch, for every kind of body", async () => {
    const { url, requests } = await serve((request, response) => json(response, request.method === "POST" ? 201 : 200, LIST));
    const count = countFetch();
    const client = createAccessTokensClient({ token: TOKEN, baseUrl: url, retries: 0 });
    await client.GET("/access-tokens");
    // A string (openapi-fetch's JSON), a Uint8Array (a body serializer's bytes), an ArrayBuffer (a Request a middleware saw).
    await client.POST("/access-tokens", { body: BODY });
    await client.POST("/access-tokens", { body: BODY, bodySerializer: (body: unknown) => new TextEncoder().encode(JSON.stringify(body)) });
    client.use({ onRequest: () => undefined });
    await client.POST("/access-tokens", { body: BODY });
    expect(requests.map((request) => `${request.method} ${request.body}`)).toEqual(["GET ", ...Array(3).fill(`POST ${JSON.stringify(BODY)}`)]);
    expect(count.calls === 0).toBe(!fetchPath);
  });

  it("reads a body whose declared length is exactly maxResponseBytes", async () => {
    const text = JSON.stringify(LIST);
    const { url } = await serve((_request, response) => json(response, 200, LIST));
    expect(await createAccessTokensApi({ token: TOKEN, baseUrl: url, maxResponseBytes: Buffer.byteLength(text) }).list()).toEqual(LIST);
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
  it(fetchPath ? "is a fresh Response on the fetch path" : "is a LightResponse on the Node path, a Response made on demand", async () => {
    const { url } = await serve((_request, response) => json(response, 200, LIST));
    const client = createAccessTokensClient({ token: TOKEN, baseUrl: url });
    const { data, response } = await client.GET("/access-tokens");
    expect(data).toEqual(LIST);
    expect(response).toBeInstanceOf(Response);
    expect(Object.getPrototypeOf(response) === Response.prototype).toBe(fetchPath);
    client.use({ onResponse: () => undefined });
    expect(Object.getPrototypeOf((await client.GET("/access-tokens")).response)).toBe(Response.prototype);
  });
});
