import { describe, expect, it } from "vitest";
import { createAccessTokensApi, createAccessTokensClient, type ClientOptions } from "../src/index.js";
import { faultServer, json } from "./support/fault-server.js";

const create = (options: ClientOptions) => () => createAccessTokensClient(options);

describe("options.token", () => {
  it("is required", () => {
    expect(create({} as ClientOptions)).toThrow(/options\.token is required/);
    expect(() => createAccessTokensApi(undefined as unknown as ClientOptions)).toThrow(/options\.token is required/);
  });

  it("must not be empty or blank", () => {
    expect(create({ token: "" })).toThrow(/options\.token is required: a non-empty string/);
    expect(create({ token: "   " })).toThrow(/non-empty string/);
  });

  it.each([
    ["a line feed", "abc\ndef"],
    ["a carriage return", "abc\r\nX-Injected: 1"],
    ["a NUL", "abc\u0000"],
    ["a DEL", "abc\u007f"],
  ])("is refused when it contains %s, without echoing it", (_what, token) => {
    let message = "";
    try {
      createAccessTokensClient({ token });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/control character/);
    expect(message).not.toContain(token);
  });

  it("is refused before any network call", async () => {
    const server = await faultServer((_request, response) => json(response, 200, {}));
    try {
      expect(create({ token: "bad\ntoken", baseUrl: server.url })).toThrow();
      expect(server.count.total).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe("options.baseUrl", () => {
  it("defaults to https://api.losant.com", async () => {
    const seen: string[] = [];
    const client = createAccessTokensClient({
      token: "t",
      fetch: async (request) => {
        seen.push(request.url);
        return new Response('{"items":[],"count":0}', { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    await client.GET("/access-tokens");
    expect(seen).toEqual(["https://api.losant.com/access-tokens"]);
  });

  it.each(["http://api.losant.com", "http://10.0.0.5:4010", "http://example.test/"])(
    "refuses %s, which would send the token in clear text",
    (baseUrl) => {
      expect(create({ token: "t", baseUrl })).toThrow(/clear text; use https:\/\/, or set allowInsecureHttp: true/);
    },
  );

  it("allows plain http with allowInsecureHttp: true", () => {
    expect(create({ token: "t", baseUrl: "http://api.internal.test", allowInsecureHttp: true })).not.toThrow();
  });

  it.each(["http://localhost:4010", "http://127.0.0.1:4010", "http://127.8.9.10", "http://[::1]:4010", "https://api.losant.com/"])(
    "allows %s",
    (baseUrl) => {
      expect(create({ token: "t", baseUrl })).not.toThrow();
    },
  );

  it.each([
    ["not a URL", /options\.baseUrl must be an absolute https:\/\/ URL, got "not a URL"/],
    ["ftp://api.losant.com", /options\.baseUrl must be an absolute https:\/\/ URL, got "ftp:\/\/api\.losant\.com"/],
    ["https://user:pass@api.losant.com", /must not carry credentials/],
  ])("rejects %s", (baseUrl, message) => {
    expect(create({ token: "t", baseUrl })).toThrow(message);
  });
});

describe("other options", () => {
  it("refuse an Authorization header in options.headers", () => {
    expect(create({ token: "t", headers: { authorization: "Bearer x" } })).toThrow(/must not set Authorization/);
  });

  it.each([
    [{ timeoutMs: 0 }, /options\.timeoutMs must be a whole number of at least 1, got number 0/],
    [{ retryMaxDelayMs: "9" }, /options\.retryMaxDelayMs must be a whole number of at least 0, got string 9/],
    [{ timeoutMs: Number.NaN }, /options\.timeoutMs/],
    [{ retries: -1 }, /options\.retries must be a whole number of at least 0, got number -1/],
    [{ retries: 1.5 }, /options\.retries must be a whole number of at least 0, got number 1\.5/],
    [{ fetch: "fetch" }, /options\.fetch must be a function/],
  ])("reject %o", (extra, message) => {
    expect(create({ token: "t", ...(extra as object) })).toThrow(message);
  });
});
