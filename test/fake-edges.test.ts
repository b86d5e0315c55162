import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { createFakeLosant } from "../src/fake/index.js";
import { quoted } from "../src/fake/errors.js";
import { FAKE_TOKEN } from "./support/fake-scenario.js";

// Edges of the fake's hostile-input rules that the broad tests (fake-hostile*.test.ts) pass over.

const json = { authorization: `Bearer ${FAKE_TOKEN}`, "content-type": "application/json" };
const answer = async (response: Response) => ({
  status: response.status,
  body: (await response.json()) as { type: string; message: string },
});

describe("a request body that cannot be read", () => {
  it("answers 400, not a rejection, when the body stream fails", async () => {
    const body = new ReadableStream<Uint8Array>({
      start: (stream) => {
        stream.enqueue(new TextEncoder().encode('{"name":'));
        stream.error(new Error("disk on fire"));
      },
    });
    const response = await createFakeLosant().fetch("https://api.losant.com/me/tokens", {
      method: "POST",
      headers: json,
      body,
      duplex: "half",
    } as RequestInit);
    expect(await answer(response)).toEqual({
      status: 400,
      body: { type: "Validation", message: "the request body could not be read: disk on fire" },
    });
  });

  it("names what a body stream failed with when it is not an Error", async () => {
    const body = new ReadableStream<Uint8Array>({ start: (stream) => stream.error("a plain reason") });
    const response = await createFakeLosant().fetch("https://api.losant.com/me/tokens", {
      method: "POST",
      headers: json,
      body,
      duplex: "half",
    } as RequestInit);
    expect((await answer(response)).body.message).toBe("the request body could not be read: a plain reason");
  });

  it("answers 400 when the same Request is sent twice, its body read the first time", async () => {
    const fake = createFakeLosant();
    const request = new Request("https://api.losant.com/me/tokens", {
      method: "POST",
      headers: json,
      body: '{"name":"once"}',
    });
    expect((await fake.fetch(request)).status).toBe(201);
    expect(await answer(await fake.fetch(request))).toEqual({
      status: 400,
      body: { type: "Validation", message: "the request body was already read: send a new Request" },
    });
    expect(fake.state().userTokens.map((token) => token.name)).toEqual(["once"]);
  });
});

describe("quoted() at the edge of its 200 characters", () => {
  it("goes on past an item that ends exactly at 200 characters, and marks the cut", () => {
    const item = "y".repeat(197);
    expect(quoted([item, 1])).toBe(`["${item}"…`);
    expect(quoted({ [item.slice(2)]: 1, b: 2 })).toBe(`{"${item.slice(2)}":1…`);
  });
});

describe("a signal that aborts while the fake is deciding", () => {
  it("rejects at once with its reason, even when the abort comes before the body is read and the body stalls", async () => {
    const controller = new AbortController();
    // The abort comes from the fake's own call to acceptTokens, before it starts reading the body.
    const fake = createFakeLosant({ acceptTokens: () => (controller.abort(new Error("stop")), true) });
    const body = new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => undefined) });
    const init = { method: "POST", headers: json, body, duplex: "half", signal: controller.signal };
    await expect(fake.fetch("https://api.losant.com/me/tokens", init as RequestInit)).rejects.toThrow("stop");
    expect(fake.state().userTokens).toEqual([]);
  });
});

describe("a signal that outlives its calls", () => {
  it("keeps no listener of the fake once each call is answered, with a body or without", async () => {
    const fake = createFakeLosant();
    const controller = new AbortController();
    for (const init of [{ method: "POST", headers: json, body: '{"name":"kept"}' }, { headers: json }]) {
      const request = new Request("https://api.losant.com/me/tokens", { ...init, signal: controller.signal });
      const before = getEventListeners(request.signal, "abort").length;
      expect((await fake.fetch(request)).status).toBeLessThan(300);
      expect(getEventListeners(request.signal, "abort")).toHaveLength(before);
    }
    controller.abort();
    expect(fake.state().userTokens).toHaveLength(1);
  });
});
