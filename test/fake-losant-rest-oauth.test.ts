import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeServer } from "../scripts/fake.mjs";
import { createFakeLosant } from "../src/fake/index.js";
import { specChecked } from "./support/fake-answers.js";
import { FAKE_TOKEN } from "./support/fake-scenario.js";

// losant-rest 4.2.0 (the client for API 1.30.0, not in the registry, which has 2.x only) is the first
// with OAuth tokens. These are the requests it sends for them, from its lib/api/index.js and
// lib/schemas/apiInfo.json: Accept and its Accept-Version, the bearer token, the query
// `_actions=false&_links=true&_embedded=true` on every request, and a JSON body on every request but
// GET: the operation's body, or `{}` where it has none (DELETE).

const LOSANT_QUERY = "_actions=false&_links=true&_embedded=true";
const { checked } = specChecked();
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  const fake = createFakeLosant();
  server = await startFakeServer({ fake: { fetch: checked((request) => fake.fetch(request)) }, port: 0 });
});
afterAll(() => server?.close());

/** One request as losant-rest 4.2 sends it, and the answer: status and JSON body. */
async function send(
  method: string,
  path: string,
  data?: unknown,
  query: Record<string, string> = {},
): Promise<[number, Record<string, unknown>]> {
  const search = new URLSearchParams(query).toString();
  const response = await fetch(`${server.url}${path}?${LOSANT_QUERY}${search ? `&${search}` : ""}`, {
    method,
    headers: {
      Accept: "application/json",
      "Accept-Version": "^1.30.0",
      Authorization: `Bearer ${FAKE_TOKEN}`,
      ...(method === "GET" ? {} : { "Content-Type": "application/json" }),
    },
    ...(method === "GET" ? {} : { body: JSON.stringify(data ?? {}) }),
  });
  return [response.status, (await response.json()) as Record<string, unknown>];
}

const oauthToken = {
  name: "Reporting assistant",
  scope: ["all.Application.read"],
  oauth: {
    client_id: "https://assistant.example.com/oauth/client-metadata.json",
    redirect_uri: "https://assistant.example.com/callback",
    resource: ["https://api.losant.com"],
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  },
};

describe("the OAuth token requests of Losant's own client (losant-rest 4.2), replayed against `npm run fake`", () => {
  it("userOauthTokens.post, .get; userOauthToken.get, .patch, .delete: each answered as the spec says", async () => {
    const [created, grant] = await send("POST", "/me/oauth-tokens", oauthToken);
    expect(created).toBe(201);
    expect(grant).toMatchObject({
      name: "Reporting assistant",
      oauth: { client_id: oauthToken.oauth.client_id, authorizationStatus: "pending" },
    });
    expect(grant).not.toHaveProperty("token");
    const id = String(grant["id"]);

    const [listed, page] = await send("GET", "/me/oauth-tokens", undefined, {
      sortField: "creationDate",
      sortDirection: "desc",
      page: "0",
      perPage: "10",
      filterField: "name",
      filter: "report*",
    });
    expect([listed, page["count"], page["filter"]]).toEqual([200, 1, "report*"]);
    expect(await send("GET", `/me/oauth-tokens/${id}`)).toEqual([200, grant]);
    const [patched, updated] = await send("PATCH", `/me/oauth-tokens/${id}`, { status: "inactive" });
    expect([patched, updated["status"]]).toEqual([200, "inactive"]);
    expect(await send("DELETE", `/me/oauth-tokens/${id}`)).toEqual([200, { success: true }]);
    expect(await send("GET", `/me/oauth-tokens/${id}`)).toEqual([
      404,
      { type: "NotFound", message: "OAuth Token was not found" },
    ]);
  });

  it("gets a 400 where Losant's schemas refuse: a body without the client, an unknown sort field", async () => {
    const [status, body] = await send("POST", "/me/oauth-tokens", { name: "x" });
    expect([status, body["type"], body["message"]]).toEqual([400, "Validation", "body.oauth is required"]);
    const [sorted] = await send("GET", "/me/oauth-tokens", undefined, { sortField: "expirationDate" });
    expect(sorted).toBe(400);
  });
});
