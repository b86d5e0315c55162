import { describe, expect, it } from "vitest";
import {
  createAccessTokensApi,
  createAccessTokensClient,
  LosantApiError,
  LosantConnectionError,
  type ClientOptions,
} from "../src/index.js";
import { rejection } from "./support/fault-server.js";
import { ID, TOKEN } from "./support/clients.js";

const never = () => new Promise<Response>(() => undefined);
/** A body that sends one chunk, then nothing, and ignores being cancelled. */
const stalledBody = () =>
  new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new TextEncoder().encode('{"items":')),
    cancel: () => never().then(() => undefined),
  });
const options = (fetch: ClientOptions["fetch"] & object, extra: Partial<ClientOptions> = {}): ClientOptions => ({
  token: TOKEN,
  fetch,
  retries: 0,
  timeoutMs: 50,
  ...extra,
});

describe("a custom fetch that ignores its signal", () => {
  it("and never answers is ended by the timeout, in both styles", async () => {
    await expect(createAccessTokensApi(options(never)).list()).rejects.toMatchObject({
      name: "LosantConnectionError",
      reason: "timeout",
      attempts: 1,
    });
    await expect(createAccessTokensClient(options(never)).GET("/access-tokens")).rejects.toBeInstanceOf(
      LosantConnectionError,
    );
  });

  it("and never answers is retried per attempt for GET, each attempt timed out", async () => {
    let attempts = 0;
    const error = await rejection(
      createAccessTokensApi(options(() => ((attempts += 1), never()), { retries: 2, retryBaseDelayMs: 1 })).get(ID),
    );
    expect(error).toMatchObject({ reason: "timeout", attempts: 3 });
    expect(attempts).toBe(3);
  });

  it("and never answers is ended at once by the caller's abort, with the caller's reason", async () => {
    const controller = new AbortController();
    const call = rejection(
      createAccessTokensApi(options(never, { timeoutMs: 60_000 })).list({ signal: controller.signal }),
    );
    setTimeout(() => controller.abort(new Error("caller gave up")), 10);
    expect(await call).toEqual(new Error("caller gave up"));
  });

  it("and stalls in the body is ended by the timeout, with the status it got", async () => {
    const stalled = async () => new Response(stalledBody(), { status: 200 });
    const error = await rejection(createAccessTokensApi(options(stalled)).list());
    expect(error).toMatchObject({ name: "LosantConnectionError", reason: "timeout", status: 200 });
  });

  it("and stalls in the body is ended by the caller's abort", async () => {
    const controller = new AbortController();
    const stalled = async () => new Response(stalledBody(), { status: 200 });
    const call = rejection(
      createAccessTokensApi(options(stalled, { timeoutMs: 60_000 })).list({ signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 10);
    expect(((await call) as Error).name).toBe("AbortError");
  });
});

describe("a custom fetch", () => {
  it("gets a Request of its own for each attempt, whose signal carries that attempt's timeout", async () => {
    const seen: Request[] = [];
    const error = await rejection(
      createAccessTokensApi(
        options((request) => (seen.push(request), never()), { retries: 1, retryBaseDelayMs: 1 }),
      ).get(ID),
    );
    expect(error).toMatchObject({ reason: "timeout", attempts: 2 });
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen.map((request) => [request.signal.aborted, (request.signal.reason as Error).name])).toEqual([
      [true, "TimeoutError"],
      [true, "TimeoutError"],
    ]);
  });

  it("that resolves with something other than a Response fails as a connection error", async () => {
    const odd = async () => ({ status: 200 }) as unknown as Response;
    await expect(createAccessTokensApi(options(odd)).list()).rejects.toMatchObject({
      name: "LosantConnectionError",
      reason: "network",
    });
  });

  it("that throws something other than an Error fails as a connection error, whose cause is a plain Error", async () => {
    for (const thrown of ["a string", 42, null, undefined, { code: "EWEIRD" }]) {
      const odd = () => Promise.reject(thrown);
      const error = await rejection(createAccessTokensApi(options(odd)).list());
      expect(error).toMatchObject({ name: "LosantConnectionError", reason: "network" });
      expect((error as Error).cause).toMatchObject({ name: "Error", message: "" });
    }
  });

  it("during whose call the caller aborts ends at once with the caller's reason", async () => {
    const controller = new AbortController();
    const aborting = () => (controller.abort(new Error("changed my mind")), never());
    const error = await rejection(
      createAccessTokensApi(options(aborting, { timeoutMs: 60_000 })).list({ signal: controller.signal }),
    );
    expect(error).toEqual(new Error("changed my mind"));
  });

  it("that rejects after the caller aborted during its call leaves no unhandled rejection behind", async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      const controller = new AbortController();
      const aborting = () => (
        controller.abort(new Error("changed my mind")), Promise.reject(new Error("the fetch gave up too"))
      );
      const error = await rejection(createAccessTokensApi(options(aborting)).list({ signal: controller.signal }));
      expect(error).toEqual(new Error("changed my mind"));
      // An unhandled rejection is reported after the microtasks of the task that made it.
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", record);
    }
  });

  it("that answers as a browser does to a redirect (an opaque redirect, status 0) fails saying it is not followed", async () => {
    const opaque = async () =>
      Object.defineProperties(new Response(null), { type: { value: "opaqueredirect" }, status: { value: 0 } });
    const error = await rejection(createAccessTokensApi(options(opaque)).list());
    expect(error).toBeInstanceOf(LosantApiError);
    expect((error as Error).message).toBe(
      "Losant API 0: the API answered with a redirect, which is not followed (GET /access-tokens)",
    );
  });

  it("that answers with a redirect has the redirect's body cancelled, so that nothing holds its connection", async () => {
    let cancelled = 0;
    const body = new ReadableStream<Uint8Array>({ cancel: () => void (cancelled += 1) });
    const redirect = async () =>
      new Response(body, { status: 302, headers: { location: "https://elsewhere.example/" } });
    const error = await rejection(createAccessTokensApi(options(redirect)).list());
    expect(error).toMatchObject({ name: "LosantApiError", status: 302 });
    expect(cancelled).toBe(1);
  });

  it("that answers with a status below 200, which only a polyfill's Response can hold, ends as LosantApiError", async () => {
    const early = async () =>
      Object.defineProperty(Response.json({ type: "Early", message: "too soon" }), "status", { value: 199 });
    for (const call of [
      () => createAccessTokensApi(options(early)).list(),
      () => createAccessTokensClient(options(early)).GET("/access-tokens"),
    ]) {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(LosantApiError);
      expect(error).toMatchObject({ status: 199, body: { type: "Early", message: "too soon" } });
    }
  });
});

describe("a failed fetch", () => {
  const failing = (error: unknown) => options(() => Promise.reject(error));
  /** An error whose cause chain has `length` links, the last one carrying `code`. */
  const chained = (length: number, code: string) => {
    let error: Error = Object.assign(new Error(`link ${length}`), { code });
    for (let link = length - 1; link >= 1; link -= 1) error = new Error(`link ${link}`, { cause: error });
    return error;
  };

  it("is reported by the innermost message of its cause chain, when no link has a code", async () => {
    const error = await rejection(
      createAccessTokensApi(failing(new TypeError("fetch failed", { cause: new Error("other side closed") }))).list(),
    );
    expect((error as Error).message).toBe(
      "Losant API request failed: other side closed, attempts: 1 (GET /access-tokens)",
    );
    expect((error as Error).cause).toMatchObject({ name: "TypeError", message: "fetch failed" });
  });

  it("is reported by the message above a cause that has none", async () => {
    const error = await rejection(
      createAccessTokensApi(failing(new TypeError("fetch failed", { cause: { errno: -104 } }))).list(),
    );
    expect((error as Error).message).toBe("Losant API request failed: fetch failed, attempts: 1 (GET /access-tokens)");
  });

  it("is reported by a code within five links of its cause chain, and no further", async () => {
    const fifth = await rejection(createAccessTokensApi(failing(chained(5, "EFIFTH"))).list());
    expect((fifth as Error).message).toBe("Losant API request failed: EFIFTH, attempts: 1 (GET /access-tokens)");
    expect((fifth as Error).cause).toMatchObject({ message: "link 1", code: "EFIFTH" });
    const sixth = await rejection(createAccessTokensApi(failing(chained(6, "ESIXTH"))).list());
    expect((sixth as Error).message).toBe("Losant API request failed: link 5, attempts: 1 (GET /access-tokens)");
  });

  it("whose cause is null is reported by its own message", async () => {
    const error = await rejection(
      createAccessTokensApi(failing(new TypeError("fetch failed", { cause: null }))).list(),
    );
    expect(error).toMatchObject({
      name: "LosantConnectionError",
      reason: "network",
      message: "Losant API request failed: fetch failed, attempts: 1 (GET /access-tokens)",
    });
  });

  it("whose cause chain is circular is reported all the same", async () => {
    const loop: Error = new Error("loop");
    loop.cause = loop;
    const error = await rejection(createAccessTokensApi(failing(loop)).list());
    expect(error).toMatchObject({
      name: "LosantConnectionError",
      reason: "network",
      message: "Losant API request failed: loop, attempts: 1 (GET /access-tokens)",
    });
  });
});
