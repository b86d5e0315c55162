import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { inspect } from "node:util";
import { ProxyAgent } from "undici";
import { describe, expect, it } from "vitest";
import { createAccessTokensApi, createAccessTokensClient, type ClientOptions } from "../src/index.js";
import { API_VERSION } from "../src/core/options.js";
import { main } from "../src/cli/main.js";
import { json, rejection, serve } from "./support/fault-server.js";
import { TOKEN } from "./support/clients.js";
import { loadSpec } from "./support/spec.js";

const fetchPath = process.env["LOSANT_TEST_PATH"] === "fetch";
const create = (options: ClientOptions) => () => createAccessTokensClient(options);
/** A client whose fetch records what it would have sent, and answers an empty list. */
function recording(extra: Partial<ClientOptions> = {}) {
  const sent: Request[] = [];
  const client = createAccessTokensClient({
    token: TOKEN,
    fetch: async (request) => {
      sent.push(request);
      return Response.json({ items: [], count: 0 });
    },
    ...extra,
  });
  return { client, sent };
}

describe("options.token", () => {
  it("is required", () => {
    expect(create({} as ClientOptions)).toThrow(/options\.token must be a bearer token/);
    expect(() => createAccessTokensApi(undefined as unknown as ClientOptions)).toThrow(
      /options\.token must be a bearer token/,
    );
  });

  it.each([
    ["empty", ""],
    ["blank", "   "],
    ["a leading space", " abc"],
    ["a trailing space", "abc "],
    ["a trailing tab", "abc\t"],
    ["a line feed", "abc\ndef"],
    ["a carriage return", "abc\r\nX-Injected: 1"],
    ["a NUL", "abc\u0000"],
    ["a DEL", "abc\u007f"],
    ["a space inside", "abc def"],
    ["a character above ASCII", "abcé"],
    ["a character above U+00FF", "abc€"],
    ["a quote", 'abc"def'],
    ["a number", 12345 as unknown as string],
  ])("is refused when %s, without echoing it", (_what, token) => {
    let message = "";
    try {
      createAccessTokensClient({ token });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/^TypeError: losant-access-tokens: options\.token must be a bearer token/);
    if (String(token).trim()) expect(message).not.toContain(String(token).trim());
  });

  it.each([TOKEN, "abc", "a-b.c_d~e+f/g==", "x"])("accepts the bearer token %s and sends it exactly", async (token) => {
    const { client, sent } = recording({ token });
    await client.GET("/access-tokens");
    expect(sent[0]?.headers.get("authorization")).toBe(`Bearer ${token}`);
  });

  it("is refused at creation, so a misconfigured client never exists to send anything", () => {
    expect(create({ token: "bad\ntoken" })).toThrow(TypeError);
  });
});

describe("options.baseUrl", () => {
  it("defaults to https://api.losant.com", async () => {
    const { client, sent } = recording();
    await client.GET("/access-tokens");
    expect(sent.map((request) => request.url)).toEqual(["https://api.losant.com/access-tokens"]);
  });

  it("keeps a path prefix, with or without a trailing slash", async () => {
    for (const baseUrl of ["https://proxy.example.com/api/v1", "https://proxy.example.com/api/v1/"]) {
      const { client, sent } = recording({ baseUrl });
      await client.GET("/access-tokens");
      expect(sent[0]?.url).toBe("https://proxy.example.com/api/v1/access-tokens");
    }
  });

  it.each([
    "http://api.losant.com",
    "http://10.0.0.5:4010",
    "http://example.test/",
    "http://localhost.evil.example",
    "http://evillocalhost/",
    "http://127.0.0.1.evil.example/",
    "http://evil.example/127.0.0.1",
    "http://[::2]/",
  ])("refuses %s, which would send the token in clear text", (baseUrl) => {
    expect(create({ token: "t", baseUrl })).toThrow(
      /would send the token in clear text off loopback: use https:\/\/, or allowInsecureHttp/,
    );
  });

  it("allows plain http with allowInsecureHttp: true", () => {
    expect(create({ token: "t", baseUrl: "http://api.internal.test", allowInsecureHttp: true })).not.toThrow();
  });

  it.each([
    "http://localhost:4010",
    "http://LOCALHOST",
    "http://127.0.0.1:4010",
    "http://127.8.9.10",
    "http://[::1]:4010",
    "https://api.losant.com/",
  ])("allows %s", (baseUrl) => {
    expect(create({ token: "t", baseUrl })).not.toThrow();
  });

  it.each([
    "not a URL",
    "ftp://api.losant.com",
    "xhttps://api.losant.com",
    "/relative/path",
    "https://api.losant.com/?region=eu",
    "https://api.losant.com?",
    "https://api.losant.com/#top",
    "https://api.losant.com#",
  ])("refuses %s", (baseUrl) => {
    expect(create({ token: "t", baseUrl })).toThrow(
      `options.baseUrl ${JSON.stringify(baseUrl)} must be an absolute https:// URL without credentials, query or fragment`,
    );
  });

  it.each([null, 42])("refuses %s, not a string, and names it as given", (baseUrl) => {
    expect(create({ token: "t", baseUrl: baseUrl as never })).toThrow(
      `options.baseUrl ${baseUrl} must be an absolute https:// URL without credentials, query or fragment`,
    );
  });
});

describe("options.baseUrl with credentials", () => {
  /** Every way an error can be shown: none may hold the user name or the password. */
  const renderings = (error: Error) => [
    error.message,
    String(error),
    error.stack ?? "",
    inspect(error),
    JSON.stringify(error, Object.getOwnPropertyNames(error)),
  ];
  const thrown = (baseUrl: string, extra: Partial<ClientOptions> = {}) => {
    try {
      createAccessTokensClient({ token: "t", baseUrl, ...extra });
    } catch (error) {
      return error as Error;
    }
    throw new Error("expected a TypeError");
  };

  it.each([
    ["https://admin:S3cr3t@api.losant.com", "https://***@api.losant.com"],
    ["https://admin@api.losant.com/", "https://***@api.losant.com/"],
    ["https://:S3cr3t@api.losant.com", "https://***@api.losant.com"],
    ["https://admin:S3c@r3t@api.losant.com", "https://***@api.losant.com"],
    // Not URLs the parser splits as a person would: still nothing of them shows.
    ["https://admin:S3c/r3t@api.losant.com", "https://***@api.losant.com"],
    ["admin:S3cr3t@api.losant.com", "admin:***@api.losant.com"],
    // Without a scheme, the user name is masked with the password.
    ["//admin:S3cr3t@api.losant.com", "***@api.losant.com"],
  ])("refuses %s with its user information masked in every rendering", (baseUrl, masked) => {
    const error = thrown(baseUrl);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain(`options.baseUrl ${JSON.stringify(masked)} must be`);
    for (const shown of renderings(error)) expect(shown).not.toMatch(/S3c|r3t/);
    if (!masked.includes("admin")) for (const shown of renderings(error)) expect(shown).not.toContain("admin");
  });

  it("masks them on the CLI's stderr, which shows the refusal", async () => {
    let stderr = "";
    const code = await main({
      argv: ["list"],
      env: { LOSANT_TOKEN: TOKEN, LOSANT_API_URL: "https://admin:S3cr3t@api.losant.com" },
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
    });
    expect([code, stderr]).toEqual([
      2,
      'losant-tokens: LOSANT_API_URL "https://***@api.losant.com" must be an absolute https:// URL without credentials, query or fragment\n',
    ]);
  });

  it("refuses a URL object with its user information masked in every rendering", () => {
    const error = thrown(new URL("https://admin:S3cr3t@api.losant.com") as never);
    expect(error.message).toContain('options.baseUrl "https://***@api.losant.com/" must be');
    for (const shown of renderings(error)) expect(shown).not.toMatch(/S3cr3t|admin/);
  });

  it.each([
    ["whose text is such a URL", { toString: (): string => "https://admin:S3cr3t@api.losant.com" }],
    ["whose JSON is such a URL", { toJSON: (): string => "https://admin:S3cr3t@api.losant.com" }],
    ["that holds such a URL", { href: "https://admin:S3cr3t@api.losant.com" }],
    ["that cannot be read as text", Object.create(null)],
  ])("refuses an object %s, shown by its kind alone", (_what, baseUrl) => {
    const error = thrown(baseUrl as never);
    expect(error.message).toContain("options.baseUrl (object) must be an absolute https:// URL");
    for (const shown of renderings(error)) expect(shown).not.toMatch(/S3cr3t|admin/);
  });

  it("masks them in the clear-text refusal too", () => {
    const error = thrown("http://admin:S3cr3t@api.internal.test");
    for (const shown of renderings(error)) expect(shown).not.toContain("S3cr3t");
  });
});

describe("options.agent", () => {
  it.each([
    ["a string", "proxy"],
    ["a plain object", {}],
    ["undici's ProxyAgent, which is a fetch dispatcher", new ProxyAgent("http://127.0.0.1:9")],
  ])("refuses %s: it must be an http.Agent or https.Agent, and the fetch path takes none", (_what, agent) => {
    expect(create({ token: "t", agent: agent as never })).toThrow(
      fetchPath
        ? "options.agent is for Node's own HTTP client: requests here go through fetch, which has no agents"
        : "losant-access-tokens: options.agent must be an http.Agent or https.Agent",
    );
  });

  it.each([
    ["an https.Agent", new HttpsAgent(), "http://127.0.0.1:9", "http:"],
    ["an http.Agent", new HttpAgent(), "https://api.losant.com", "https:"],
  ])("refuses %s for a baseUrl of the other protocol, at creation", (_what, agent, baseUrl, other) => {
    expect(create({ token: "t", baseUrl, agent })).toThrow(
      fetchPath
        ? "requests here go through fetch, which has no agents"
        : `options.agent is an agent for ${other === "http:" ? "https:" : "http:"}// URLs, and options.baseUrl is not one`,
    );
  });

  it("is refused with a fetch option: that fetch sends, and has no agents", () => {
    expect(create({ token: "t", agent: new HttpsAgent(), fetch: globalThis.fetch })).toThrow(
      /options\.agent is for Node's own HTTP client: requests here go through (options\.)?fetch, which has no agents/,
    );
  });

  it(
    fetchPath
      ? "is refused on the fetch path, where no sender takes it"
      : "sends every request through the agent given, instead of the client's own",
    async () => {
      const { url, count } = await serve((_request, response) => json(response, 200, { items: [], count: 0 }));
      const agent = new HttpAgent({ keepAlive: false });
      if (fetchPath) {
        expect(create({ token: TOKEN, baseUrl: url, agent })).toThrow(
          "options.agent is for Node's own HTTP client: requests here go through fetch, which has no agents",
        );
        return;
      }
      const created: string[] = [];
      const make = agent.createConnection.bind(agent);
      agent.createConnection = ((options: object, callback: never) => (
        created.push("socket"), make(options as never, callback)
      )) as typeof agent.createConnection;
      const client = createAccessTokensClient({ token: TOKEN, baseUrl: url, agent });
      await client.GET("/access-tokens");
      await client.GET("/access-tokens");
      expect([created.length, count.GET]).toEqual([2, 2]);
    },
  );
});

describe("options.headers", () => {
  it.each([
    ["a record", { "X-Trace": "1" }],
    ["a Headers object", new Headers({ "X-Trace": "1" })],
    ["pairs", [["X-Trace", "1"]]],
  ] as [string, HeadersInit][])("are sent on every request, given as %s", async (_form, headers) => {
    const { client, sent } = recording({ headers });
    await client.GET("/access-tokens");
    expect(sent[0]?.headers.get("x-trace")).toBe("1");
  });

  it.each([
    ["a line feed in a value", { "X-Trace": "a\nb" }],
    ["a carriage return in a value", { "X-Trace": "a\r\nInjected: 1" }],
    ["a NUL in a value", { "X-Trace": "a\u0000b" }],
    ["a character above U+00FF in a value", { "X-Trace": "a€" }],
    ["a space in a name", { "X Trace": "1" }],
    ["a colon in a name", { "X-Trace:": "1" }],
    ["a line break in a name", [["X-Trace\r\n", "1"]]],
    ["a pair of three", [["X-Trace", "1", "2"]]],
    ["a pair of one", [["X-Trace"]]],
    ["a Headers-like object that is not", "X-Trace: 1"],
  ] as [string, HeadersInit][])("refuse %s at creation", (_what, headers) => {
    expect(create({ token: "t", headers })).toThrow(/options\.headers has a header no request can carry/);
  });

  it.each([
    { authorization: "Bearer x" },
    { AUTHORIZATION: "Bearer x" },
    new Headers({ Authorization: "Bearer x" }),
    [["Authorization", "Bearer x"]],
  ] as HeadersInit[])("refuse an Authorization header, in any form (%o)", (headers) => {
    expect(create({ token: "t", headers })).toThrow(/must not set Authorization: use options\.token/);
  });

  it("send Accept: application/json and Accept-Version, the spec's API version, by default", async () => {
    const { client, sent } = recording();
    await client.GET("/access-tokens");
    expect(sent[0]?.headers.get("accept")).toBe("application/json");
    expect(sent[0]?.headers.get("accept-version")).toBe(`^${API_VERSION}`);
    expect(API_VERSION).toBe((loadSpec() as unknown as { info: { version: string } }).info.version);
  });

  it("can replace Accept-Version, as Losant's own client allows", async () => {
    const { client, sent } = recording({ headers: { "Accept-Version": "^1.25.0" } });
    await client.GET("/access-tokens");
    expect(sent[0]?.headers.get("accept-version")).toBe("^1.25.0");
  });
});

describe("numeric options", () => {
  it.each([
    [{ timeoutMs: 0 }, "options.timeoutMs must be a whole number from 1 to 2147483647, got number 0"],
    [{ timeoutMs: 2 ** 31 }, "options.timeoutMs must be a whole number from 1 to 2147483647, got number 2147483648"],
    [{ timeoutMs: Number.NaN }, "options.timeoutMs must be a whole number from 1 to 2147483647, got number NaN"],
    [
      { timeoutMs: Number.POSITIVE_INFINITY },
      "options.timeoutMs must be a whole number from 1 to 2147483647, got number Infinity",
    ],
    [{ retryMaxDelayMs: "9" }, "options.retryMaxDelayMs must be a whole number from 0 to 2147483647, got string 9"],
    [
      { retryBaseDelayMs: 2 ** 31 },
      "options.retryBaseDelayMs must be a whole number from 0 to 2147483647, got number 2147483648",
    ],
    [{ retries: -1 }, "options.retries must be a whole number from 0 to 10, got number -1"],
    [{ retries: 11 }, "options.retries must be a whole number from 0 to 10, got number 11"],
    [{ retries: 1.5 }, "options.retries must be a whole number from 0 to 10, got number 1.5"],
    [
      { maxResponseBytes: 0 },
      "options.maxResponseBytes must be a whole number from 1 to 9007199254740991, got number 0",
    ],
  ])("refuse %o", (extra, message) => {
    expect(create({ token: "t", ...(extra as object) })).toThrow(`losant-access-tokens: ${message}`);
  });

  it.each([
    { timeoutMs: 2 ** 31 - 1 },
    { retries: 10 },
    { retries: 0 },
    { retryBaseDelayMs: 0 },
    { maxResponseBytes: 1 },
  ])("accept the bounds %o", (extra) => {
    expect(create({ token: "t", ...extra })).not.toThrow();
  });

  it("refuse a fetch that is not a function", () => {
    expect(create({ token: "t", fetch: "fetch" as never })).toThrow(
      "losant-access-tokens: options.fetch must be a function",
    );
  });
});

describe("per-call options of the typed client", () => {
  it.each(["baseUrl", "pathSerializer"])(
    "refuse a per-call %s, which would escape the client's checks",
    async (name) => {
      const { client, sent } = recording();
      const init = { [name]: name === "baseUrl" ? "http://evil.example" : () => "/.." } as never;
      await expect(client.GET("/access-tokens", init)).rejects.toThrow(
        /a per-call baseUrl or pathSerializer would escape the checks/,
      );
      await expect(client.request("get", "/access-tokens", init)).rejects.toThrow(TypeError);
      expect(sent).toEqual([]);
    },
  );

  it.each(["PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"])(
    "refuse a per-call baseUrl on %s too, whether or not the spec has such an operation",
    async (method) => {
      const { client, sent } = recording();
      const call = (client as unknown as Record<string, (path: string, init: object) => Promise<unknown>>)[method];
      await expect(call?.("/access-tokens", { baseUrl: "http://evil.example" })).rejects.toThrow(
        /^losant-access-tokens: a per-call baseUrl or pathSerializer would /,
      );
      expect(sent).toEqual([]);
    },
  );

  it("send a per-call fetch's requests through the client's timeout and retries", async () => {
    const { url, count } = await serve((_request, response, attempt) =>
      attempt === 1 ? json(response, 503, {}) : json(response, 200, { items: [], count: 0 }),
    );
    const client = createAccessTokensClient({ token: TOKEN, baseUrl: "http://127.0.0.1:9", retryBaseDelayMs: 1 });
    let calls = 0;
    const perCall = (request: Request) => (
      (calls += 1),
      fetch(request.url.replace("http://127.0.0.1:9", url), { headers: request.headers, signal: request.signal })
    );
    const { data } = await client.GET("/access-tokens", { fetch: perCall });
    expect(data).toEqual({ items: [], count: 0 });
    expect([calls, count.GET]).toEqual([2, 2]);
  });

  it("end a per-call fetch that never answers with the client's timeout", async () => {
    const client = createAccessTokensClient({ token: TOKEN, timeoutMs: 50, retries: 0 });
    const error = await rejection(
      client.GET("/access-tokens", { fetch: () => new Promise<Response>(() => undefined) }),
    );
    expect(error).toMatchObject({ name: "LosantConnectionError", reason: "timeout", attempts: 1 });
  });
});
