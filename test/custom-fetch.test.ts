import { describe, expect, it } from "vitest";
import { createAccessTokensApi, createAccessTokensClient, LosantConnectionError, type ClientOptions } from "../src/index.js";
import { rejection } from "./support/fault-server.js";
import { ID, TOKEN } from "./support/clients.js";

const never = () => new Promise<Response>(() => undefined);
/** A body that sends one chunk, then nothing, and ignores being cancelled. */
const stalledBody = () =>
  new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new TextEncoder().encode('{"items":')),
    cancel: () => never().then(() => undefined),
  });
const options = (fetch: ClientOptions["fetch"] & object, extra: Partial<ClientOptions> = {}): ClientOptions => ({ token: TOKEN, fetch, retries: 0, timeoutMs: 50, ...extra });

describe("a custom fetch that ignores its signal", () => {
  it("and never answers is ended by the timeout, in both styles", async () => {
    await expect(createAccessTokensApi(options(never)).list()).rejects.toMatchObject({ name: "LosantConnectionError", reason: "timeout", attempts: 1 });
    await expect(createAccessTokensClient(options(never)).GET("/access-tokens")).rejects.toBeInstanceOf(LosantConnectionError);
  });

  it("and never answers is retried per attempt for GET, each attempt timed out", async () => {
    let attempts = 0;
    const error = await rejection(createAccessTokensApi(options(() => ((attempts += 1), never()), { retries: 2, retryBaseDelayMs: 1 })).get(ID));
    expect(error).toMatchObject({ reason: "timeout", attempts: 3 });
    expect(attempts).toBe(3);
  });

  it("and never answers is ended at once by the caller's abort, with the caller's reason", async () => {
    const controller = new AbortController();
    const call = rejection(createAccessTokensApi(options(never, { timeoutMs: 60_000 })).list({ signal: controller.signal }));
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
    const call = rejection(createAccessTokensApi(options(stalled, { timeoutMs: 60_000 })).list({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 10);
    expect(((await call) as Error).name).toBe("AbortError");
  });
});

describe("a custom fetch", () => {
  it("gets a Request of its own for each attempt, whose signal carries that attempt's timeout", async () => {
    const seen: Request[] = [];
    const error = await rejection(createAccessTokensApi(options((request) => (seen.push(request), never()), { retries: 1, retryBaseDelayMs: 1 })).get(ID));
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
    await expect(createAccessTokensApi(options(odd)).list()).rejects.toMatchObject({ name: "LosantConnectionError", reason: "network" });
  });

  it("that throws something other than an Error fails as a connection error", async () => {
    for (const thrown of ["a string", 42, null, undefined, { code: "EWEIRD" }]) {
      const odd = () => Promise.reject(thrown);
      await expect(createAccessTokensApi(options(odd)).list()).rejects.toMatchObject({ name: "LosantConnectionError", reason: "network" });
    }
  });
});
