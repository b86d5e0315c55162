import { getEventListeners } from "node:events";
import { Agent } from "undici";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createAccessTokensApi,
  createAccessTokensClient,
  createUserTokensApi,
  LosantApiError,
  LosantConnectionError,
  type ClientOptions,
} from "../src/index.js";
import { json, rejection, serve, type Handler } from "./support/fault-server.js";
import { ID, TOKEN } from "./support/clients.js";
import { freePort } from "./support/ports.js";

const LIST_BODY = { items: [], count: 0 };
const NOT_FOUND = { type: "NotFound", message: "API token was not found" };
// Tiny waits keep the file quick; the rules are the same as with the defaults (the retry-policy table
// checks the defaults' numbers).
const fast: Partial<ClientOptions> = { retryBaseDelayMs: 1, retryMaxDelayMs: 2, timeoutMs: 2_000 };
const options = (url: string, extra: Partial<ClientOptions> = {}): ClientOptions => ({
  token: TOKEN,
  baseUrl: url,
  ...fast,
  ...extra,
});
const apiFor = (url: string, extra: Partial<ClientOptions> = {}) => createAccessTokensApi(options(url, extra));
const clientFor = (url: string, extra: Partial<ClientOptions> = {}) => createAccessTokensClient(options(url, extra));

/** Lets real I/O run (fake timers stand still) until the condition holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn += 1) {
    if (turn > 100_000) throw new Error("the condition never held");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Fakes the timers and records every delay a timer is set for. */
function fakeTimers(): number[] {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  const delays: number[] = [];
  const fake = globalThis.setTimeout;
  vi.spyOn(globalThis, "setTimeout").mockImplementation(((callback: () => void, ms?: number) => {
    delays.push(ms ?? 0);
    return fake(callback, ms);
  }) as typeof setTimeout);
  return delays;
}
afterEach(() => {
  // In this order: the setTimeout spy wraps the fake, which useRealTimers then replaces.
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("a refused connection", () => {
  it("is retried for GET, then rejects with LosantConnectionError(network) after every attempt", async () => {
    const port = await freePort();
    let attempts = 0;
    const api = apiFor(`http://127.0.0.1:${port}`, { fetch: (request) => ((attempts += 1), fetch(request)) });
    const error = await rejection(api.list());
    expect(error).toBeInstanceOf(LosantConnectionError);
    expect(error).toMatchObject({
      reason: "network",
      attempts: 3,
      method: "GET",
      path: "/access-tokens",
      mayHaveSucceeded: false,
    });
    expect((error as Error).cause).toMatchObject({ code: "ECONNREFUSED" });
    expect((error as Error).message).toBe("Losant API request failed: ECONNREFUSED, attempts: 3 (GET /access-tokens)");
    expect(attempts).toBe(3);
  });

  it("is retried for POST too, because nothing was sent, and succeeds when the server comes up", async () => {
    const port = await freePort();
    let attempts = 0;
    let upUrl = "";
    const api = apiFor(`http://127.0.0.1:${port}`, {
      fetch: async (request) => {
        attempts += 1;
        if (attempts === 2)
          upUrl = (await serve((_request, response) => json(response, 201, { name: "made once" }))).url;
        return fetch(upUrl ? new Request(request.url.replace(`http://127.0.0.1:${port}`, upUrl), request) : request);
      },
    });
    expect(await api.create({ name: "made once" })).toEqual({ name: "made once" });
    expect(attempts).toBe(2);
  });

  it("says that a POST refused on every attempt did not take effect", async () => {
    const error = await rejection(apiFor(`http://127.0.0.1:${await freePort()}`).create({ name: "n" }));
    expect(error).toMatchObject({ reason: "network", attempts: 3, mayHaveSucceeded: false });
  });

  it("is not retried when retries is 0", async () => {
    const error = await rejection(apiFor(`http://127.0.0.1:${await freePort()}`, { retries: 0 }).list());
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
      attempt === 1 ? resetMidBody(request, response, attempt) : json(response, 200, LIST_BODY),
    );
    expect(await apiFor(url).list()).toEqual(LIST_BODY);
    expect(count.GET).toBe(2);
  });

  it("in the middle of a DELETE body is retried too", async () => {
    const { url, count } = await serve((request, response, attempt) =>
      attempt === 1 ? resetMidBody(request, response, attempt) : json(response, 200, { success: true }),
    );
    expect(await apiFor(url).delete(ID)).toEqual({ success: true });
    expect(count.DELETE).toBe(2);
  });

  it("in the middle of a POST body is never sent twice, and says the token may have been created, with the status it got", async () => {
    const { url, count } = await serve((_request, response) => {
      response.writeHead(201, { "content-type": "application/json", "content-length": "500" });
      response.write('{"id":"575ec74');
      setTimeout(() => response.socket?.destroy(), 10);
    });
    const error = await rejection(apiFor(url).create({ name: "only once" }));
    expect(error).toMatchObject({
      name: "LosantConnectionError",
      reason: "network",
      attempts: 1,
      method: "POST",
      status: 201,
      mayHaveSucceeded: true,
    });
    expect((error as Error).message).toMatch(
      /^Losant API request failed after status 201: .*; it may have taken effect \(POST \/access-tokens\)$/,
    );
    expect(count.POST).toBe(1);
  });

  it("of every GET rejects after three attempts", async () => {
    const { url, count } = await serve(resetMidBody);
    const error = await rejection(apiFor(url).get(ID));
    expect(error).toMatchObject({ reason: "network", attempts: 3, status: 200, mayHaveSucceeded: false });
    expect(count.GET).toBe(3);
  });
});

describe("timeouts", () => {
  it("cover the body: headers then a stalled body time out", async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"items":');
    });
    // Long enough for the headers to arrive on a busy machine (mutation testing runs beside other work).
    const error = await rejection(apiFor(url, { timeoutMs: 1_000, retries: 0 }).list());
    expect(error).toBeInstanceOf(LosantConnectionError);
    expect(error).toMatchObject({ reason: "timeout", attempts: 1, status: 200 });
    expect((error as Error).message).toBe(
      "Losant API request timed out after 1000 ms after status 200, attempts: 1 (GET /access-tokens)",
    );
    expect((error as Error).cause).toMatchObject({ name: "TimeoutError", message: "timed out after 1000 ms" });
  });

  it("count per attempt, not per call: a server that never answers gets three full attempts", async () => {
    const { url, count } = await serve(() => undefined);
    const started = Date.now();
    const error = await rejection(apiFor(url, { timeoutMs: 100 }).get(ID));
    expect(error).toMatchObject({ name: "LosantConnectionError", reason: "timeout", attempts: 3 });
    expect(count.GET).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 100 - 20);
  });

  it("are not retried for PATCH: the update is never sent twice, and may have been made", async () => {
    const { url, count } = await serve(() => undefined);
    const error = await rejection(apiFor(url, { timeoutMs: 100 }).update(ID, { status: "inactive" }));
    expect(error).toMatchObject({ reason: "timeout", attempts: 1, method: "PATCH", mayHaveSucceeded: true });
    expect(count.PATCH).toBe(1);
  });
});

describe("a caller's AbortSignal", () => {
  it("aborts during a request, rejects with the caller's reason, and is not retried", async () => {
    const { url, count } = await serve(() => undefined);
    const controller = new AbortController();
    const call = rejection(apiFor(url).list({ signal: controller.signal }));
    await until(() => count.total === 1);
    controller.abort(new Error("caller gave up"));
    const error = await call;
    expect(error).toEqual(new Error("caller gave up"));
    expect(error).not.toBeInstanceOf(LosantConnectionError);
    expect(count.GET).toBe(1);
  });

  it("aborts during a backoff wait, at once, without another attempt and without a timer or listener left", async () => {
    // An in-memory fetch: the only timers are the transport's own, whichever tests ran before.
    let attempts = 0;
    const busy = async () => (
      (attempts += 1), Response.json({ message: "busy" }, { status: 503, headers: { "retry-after": "30" } })
    );
    const api = apiFor("http://127.0.0.1:9", { fetch: busy });
    // The transport listens on the request's signal, which follows the caller's.
    const sent: Request[] = [];
    api.client.use({ onRequest: ({ request }) => void sent.push(request) });
    const delays = fakeTimers();
    const controller = new AbortController();
    const call = rejection(api.list({ signal: controller.signal }));
    await until(() => delays.includes(30_000));
    controller.abort();
    expect(((await call) as Error).name).toBe("AbortError");
    expect(attempts).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(sent).toHaveLength(1);
    for (const request of sent) expect(getEventListeners(request.signal, "abort")).toEqual([]);
  });

  it("that is already aborted sends nothing, whichever facade method is called", async () => {
    const { url, count } = await serve((_request, response) => json(response, 200, LIST_BODY));
    const signal = AbortSignal.abort();
    const api = apiFor(url);
    const users = createUserTokensApi(options(url));
    const calls = [
      () => api.list({ signal }),
      () => api.create({ name: "n" }, { signal }),
      () => api.get(ID, { signal }),
      () => api.update(ID, { name: "n" }, { signal }),
      () => api.delete(ID, { signal }),
      () => users.list({ perPage: 10 }, { signal }),
    ];
    for (const call of calls) expect(((await rejection(call())) as Error).name).toBe("AbortError");
    expect(count.total).toBe(0);
  });

  it("keeps no listener and no timer once a call has ended, however it ended", async () => {
    // An in-memory fetch: the only timers are the transport's own.
    let calls = 0;
    const answers = (request: Request) => {
      calls += 1;
      if (request.url.endsWith("/hang")) return new Promise<Response>(() => undefined);
      return Promise.resolve(
        calls % 2 ? Response.json({ message: "busy" }, { status: 503 }) : Response.json(LIST_BODY),
      );
    };
    const client = clientFor("http://127.0.0.1:9", { retries: 1, timeoutMs: 50, fetch: answers });
    // The transport listens on each request's signal, which follows the caller's.
    const sent: Request[] = [];
    client.use({ onRequest: ({ request }) => void sent.push(request) });
    const { signal } = new AbortController();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });
    await client.GET("/access-tokens", { signal });
    await client.GET("/access-tokens", { signal, parseAs: "text" });
    await rejection(client.request("get", "/hang" as "/access-tokens", { signal }));
    expect(vi.getTimerCount()).toBe(0);
    expect(sent).toHaveLength(3);
    for (const request of sent) expect(getEventListeners(request.signal, "abort")).toEqual([]);
  });
});

describe("429 Too Many Requests", () => {
  const limited =
    (retryAfter: string | undefined): Handler =>
    (_request, response, attempt) =>
      attempt === 1
        ? json(
            response,
            429,
            { type: "RateLimited", message: "slow down" },
            retryAfter === undefined ? {} : { "retry-after": retryAfter },
          )
        : json(response, 200, LIST_BODY);

  it("with Retry-After: 1 waits exactly a second, then retries", async () => {
    const { url, count } = await serve(limited("1"));
    const delays = fakeTimers();
    const call = apiFor(url).list();
    await until(() => delays.includes(1_000));
    await vi.advanceTimersByTimeAsync(999);
    expect(count.GET).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toEqual(LIST_BODY);
    expect(count.GET).toBe(2);
  });

  it("with Retry-After as an HTTP date in the past retries at once", async () => {
    const { url, count } = await serve(limited(new Date(Date.now() - 5_000).toUTCString()));
    expect(await apiFor(url, { retryBaseDelayMs: 60_000, retryMaxDelayMs: 60_000 }).list()).toEqual(LIST_BODY);
    expect(count.GET).toBe(2);
  });

  it("without Retry-After backs off and retries", async () => {
    const { url, count } = await serve(limited(undefined));
    expect(await apiFor(url).list()).toEqual(LIST_BODY);
    expect(count.GET).toBe(2);
  });

  it("with Retry-After above 60 s fails at once with the 429", async () => {
    const { url, count } = await serve(limited("120"));
    const error = await rejection(apiFor(url).list());
    expect(error).toBeInstanceOf(LosantApiError);
    expect(error).toMatchObject({ status: 429, type: "RateLimited", apiMessage: "slow down" });
    expect(count.GET).toBe(1);
  });

  it("on POST is not retried", async () => {
    const { url, count } = await serve(limited("0"));
    await expect(apiFor(url).create({ name: "n" })).rejects.toMatchObject({ status: 429, mayHaveSucceeded: false });
    expect(count.POST).toBe(1);
  });
});

describe("backoff", () => {
  it("waits longer after each failure, up to retryMaxDelayMs (random at its top)", async () => {
    const { url, count } = await serve((_request, response) => json(response, 503, { message: "busy" }));
    vi.spyOn(Math, "random").mockReturnValue(1);
    const delays = fakeTimers();
    const call = rejection(apiFor(url, { retries: 4, retryBaseDelayMs: 100, retryMaxDelayMs: 300 }).list());
    for (const [attempt, wait] of [
      [1, 100],
      [2, 200],
      [3, 300],
      [4, 300],
    ] as const) {
      await until(() => count.GET === attempt && delays.filter((ms) => ms === wait).length >= (attempt === 4 ? 2 : 1));
      await vi.advanceTimersByTimeAsync(wait);
    }
    expect(await call).toMatchObject({ status: 503 });
    expect(count.GET).toBe(5);
  });
});

describe("5xx answers", () => {
  it.each([502, 503, 504])("%i is retried for GET and DELETE", async (status) => {
    const { url, count } = await serve((_request, response) => json(response, status, { message: "down" }));
    await expect(apiFor(url).list()).rejects.toMatchObject({ status });
    await expect(apiFor(url).delete(ID)).rejects.toMatchObject({ status });
    expect(count).toMatchObject({ GET: 3, DELETE: 3 });
  });

  it("500 is not retried", async () => {
    const { url, count } = await serve((_request, response) => json(response, 500, { message: "bug" }));
    await expect(apiFor(url).list()).rejects.toMatchObject({ status: 500 });
    expect(count.GET).toBe(1);
  });

  it("POST and PATCH on 502, 503 and 504 are each sent once", async () => {
    for (const status of [502, 503, 504]) {
      const { url, count } = await serve((_request, response) => json(response, status, { message: "busy" }));
      await expect(apiFor(url).create({ name: "n" })).rejects.toMatchObject({ status });
      await expect(apiFor(url).update(ID, { name: "n" })).rejects.toMatchObject({ status });
      expect(count).toMatchObject({ POST: 1, PATCH: 1, total: 2 });
    }
  });
});

describe("never retried", () => {
  it.each([400, 401, 403, 404, 409, 422])("%i", async (status) => {
    const { url, count } = await serve((_request, response) => json(response, status, { type: "X", message: "no" }));
    await expect(apiFor(url).delete(ID)).rejects.toMatchObject({ status, mayHaveSucceeded: false });
    expect(count.DELETE).toBe(1);
  });
});

describe("a retried DELETE", () => {
  it("that meets 404 after an attempt that may have deleted the token says so, in both styles", async () => {
    const { url, count } = await serve((_request, response, attempt) =>
      attempt % 2 ? json(response, 502, { message: "bad gateway" }) : json(response, 404, NOT_FOUND),
    );
    const error = await rejection(apiFor(url).delete(ID));
    expect(error).toBeInstanceOf(LosantApiError);
    expect(error).toMatchObject({ status: 404, type: "NotFound", mayHaveSucceeded: true });
    expect((error as Error).message).toBe(
      `Losant API 404 NotFound: API token was not found; it may have taken effect (DELETE /access-tokens/${ID})`,
    );
    const typed = await rejection(
      clientFor(url).DELETE("/access-tokens/{accessTokenId}", { params: { path: { accessTokenId: ID } } }),
    );
    expect(typed).toMatchObject({ status: 404, mayHaveSucceeded: true });
    expect(count.DELETE).toBe(4);
  });

  it("that meets 404 when every earlier attempt was refused is a plain not found", async () => {
    const { url } = await serve((_request, response) => json(response, 404, NOT_FOUND));
    let attempts = 0;
    const refusedFirst = (request: Request) =>
      (attempts += 1) === 1
        ? Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }))
        : fetch(request);
    const error = await rejection(apiFor(url, { fetch: refusedFirst }).delete(ID));
    expect(error).toMatchObject({ status: 404, mayHaveSucceeded: false });
    expect(attempts).toBe(2);
  });

  it("that meets 404 after a 429 is a plain not found: the API did nothing with a request it rate-limited", async () => {
    const { url, count } = await serve((_request, response, attempt) =>
      attempt === 1
        ? json(response, 429, { type: "RateLimited", message: "slow down" }, { "retry-after": "0" })
        : json(response, 404, NOT_FOUND),
    );
    expect(await rejection(apiFor(url).delete(ID))).toMatchObject({
      status: 404,
      type: "NotFound",
      mayHaveSucceeded: false,
    });
    expect(count.DELETE).toBe(2);
  });

  it("that meets 404 after a connection reset says that it may have taken effect", async () => {
    const { url, count } = await serve((request, response, attempt) =>
      attempt === 1 ? request.socket.destroy() : json(response, 404, NOT_FOUND),
    );
    expect(await rejection(apiFor(url).delete(ID))).toMatchObject({ status: 404, mayHaveSucceeded: true });
    expect(count.DELETE).toBe(2);
  });

  it("that ends in 502 says that it may have taken effect, in both styles: the first 502 may have come after the delete", async () => {
    const { url, count } = await serve((_request, response) =>
      json(response, 502, { type: "BadGateway", message: "bad gateway" }),
    );
    const typed = await rejection(
      clientFor(url).DELETE("/access-tokens/{accessTokenId}", { params: { path: { accessTokenId: ID } } }),
    );
    expect(typed).toMatchObject({ status: 502, type: "BadGateway", mayHaveSucceeded: true });
    expect(await rejection(apiFor(url).delete(ID))).toMatchObject({ status: 502, mayHaveSucceeded: true });
    expect(count.DELETE).toBe(6);
  });

  it("that ends in 502 on its only attempt is the API's error: nothing was sent before it", async () => {
    const { url } = await serve((_request, response) =>
      json(response, 502, { type: "BadGateway", message: "bad gateway" }),
    );
    const { error } = await clientFor(url, { retries: 0 }).DELETE("/access-tokens/{accessTokenId}", {
      params: { path: { accessTokenId: ID } },
    });
    expect(error).toEqual({ type: "BadGateway", message: "bad gateway" });
  });
});

describe("a retried GET", () => {
  it("that meets 404 is a plain not found, in both styles: a GET changes nothing", async () => {
    const { url, count } = await serve((_request, response, attempt) =>
      attempt % 2 ? json(response, 503, { message: "busy" }) : json(response, 404, NOT_FOUND),
    );
    expect(await rejection(apiFor(url).get(ID))).toMatchObject({
      status: 404,
      type: "NotFound",
      mayHaveSucceeded: false,
    });
    const { error } = await clientFor(url).GET("/access-tokens/{accessTokenId}", {
      params: { path: { accessTokenId: ID } },
    });
    expect(error).toEqual(NOT_FOUND);
    expect(count.GET).toBe(4);
  });
});

describe("the console", () => {
  it("gets nothing from the client, on success, on errors and on retries", async () => {
    const methods = ["log", "info", "warn", "error", "debug", "trace"] as const;
    const spies = methods.map((method) => vi.spyOn(console, method).mockImplementation(() => undefined));
    const { url } = await serve((_request, response, attempt) =>
      attempt === 1 ? json(response, 503, { message: "busy" }) : json(response, attempt === 2 ? 200 : 500, LIST_BODY),
    );
    await apiFor(url).list();
    await rejection(apiFor(url, { retries: 0 }).list());
    await rejection(apiFor(`http://127.0.0.1:${await freePort()}`, { retries: 1 }).list());
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
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
