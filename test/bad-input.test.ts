import { describe, expect, it } from "vitest";
import { createAccessTokensApi, createAccessTokensClient, LosantApiError } from "../src/index.js";
import { ID } from "./support/clients.js";
import { rejection } from "./support/fault-server.js";
import { prismOptions, verdictFetch, type Verdict } from "./support/prism.js";
import { loadSpec, responseExample } from "./support/spec.js";

const valid = { name: "My New Access Token", status: "active" };
const badRequest = responseExample(loadSpec(), "BadRequest");

// Bodies the types forbid but plain JavaScript callers can still send.
const badBodies: [string, unknown][] = [
  ["a body without name", { status: "active" }],
  ["an empty name", { ...valid, name: "" }],
  ["a name of 256 characters", { ...valid, name: "n".repeat(256) }],
  ['status "paused"', { ...valid, status: "paused" }],
  ["an unknown property", { ...valid, owner: "someone" }],
  ["a malformed expirationDate", { ...valid, expirationDate: "next tuesday" }],
];

function clients() {
  const verdict: Verdict = { violations: null };
  const options = prismOptions({ fetch: verdictFetch(verdict) });
  return { verdict, client: createAccessTokensClient(options), api: createAccessTokensApi(options) };
}

describe("createAccessToken with a body the types forbid", () => {
  it.each(badBodies)("rejects %s with 400, as the typed error", async (_title, body) => {
    const { verdict, client } = clients();
    const { data, error, response } = await client.POST("/access-tokens", { body: body as never });
    expect(response.status).toBe(400);
    expect(data).toBeUndefined();
    expect(error).toEqual(badRequest);
    expect(verdict.violations).toMatch(/"location":\["request","body"/);
  });

  it.each(badBodies)("rejects %s with 400, as a LosantApiError from the facade", async (_title, body) => {
    const { verdict, api } = clients();
    const error = await rejection(api.create(body as never));
    expect(error).toBeInstanceOf(LosantApiError);
    expect(error).toMatchObject({ status: 400, type: "Validation", method: "POST" });
    expect(verdict.violations).not.toBeNull();
  });
});

describe("updateAccessToken with a body the types forbid", () => {
  it.each([
    ["an empty name", { name: "" }],
    ["a name of 256 characters", { name: "n".repeat(256) }],
    ['status "paused"', { status: "paused" }],
    ["an unknown property", { scope: ["devices"] }],
  ])("rejects %s with 400", async (_title, body) => {
    const { verdict, api } = clients();
    const error = await rejection(api.update(ID, body as never));
    expect(error).toMatchObject({ name: "LosantApiError", status: 400, type: "Validation", method: "PATCH" });
    expect(verdict.violations).toMatch(/"location":\["request","body"/);
  });
});

describe("a malformed access token id", () => {
  it.each(["not-an-id", ID.slice(1), `${ID}z`, "z".repeat(ID.length)])(
    "%j is rejected with 400 on get, update and delete",
    async (id) => {
      const { verdict, client, api } = clients();
      const { error, response } = await client.GET("/access-tokens/{accessTokenId}", {
        params: { path: { accessTokenId: id } },
      });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ type: "Validation" });
      expect(verdict.violations).toMatch(/pattern/);
      await expect(api.update(id, { status: "inactive" })).rejects.toMatchObject({ status: 400 });
      await expect(api.delete(id)).rejects.toMatchObject({ status: 400, method: "DELETE" });
    },
  );

  it("is percent-encoded into the path, never able to reach another route", async () => {
    const { verdict, api } = clients();
    const error = await rejection(api.get("../access-tokens?x=1"));
    expect(error).toMatchObject({ status: 400, path: "/access-tokens/..%2Faccess-tokens%3Fx%3D1" });
    expect(verdict.violations).toMatch(/pattern/);
  });
});
