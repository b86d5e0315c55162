import { inspect } from "node:util";
import { Agent } from "undici";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createAccessTokensApi,
  createAccessTokensClient,
  LosantApiError,
  LosantConnectionError,
  type ClientOptions,
} from "../src/index.js";
import { faultServer, json, type FaultServer, type Handler } from "./support/fault-server.js";
import { freePort } from "../scripts/prism.mjs";

const TOKEN = "s3cr3t-token-that-must-never-leak";
const ID = "575ec7417ae143cd83dc4a95";
const TOKEN_BODY = { items: [], count: 0 };
// Fast backoff keeps the suite quick; the rules tested are the same as with the defaults.
const fast: Partial<ClientOptions> = { retryBaseDelayMs: 5, retryMaxDelayMs: 20, timeoutMs: 2_000 };

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler): Promise<FaultServer> {
  server = await faultServer(handler);
  return server;
}
const options = (url: string, extra: Partial<ClientOptions> = {}): ClientOptions => ({ token: TOKEN, baseUrl: url, ...fast, ...extra });
const apiFor = (url: string, extra: Partial<ClientOptions> = {}) => createAccessTokensApi(options(url, extra));
const clientFor = (url: string, extra: Partial<ClientOptions> = {}) => createAccessTokensClient(options(url, extra));
const caught = (promise: Promise<unknown>) => promise.then(
  (value) => {
    throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
  },
  (error: unknown) => error,
);

/** Every form an error can be printed or logged in. */
const renderings = (error: unknown) => {
  const value = error as Error;
  return [value.message, String(value.stack), String(value), JSON.stringify(value), inspect(value, { depth: 10 })];
};

describe("a refused connection", () => {
  it("is retried for GET, then rejects with LosantConnectionError(network) after every attempt", async () => {
    const port = await freePort();
    let attempts = 0;
    const api = apiFor(`http://127.0.0.1:${port}`, { fetch: (request) => ((attempts += 1), fetch(request)) });
    const error = await caught(api.list());
    expect(error).toBeInstanceOf(LosantConnectionError);
    expect(error).toMatchObject({ name: "LosantConnectionError", reason: "network", attempts: 3, method: "GET", path: "/access-tokens" });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect(attempts).toBe(3);
  });

  it("is retried for POST too, because nothing was sent, and succeeds when the server comes up", async () => {
    const port = await freePort();
    let attempts = 0;
    let up: FaultServer | undefined;
    const api = apiFor(`http://127.0.0.1:${port}`, {
      fetch: async (request) => {
        attempts += 1;
        if (attempts === 2) up = await faultServer((_request, response) => json(response, 201, { name: "made once" }));
        return fetch(up ? new Request(request.url.replace(String(port), new URL(up.url).port), request) : request);
      },
    });
    try {
      expect(await api.create({ name: "made once" })).toEqual({ name: "made once" });
      expect(attempts).toBe(2);
      expect(up?.count.POST).toBe(1);
    } finally {
      await up?.close();
    }
  });

  it("is not retried when retries is 0", async () => {
    const port = await freePort();
    const error = await caught(apiFor(`http://127.0.0.1:${port}`, { retries: 0 }).list());
    expect(error).toMatchObject({ reason: "network", attempts: 1 });
  });
});

describe("a connection reset", () => {
  const resetMidBody: Handler = (_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": "500" });
    response.write('{"items":[{"id":"575ec74');
    setTimeout(() => response.socket?.destroy(), 10);
  };

  it("in the middle of a GET body is retried, and the retry's answer is returned", async () => {
    const { url, count } = await serve((request, response, attempt) =>
      attempt === 1 ? resetMidBody(request, response, attempt) : json(response, 200, TOKEN_BODY),
    );
    expect(await apiFor(url).list()).toEqual(TOKEN_BODY);
    expect(count.GET).toBe(2);
  });

  it("in the middle of a POST body rejects with LosantConnectionError(network) and is never sent twice", async () => {
    const { url, count } = await serve(resetMidBody);
    const error = await caught(apiFor(url).create({ name: "only once" }));
    expect(error).toMatchObject({ name: "LosantConnectionError", reason: "network", attempts: 1, method: "POST" });
    expect(count.POST).toBe(1);
  });

  it("of every GET rejects after three attempts", async () => {
    const { url, count } = await serve(resetMidBody);
    const error = await caught(apiFor(url).get(ID));
    expect(error).toMatchObject({ reason: "network", attempts: 3 });
    expect(count.GET).toBe(3);
  });
});

describe("timeouts", () => {
  it("cover the body: headers then a stalled body time out", async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"items":');
    });
    const error = await caught(apiFor(url, { timeoutMs: 150, retries: 0 }).list());
    expect(error).toBeInstanceOf(LosantConnectionError);
    expect(error).toMatchObject({ reason: "timeout", attempts: 1 });
    expect((error as Error).message).toContain("timed out after 150 ms");
    expect((error as Error).cause).toMatchObject({ name: "TimeoutError" });
  });

  it("count per attempt, not per client: a server that never answers gets three full attempts", async () => {
    const { url, count } = await serve(() => undefined);
    const started = Date.now();
    const error = await caught(apiFor(url, { timeoutMs: 150 }).get(ID));
    expect(error).toMatchObject({ name: "LosantConnectionError", reason: "timeout", attempts: 3 });
    expect(count.GET).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 150 - 20);
  });

  it("are not retried for PATCH: the update is never sent twice", async () => {
    const { url, count } = await serve(() => undefined);
    const error = await caught(apiFor(url, { timeoutMs: 150 }).update(ID, { status: "inactive" }));
    expect(error).toMatchObject({ reason: "timeout", attempts: 1, method: "PATCH" });
    expect(count.PATCH).toBe(1);
  });
});

describe("a caller's AbortSignal", () => {
  it("aborts during a request, rejects with the caller's reason, and is not retried", async () => {
    const { url, count } = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("caller gave up")), 100);
    const error = await caught(apiFor(url).list({ signal: controller.signal }));
    expect(error).toEqual(new Error("caller gave up"));
    expect(error).not.toBeInstanceOf(LosantConnectionError);
    expect(count.GET).toBe(1);
  });

  it("aborts during a backoff wait, at once, without another attempt", async () => {
    const { url, count } = await serve((_request, response) => json(response, 503, { type: "Unavailable", message: "busy" }));
    const controller = new AbortController();
    const started = Date.now();
    const call = caught(
      clientFor(url, { retryBaseDelayMs: 20_000, retryMaxDelayMs: 20_000 }).GET("/access-tokens", { signal: controller.signal }),
    );
    while (count.total < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    setTimeout(() => controller.abort(), 20);
    const error = await call;
    expect((error as Error).name).toBe("AbortError");
    expect(count.GET).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("that is already aborted sends nothing", async () => {
    const { url, count } = await serve((_request, response) => json(response, 200, TOKEN_BODY));
    const error = await caught(apiFor(url).list({ signal: AbortSignal.abort() }));
    expect((error as Error).name).toBe("AbortError");
    expect(count.total).toBe(0);
  });
});

describe("429 Too Many Requests", () => {
  const limited = (retryAfter: (() => string) | undefined): Handler => (_request, response, attempt) =>
    attempt === 1
      ? json(response, 429, { type: "RateLimited", message: "slow down" }, retryAfter ? { "retry-after": retryAfter() } : {})
      : json(response, 200, TOKEN_BODY);

  it("with Retry-After: 1 waits a second, then retries", async () => {
    const { url, count } = await serve(limited(() => "1"));
    const started = Date.now();
    expect(await apiFor(url).list()).toEqual(TOKEN_BODY);
    expect(count.GET).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("with Retry-After as an HTTP date waits until then, then retries", async () => {
    const { url, count } = await serve(limited(() => new Date(Date.now() + 2_000).toUTCString()));
    const started = Date.now();
    expect(await apiFor(url).list()).toEqual(TOKEN_BODY);
    expect(count.GET).toBe(2);
    // HTTP dates have whole seconds: the wait is between one and two seconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("without Retry-After backs off and retries", async () => {
    const { url, count } = await serve(limited(undefined));
    expect(await apiFor(url).list()).toEqual(TOKEN_BODY);
    expect(count.GET).toBe(2);
  });

  it("with Retry-After above 60 s fails at once with the 429", async () => {
    const { url, count } = await serve(limited(() => "120"));
    const error = await caught(apiFor(url).list());
    expect(error).toBeInstanceOf(LosantApiError);
    expect(error).toMatchObject({ status: 429, type: "RateLimited", apiMessage: "slow down" });
    expect(count.GET).toBe(1);
  });

  it("on POST is not retried", async () => {
    const { url, count } = await serve(limited(() => "0"));
    await expect(apiFor(url).create({ name: "n" })).rejects.toMatchObject({ status: 429 });
    expect(count.POST).toBe(1);
  });
});

describe("5xx answers that are not the API's JSON", () => {
  const bodies = [
    ["an HTML page", "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", /non-JSON body "<html><body><h1>502 Bad Gateway/],
    ["plain text", "text/plain", "Service Unavailable: upstream overloaded", /non-JSON body "Service Unavailable: upstream overloaded"/],
    ["an empty body", "text/plain", "", /with empty body/],
  ] as const;
  const cases = [500, 502, 503, 504].flatMap((status) => bodies.map(([what, type, body, excerpt]) => [status, what, type, body, excerpt] as const));

  it.each(cases)("%i with %s gives LosantApiError with the status and an excerpt, never a SyntaxError", async (status, _what, type, body, excerpt) => {
    const { url } = await serve((_request, response) => {
      response.writeHead(status, { "content-type": type });
      response.end(body);
    });
    const error = await caught(apiFor(url, { retries: 0 }).get(ID));
    expect(error).toBeInstanceOf(LosantApiError);
    expect(error).toMatchObject({ status, type: undefined, method: "GET", path: `/access-tokens/${ID}` });
    expect((error as Error).message).toMatch(excerpt);
    const { error: typed, response } = await clientFor(url, { retries: 0 }).GET("/access-tokens");
    expect(response.status).toBe(status);
    expect(typed?.message).toMatch(excerpt);
  });

  it("cuts a long body down to a short excerpt", async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(502, { "content-type": "text/html" });
      response.end(`<html>${"x".repeat(10_000)}</html>`);
    });
    const error = (await caught(apiFor(url, { retries: 0 }).list())) as Error;
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain("…");
  });

  it("502, 503 and 504 are retried for GET; 500 is not", async () => {
    for (const status of [500, 502, 503, 504]) {
      const { url, count } = await serve((_request, response) => json(response, status, { message: "down" }));
      await expect(apiFor(url).list()).rejects.toMatchObject({ status });
      expect(count.GET, `GET attempts on ${status}`).toBe(status === 500 ? 1 : 3);
      await server?.close();
    }
  });
});

describe("never retried", () => {
  it.each([400, 401, 403, 404, 422])("%i", async (status) => {
    const { url, count } = await serve((_request, response) => json(response, status, { type: "X", message: "no" }));
    await expect(apiFor(url).delete(ID)).rejects.toMatchObject({ status });
    expect(count.DELETE).toBe(1);
  });

  it("POST and PATCH on 502, 503 and 504: each is sent once", async () => {
    const { url, count } = await serve((_request, response) => json(response, 503, { message: "busy" }));
    await expect(apiFor(url).create({ name: "n" })).rejects.toMatchObject({ status: 503 });
    await expect(apiFor(url).update(ID, { name: "n" })).rejects.toMatchObject({ status: 503 });
    expect(count).toMatchObject({ POST: 1, PATCH: 1, total: 2 });
  });
});

describe("success answers", () => {
  it("200 with invalid JSON rejects with LosantApiError saying so, in both styles", async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end("{items: nope}");
    });
    const error = await caught(apiFor(url).list());
    expect(error).toBeInstanceOf(LosantApiError);
    expect((error as Error).message).toBe('Losant API 200: the response body is not valid JSON: "{items: nope}" (GET /access-tokens)');
    await expect(clientFor(url).GET("/access-tokens")).rejects.toBeInstanceOf(LosantApiError);
  });

  it("200 with truncated JSON rejects with LosantApiError saying so", async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"items":[{"id":"575ec7417ae143cd83dc4a95","na');
    });
    const error = await caught(apiFor(url).get(ID));
    expect(error).toMatchObject({ name: "LosantApiError", status: 200 });
    expect((error as Error).message).toContain("not valid JSON");
  });

  it.each([200, 204])("%i with an empty body is success for DELETE", async (status) => {
    const { url } = await serve((_request, response) => {
      response.writeHead(status);
      response.end();
    });
    expect(await apiFor(url).delete(ID)).toEqual({ success: true });
    const { data, error, response } = await clientFor(url).DELETE("/access-tokens/{accessTokenId}", { params: { path: { accessTokenId: ID } } });
    expect(response.status).toBe(status);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it("200 with an empty body is an error for GET, which promises an AccessToken", async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { "content-length": "0" });
      response.end();
    });
    await expect(apiFor(url).get(ID)).rejects.toThrow("the response body is empty, where JSON was expected");
  });
});

describe("a status the spec does not declare", () => {
  it("418 rejects the facade with LosantApiError and reaches the typed client as its error", async () => {
    const { url } = await serve((_request, response) => json(response, 418, { type: "Teapot", message: "short and stout" }));
    const error = await caught(apiFor(url).list());
    expect(error).toMatchObject({ name: "LosantApiError", status: 418, type: "Teapot", apiMessage: "short and stout" });
    const { error: typed } = await clientFor(url).GET("/access-tokens");
    expect(typed).toEqual({ type: "Teapot", message: "short and stout" });
  });
});

describe("token hygiene", () => {
  it("a 401 that echoes the Authorization header shows it as [REDACTED], in every rendering of the error", async () => {
    const { url } = await serve((request, response) =>
      json(response, 401, { type: "Unauthorized", message: `Invalid credentials: ${request.headers.authorization ?? ""}` }),
    );
    const error = await caught(apiFor(url).list());
    expect(error).toBeInstanceOf(LosantApiError);
    expect((error as LosantApiError).apiMessage).toBe("Invalid credentials: Bearer [REDACTED]");
    for (const text of renderings(error)) {
      expect(text).not.toContain(TOKEN);
    }
    expect(JSON.stringify(error)).toContain("[REDACTED]");
    const { error: typed } = await clientFor(url).GET("/access-tokens");
    expect(JSON.stringify(typed)).not.toContain(TOKEN);
  });

  it("an HTML error page that echoes the token is redacted too", async () => {
    const { url } = await serve((request, response) => {
      response.writeHead(502, { "content-type": "text/html" });
      response.end(`<pre>${request.headers.authorization ?? ""}</pre>`);
    });
    const error = await caught(apiFor(url, { retries: 0 }).list());
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
  });

  it("connection errors never carry the token", async () => {
    const port = await freePort();
    const error = await caught(apiFor(`http://127.0.0.1:${port}`, { retries: 0 }).list());
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
  });

  it("the token is sent in the Authorization header and nowhere else", async () => {
    let seen = "";
    const { url } = await serve((request, response) => {
      seen = JSON.stringify({ url: request.url, headers: { ...request.headers, authorization: undefined } });
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      json(response, 201, {});
    });
    await apiFor(url).create({ name: "n" });
    expect(seen).not.toContain(TOKEN);
    expect(server?.bodies.join("")).not.toContain(TOKEN);
  });
});

describe("the console", () => {
  it("gets nothing from the client, on success, on errors and on retries", async () => {
    const methods = ["log", "info", "warn", "error", "debug", "trace"] as const;
    const spies = methods.map((method) => vi.spyOn(console, method).mockImplementation(() => undefined));
    try {
      const { url } = await serve((_request, response, attempt) =>
        attempt === 1 ? json(response, 503, { message: "busy" }) : json(response, attempt === 2 ? 200 : 500, TOKEN_BODY),
      );
      await apiFor(url).list();
      await caught(apiFor(url, { retries: 0 }).list());
      await caught(apiFor(`http://127.0.0.1:${await freePort()}`, { retries: 1 }).list());
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe("connections", () => {
  it("100 consecutive failures on a one-connection agent complete without a hang", async () => {
    const { url, count } = await serve((_request, response) => {
      response.writeHead(503, { "content-type": "text/html" });
      response.end(`<html>${"busy ".repeat(2_000)}</html>`);
    });
    const dispatcher = new Agent({ connections: 1 });
    const api = apiFor(url, { retries: 1, fetch: (request) => fetch(request, { dispatcher } as RequestInit) });
    try {
      for (let i = 0; i < 50; i += 1) await expect(api.list()).rejects.toMatchObject({ status: 503 });
      expect(count.GET).toBe(100);
    } finally {
      await dispatcher.close();
    }
  });
});
