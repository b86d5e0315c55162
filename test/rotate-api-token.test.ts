// rotateApiToken, the library function, in process against the fake: the body of the new token when the
// old one lacks a field, the expiries it refuses to guess, the signal, and the error of a half-done rotation.
import { describe, expect, it } from "vitest";
import { createApplicationTokensApi, createUserTokensApi, rotateApiToken, RotationError } from "../src/index.js";
import { APP_ID, CLI_TOKEN, cliFake, NOW } from "./support/cli.js";

const OLD = "aaaaaaaaaaaaaaaaaaaaaaa1";
// 45 days of lifetime; the fake's clock is 2026-01-15T09:30Z.
const SEED = {
  id: OLD,
  name: "deploy",
  scope: ["all.Application"],
  creationDate: "2025-12-16T09:30:00.000Z",
  expirationDate: "2026-01-30T09:30:00.000Z",
};

/**
 * The user's tokens over a fake holding SEED; `change` rewrites the JSON of the old token's GET answer,
 * `fails` picks the requests answered with a 500. Records every request.
 */
function setUp(
  options: {
    change?: (token: Record<string, unknown>) => Record<string, unknown>;
    fails?: (request: Request) => boolean;
  } = {},
) {
  const fake = cliFake({ initial: { userTokens: [SEED] } });
  const requests: { method: string; body: unknown }[] = [];
  const fetch = async (request: Request) => {
    // Never answer within the call, as no real fetch does.
    await Promise.resolve();
    requests.push({
      method: request.method,
      body: request.method === "POST" ? await request.clone().json() : undefined,
    });
    if (options.fails?.(request))
      return Response.json({ type: "InternalError", message: "the database is away" }, { status: 500 });
    const answer = await fake.fetch(request);
    if (!options.change || request.method !== "GET") return answer;
    return Response.json(options.change((await answer.json()) as Record<string, unknown>), { status: answer.status });
  };
  return { fake, requests, api: createUserTokensApi({ token: CLI_TOKEN, fetch }) };
}
const without =
  (key: string) =>
  ({ [key]: _dropped, ...rest }: Record<string, unknown>) =>
    rest;
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: Error) => `${error.name}: ${error.message}`,
  );

describe("the new token's body", () => {
  it("names the new token `rotated token` when the old one has no name", async () => {
    const { api, requests } = setUp({ change: without("name") });
    const { created } = await rotateApiToken(api, OLD, { now: () => NOW });
    expect(created.name).toBe("rotated token");
    expect(requests[1]).toEqual({
      method: "POST",
      body: { name: "rotated token", scope: ["all.Application"], expirationDate: "2026-03-01T09:30:00.000Z" },
    });
  });

  it("measures the old lifetime from now as the `now` option reads it", async () => {
    const { api } = setUp();
    const { created } = await rotateApiToken(api, OLD, { now: () => new Date("2026-01-16T00:00:00.000Z") });
    expect(created.expirationDate).toBe("2026-03-02T00:00:00.000Z");
  });

  it.each([
    ["missing", without("creationDate")],
    ["unreadable", (token: Record<string, unknown>) => ({ ...token, creationDate: "last winter" })],
    ["there, but the expiry unreadable", (token: Record<string, unknown>) => ({ ...token, expirationDate: "soon" })],
  ])(
    "refuses to guess a lifetime when the old token's creationDate is %s, before creating anything",
    async (_what, change) => {
      const { api, requests } = setUp({ change });
      expect(await outcome(rotateApiToken(api, OLD))).toBe(
        "TypeError: losant-access-tokens: rotate: the old token has an expiry but no readable creationDate to measure its lifetime: give expirationDate",
      );
      expect(requests.map((request) => request.method)).toEqual(["GET"]);
    },
  );

  it("needs no creationDate when expirationDate is given", async () => {
    const { api } = setUp({ change: without("creationDate") });
    const { created } = await rotateApiToken(api, OLD, { expirationDate: new Date("2027-01-01T00:00:00Z") });
    expect(created.expirationDate).toBe("2027-01-01T00:00:00.000Z");
  });

  it.each([
    ["tomorrow", '"tomorrow"'],
    [new Date(Number.NaN), '"Invalid Date"'],
  ])("refuses the expirationDate %s, before creating anything", async (expirationDate, shown) => {
    const { api, requests } = setUp();
    expect(await outcome(rotateApiToken(api, OLD, { expirationDate }))).toBe(
      `TypeError: losant-access-tokens: rotate: expirationDate ${shown} is not a date`,
    );
    expect(requests.map((request) => request.method)).toEqual(["GET"]);
  });
});

describe("the signal", () => {
  it("stops a rotation whose signal is aborted before anything is sent", async () => {
    const { api, requests, fake } = setUp();
    const controller = new AbortController();
    controller.abort(new Error("stopped by the caller"));
    expect(await outcome(rotateApiToken(api, OLD, { signal: controller.signal }))).toBe("Error: stopped by the caller");
    expect(requests).toEqual([]);
    expect(fake.state().userTokens.map((token) => token.id)).toEqual([OLD]);
  });

  it("still reads back the old token when the signal aborts the last step", async () => {
    const controller = new AbortController();
    const { api, requests } = setUp({
      fails: (request) => {
        if (request.method === "PATCH") controller.abort(new Error("stopped by the caller"));
        return false;
      },
    });
    const error = (await rotateApiToken(api, OLD, { signal: controller.signal }).catch(
      (caught: unknown) => caught,
    )) as RotationError;
    expect(error).toBeInstanceOf(RotationError);
    expect([error.step, error.oldState]).toEqual(["deactivate-old", "active"]);
    expect(requests.map((request) => request.method)).toEqual(["GET", "POST", "PATCH", "GET"]);
  });
});

describe("a rotation that fails after the create", () => {
  it("rejects with an error named RotationError", async () => {
    const { api } = setUp({ fails: (request) => request.method === "PATCH" });
    const error = (await rotateApiToken(api, OLD).catch((caught: unknown) => caught)) as RotationError;
    expect(error.name).toBe("RotationError");
    expect(String(error)).toMatch(/^RotationError: rotation incomplete: new token [a-f\d]{24} is created and active; /);
  });

  it.each([
    ["setting it inactive", "PATCH", false, "deactivate-old", "deactivating"],
    ["deleting it", "DELETE", true, "delete-old", "deleting"],
  ])("names the step that failed: %s", async (_what, method, deleteOld, step, doing) => {
    const { api } = setUp({ fails: (request) => request.method === method });
    const error = (await rotateApiToken(api, OLD, { deleteOld }).catch((caught: unknown) => caught)) as RotationError;
    expect([error.step, error.oldState, error.old?.status]).toEqual([step, "active", "active"]);
    expect(error.message).toMatch(
      new RegExp(
        `; old token ${OLD} is active; ${doing} the old token failed: Losant API 500 InternalError: the database is away \\(${method} /me/tokens/${OLD}\\)$`,
      ),
    );
  });
});

describe("an application's token", () => {
  it("deletes the old one with deleteOld, taking the application id first", async () => {
    const fake = cliFake({ initial: { applicationTokens: { [APP_ID]: [SEED] } } });
    const api = createApplicationTokensApi({ token: CLI_TOKEN, fetch: (request) => fake.fetch(request) });
    const { created, old, oldDeleted } = await rotateApiToken(api, APP_ID, OLD, { deleteOld: true });
    expect([old.id, oldDeleted]).toEqual([OLD, true]);
    expect(fake.state().applicationTokens[APP_ID]?.map((token) => token.id)).toEqual([created.id]);
  });
});
