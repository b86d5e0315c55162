import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeServer } from "../scripts/fake.mjs";
import type { FakeLosant } from "../src/fake/index.js";
import { answerProblem } from "./support/fake-answers.js";
import { startPrismProxy, type PrismProxy } from "./support/fake-prism.js";
import { APP, FAKE_TOKEN, runScenario, tickingFake } from "./support/fake-scenario.js";
import { loadSpec } from "./support/spec.js";

const SEED = 14;
const RUNS = 100;

let fake: FakeLosant;
let server: { url: string; close: () => Promise<void> };
let proxy: PrismProxy;

beforeAll(async () => {
  fake = tickingFake();
  server = await startFakeServer({ fake, port: 0 });
  proxy = await startPrismProxy(server.url);
}, 90_000);
afterAll(async () => {
  await proxy?.stop();
  await server?.close();
});

/** One request, as the properties generate it, with the status a valid one must get. */
interface Call {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  expected?: number;
}

/** What came back: status, body text, and Prism's verdict on the request or answer (its `sl-violations`). */
interface Outcome {
  status: number;
  text: string;
  violations: string | null;
}

async function send(base: string, call: Call): Promise<Outcome> {
  const url = new URL(`${base}${call.path}`);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = { authorization: `Bearer ${FAKE_TOKEN}`, accept: "application/json" };
  if (call.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, {
    method: call.method,
    headers,
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
  });
  return { status: response.status, text: await response.text(), violations: response.headers.get("sl-violations") };
}

/** The fake's own answer, in-process, on the same state the server serves. */
async function viaFake(call: Call): Promise<Outcome> {
  const url = new URL(`http://fake.invalid${call.path}`);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = { authorization: `Bearer ${FAKE_TOKEN}` };
  if (call.body !== undefined) headers["content-type"] = "application/json";
  const response = await fake.fetch(url, {
    method: call.method,
    headers,
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
  });
  return { status: response.status, text: await response.text(), violations: null };
}

// Scopes from the spec's own lists; one listed under two groups would match ApiTokenScope's oneOf twice.
const spec = loadSpec();
const scopeLists = ["ApplicationScope", "OrganizationScope", "InstanceScope", "UserScope"].map(
  (name) => (spec.components.schemas[name]?.["enum"] ?? []) as string[],
);
const scopes = scopeLists.flat().filter((scope, _i, all) => all.indexOf(scope) === all.lastIndexOf(scope));

const hex24 = fc.stringMatching(/^[0-9a-f]{24}$/);
const name = fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 });
const status = fc.constantFrom("active", "inactive");
const role = fc.constantFrom("admin", "edit", "collaborate", "view", "none");
const dateTime = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
  .map((date) => date.toISOString());
const orgRoles = fc.array(
  fc.record(
    {
      orgId: fc.oneof(hex24, fc.constant("sandbox")),
      role,
      applicationRoles: fc.array(
        fc.record({ resourceId: hex24, role: fc.constantFrom("collaborate", "view", "none") }),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: ["orgId", "role"] },
  ),
  { maxLength: 2 },
);
const apiTokenPost = fc.record(
  {
    name,
    description: fc.string({ maxLength: 80 }),
    expirationDate: dateTime,
    defaultRole: role,
    orgRoles,
    scope: fc.uniqueArray(fc.constantFrom(...scopes), { maxLength: 4 }),
    status,
  },
  { requiredKeys: ["name"] },
);
const apiTokenPatch = fc.record(
  { name, description: fc.string({ maxLength: 80 }), defaultRole: role, orgRoles, status },
  { requiredKeys: [] },
);
const accessTokenPost = fc.record(
  { name, expirationDate: dateTime, scope: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }), status },
  { requiredKeys: ["name"] },
);
const listQuery = fc.record(
  {
    sortField: fc.constantFrom("name", "status", "id", "creationDate", "lastUpdated", "expirationDate"),
    sortDirection: fc.constantFrom("asc", "desc"),
    page: fc.nat(3).map(String),
    perPage: fc.integer({ min: 1, max: 5 }).map(String),
    filterField: fc.constantFrom("name", "status"),
    filter: fc.string({ maxLength: 8 }),
    _actions: fc.constant("false"),
    _links: fc.constant("true"),
    _embedded: fc.constant("true"),
  },
  { requiredKeys: [] },
);

const oauthScopes = (spec.components.schemas["OauthScope"]?.["enum"] ?? []) as string[];
const oauthPost = fc.record(
  {
    name,
    description: fc.string({ maxLength: 80 }),
    expirationDate: fc.oneof(dateTime, fc.constant(null)),
    oauth: fc.record(
      {
        client_id: fc.oneof(hex24, fc.constant("https://assistant.example.com/oauth/client-metadata.json")),
        redirect_uri: fc.constantFrom("https://assistant.example.com/callback", "http://127.0.0.1:8765/cb"),
        resource: fc.array(fc.constantFrom("https://api.losant.com", "https://mcp.example.com/v1"), { maxLength: 2 }),
        code_challenge: fc.stringMatching(/^[A-Za-z0-9_-]{43,64}$/),
        code_challenge_method: fc.constant("S256"),
      },
      { requiredKeys: ["client_id", "redirect_uri", "code_challenge", "code_challenge_method"] },
    ),
    defaultRole: role,
    orgRoles,
    scope: fc.uniqueArray(fc.constantFrom(...oauthScopes), { maxLength: 3 }),
  },
  { requiredKeys: ["name", "oauth"] },
);
/** A list query with these sort and filter fields, and the paging and hypermedia parameters of every list. */
const queryOf = (sortFields: string[], filterFields: string[], extra: Record<string, fc.Arbitrary<string>> = {}) =>
  fc.record(
    {
      sortField: fc.constantFrom(...sortFields),
      sortDirection: fc.constantFrom("asc", "desc"),
      page: fc.nat(3).map(String),
      perPage: fc.integer({ min: 1, max: 5 }).map(String),
      filterField: fc.constantFrom(...filterFields),
      filter: fc.string({ maxLength: 8 }),
      _actions: fc.constant("false"),
      _links: fc.constant("true"),
      _embedded: fc.constant("true"),
      ...extra,
    },
    { requiredKeys: [] },
  );
const oauthQuery = queryOf(["name", "status", "id", "creationDate", "lastUpdated"], ["name"]);
const applicationsQuery = queryOf(["name", "id", "creationDate", "ownerId", "lastUpdated"], ["name"], {
  orgId: fc.oneof(fc.constant(""), hex24),
  summaryExclude: fc.constant("payloadCount"),
  summaryInclude: fc.constant("payloadCount"),
});
const instancesQuery = queryOf(["name", "id", "creationDate", "lastUpdated"], ["name"]);

/** A body with one rule of the spec broken: a missing or empty name, a value outside an enum, a field it does not allow, a wrong type. */
const broken = (valid: fc.Arbitrary<Record<string, unknown>>, post: boolean) =>
  fc.oneof(
    valid.map((body) => ({ ...body, name: "" })),
    valid.map((body) => ({ ...body, name: "n".repeat(256) })),
    valid.map((body) => ({ ...body, status: "paused" })),
    valid.map((body) => ({ ...body, name: 42 })),
    valid.map((body) => ({ ...body, owner: "someone" })),
    post ? valid.map(({ name: _gone, ...body }) => body) : valid.map((body) => ({ ...body, scope: ["all.User"] })),
    post
      ? valid.map((body) => ({ ...body, expirationDate: "next tuesday" }))
      : valid.map((body) => ({ ...body, expirationDate: "2030-01-01T00:00:00Z" })),
    fc.constantFrom([], "a token", null, 7),
  );
const apiTokenBroken = fc.oneof(
  broken(apiTokenPost, true),
  apiTokenPost.map((body) => ({ ...body, scope: ["bogus.scope"] })),
  apiTokenPost.map((body) => ({ ...body, scope: ["all.User", "all.User"] })),
);
const queryBroken = fc.oneof(
  fc.record({ sortField: fc.constantFrom("size", "owner", "NAME") }),
  fc.record({ sortDirection: fc.constantFrom("up", "DESC", "ascending") }),
  fc.record({ page: fc.constantFrom("x", "1.5", "one") }),
  fc.record({ perPage: fc.constantFrom("ten", "2.5", "1e") }),
  fc.record({ filterField: fc.constantFrom("description", "scope", "") }),
  fc.record({ _links: fc.constantFrom("yes", "2") }),
);

/** Ids of tokens the properties update: one of the user's, one access token, one instance token and one OAuth grant, made before each property. */
let userTokenId = "";
let accessTokenId = "";
let instanceTokenId = "";
let oauthTokenId = "";
const INSTANCE = "575ec7417ae143cd83dc4a96";
const GRANT = {
  name: "to update",
  oauth: {
    client_id: "575ec7417ae143cd83dc4a98",
    redirect_uri: "https://assistant.example.com/callback",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  },
};
async function prepare(): Promise<void> {
  userTokenId = JSON.parse(
    (await viaFake({ method: "POST", path: "/me/tokens", body: { name: "to update" } })).text,
  ).id;
  accessTokenId = JSON.parse(
    (await viaFake({ method: "POST", path: "/access-tokens", body: { name: "to update" } })).text,
  ).id;
  instanceTokenId = JSON.parse(
    (await viaFake({ method: "POST", path: `/instances/${INSTANCE}/tokens`, body: { name: "to update" } })).text,
  ).id;
  oauthTokenId = JSON.parse((await viaFake({ method: "POST", path: "/me/oauth-tokens", body: GRANT })).text).id;
}

// Built when the properties run, once the ids they update exist.
const validCall = () =>
  fc.oneof(
    apiTokenPost.map((body): Call => ({ method: "POST", path: "/me/tokens", body, expected: 201 })),
    apiTokenPost.map((body): Call => ({ method: "POST", path: `/applications/${APP}/tokens`, body, expected: 201 })),
    accessTokenPost.map((body): Call => ({ method: "POST", path: "/access-tokens", body, expected: 201 })),
    apiTokenPatch.map((body): Call => ({ method: "PATCH", path: `/me/tokens/${userTokenId}`, body, expected: 200 })),
    accessTokenPost.map(
      ({ name, status }): Call => ({
        method: "PATCH",
        path: `/access-tokens/${accessTokenId}`,
        body: { name, ...(status ? { status } : {}) },
        expected: 200,
      }),
    ),
    listQuery.map((query): Call => ({ method: "GET", path: "/me/tokens", query, expected: 200 })),
    listQuery.map((query): Call => ({ method: "GET", path: `/applications/${APP}/tokens`, query, expected: 200 })),
    fc.constant<Call>({
      method: "GET",
      path: "/access-tokens",
      query: { _actions: "false", _links: "true", _embedded: "true" },
      expected: 200,
    }),
    // Ids no token has: the documented 404.
    hex24.map((id): Call => ({ method: "GET", path: `/me/tokens/${id}`, expected: 404 })),
    hex24.map((id): Call => ({ method: "DELETE", path: `/applications/${APP}/tokens/${id}`, body: {}, expected: 404 })),
    // An instance's tokens, the user's OAuth grants, and the lists of owners.
    apiTokenPost.map((body): Call => ({ method: "POST", path: `/instances/${INSTANCE}/tokens`, body, expected: 201 })),
    apiTokenPatch.map(
      (body): Call => ({
        method: "PATCH",
        path: `/instances/${INSTANCE}/tokens/${instanceTokenId}`,
        body,
        expected: 200,
      }),
    ),
    listQuery.map((query): Call => ({ method: "GET", path: `/instances/${INSTANCE}/tokens`, query, expected: 200 })),
    hex24.map(
      (id): Call => ({ method: "DELETE", path: `/instances/${INSTANCE}/tokens/${id}`, body: {}, expected: 404 }),
    ),
    oauthPost.map((body): Call => ({ method: "POST", path: "/me/oauth-tokens", body, expected: 201 })),
    apiTokenPatch.map(
      (body): Call => ({ method: "PATCH", path: `/me/oauth-tokens/${oauthTokenId}`, body, expected: 200 }),
    ),
    oauthQuery.map((query): Call => ({ method: "GET", path: "/me/oauth-tokens", query, expected: 200 })),
    fc.constant<Call>({ method: "GET", path: `/me/oauth-tokens/${oauthTokenId}`, expected: 200 }),
    hex24.map((id): Call => ({ method: "DELETE", path: `/me/oauth-tokens/${id}`, body: {}, expected: 404 })),
    applicationsQuery.map((query): Call => ({ method: "GET", path: "/applications", query, expected: 200 })),
    instancesQuery.map((query): Call => ({ method: "GET", path: "/instances", query, expected: 200 })),
  );
const invalidCall = () =>
  fc.oneof(
    apiTokenBroken.map((body): Call => ({ method: "POST", path: "/me/tokens", body })),
    apiTokenBroken.map((body): Call => ({ method: "POST", path: `/applications/${APP}/tokens`, body })),
    broken(accessTokenPost, true).map((body): Call => ({ method: "POST", path: "/access-tokens", body })),
    broken(apiTokenPatch, false).map((body): Call => ({ method: "PATCH", path: `/me/tokens/${userTokenId}`, body })),
    fc
      .constantFrom({ name: "x" }, { success: true })
      .map((body): Call => ({ method: "DELETE", path: `/me/tokens/${userTokenId}`, body })),
    queryBroken.map((query): Call => ({ method: "GET", path: "/me/tokens", query })),
    queryBroken.map((query): Call => ({ method: "GET", path: `/applications/${APP}/tokens`, query })),
    fc
      .constantFrom("not-an-id", "575ec7417ae143cd83dc4a9", "575ec7417ae143cd83dc4a95x", "zzzzzzzzzzzzzzzzzzzzzzzz")
      .map((id): Call => ({ method: "GET", path: `/me/tokens/${id}` })),
    fc
      .constantFrom("575ec8687ae143cd83dc4a9", "application")
      .map((app): Call => ({ method: "GET", path: `/applications/${app}/tokens` })),
    apiTokenBroken.map((body): Call => ({ method: "POST", path: `/instances/${INSTANCE}/tokens`, body })),
    broken(apiTokenPatch, false).map(
      (body): Call => ({ method: "PATCH", path: `/instances/${INSTANCE}/tokens/${instanceTokenId}`, body }),
    ),
    fc
      .constantFrom("instance", "575ec7417ae143cd83dc4a9")
      .map((instance): Call => ({ method: "GET", path: `/instances/${instance}/tokens` })),
    fc
      .oneof(
        oauthPost.map(({ oauth: _gone, ...body }) => body),
        oauthPost.map((body) => ({ ...body, scope: ["all.User"] })),
        oauthPost.map((body) => ({ ...body, oauth: { ...body["oauth"], code_challenge_method: "plain" } })),
        oauthPost.map((body) => ({ ...body, oauth: { ...body["oauth"], code_challenge: "too-short" } })),
        oauthPost.map((body) => ({ ...body, oauth: { ...body["oauth"], authorizationStatus: "authorized" } })),
        oauthPost.map((body) => ({ ...body, status: "active" })),
      )
      .map((body): Call => ({ method: "POST", path: "/me/oauth-tokens", body })),
    broken(apiTokenPatch, false).map(
      (body): Call => ({ method: "PATCH", path: `/me/oauth-tokens/${oauthTokenId}`, body }),
    ),
    fc
      .constantFrom("oauth", "575ec7417ae143cd83dc4a9")
      .map((id): Call => ({ method: "GET", path: `/me/oauth-tokens/${id}` })),
    fc
      .oneof(
        fc.record({ sortField: fc.constantFrom("expirationDate", "size") }),
        fc.record({ filterField: fc.constantFrom("status", "scope") }),
      )
      .map((query): Call => ({ method: "GET", path: "/me/oauth-tokens", query })),
    fc
      .oneof(
        fc.record({ sortField: fc.constantFrom("status", "expirationDate") }),
        fc.record({ filterField: fc.constant("status") }),
      )
      .map((query): Call => ({ method: "GET", path: "/applications", query })),
    fc
      .oneof(fc.record({ sortField: fc.constantFrom("ownerId", "status") }), fc.record({ page: fc.constant("x") }))
      .map((query): Call => ({ method: "GET", path: "/instances", query })),
  );

describe("the fake behind `prism proxy --errors`: every request and answer held to the spec", () => {
  it("passes the scenario, with no violation but Prism's refusal of the two requests the scenario sends knowing the spec rejects them", async () => {
    const seen: string[] = [];
    const recording = async (request: Request) => {
      const response = await fetch(request);
      const violations =
        response.headers.get("sl-violations") ?? (response.status === 422 ? await response.clone().text() : null);
      if (violations) seen.push(`${request.method} ${response.status} ${violations}`);
      return response;
    };
    // The scenario starts from an empty fake.
    fake.reset();
    await runScenario({ baseUrl: proxy.url, fetch: recording }, "prism");
    expect(seen).toHaveLength(2);
    for (const line of seen) expect(line).toMatch(/^PATCH 422 .*"location":\["body"\].*"code":"additionalProperties"/);
  });

  it("answers every valid request, generated, as the spec says: a documented status and body, and Prism finds nothing wrong", async () => {
    await prepare();
    await fc.assert(
      fc.asyncProperty(validCall(), async (call) => {
        const outcome = await send(proxy.url, call);
        expect(outcome.violations, `${call.method} ${call.path}`).toBeNull();
        expect(outcome.status, outcome.text).toBe(call.expected);
        expect(answerProblem(call.method, `${proxy.url}${call.path}`, outcome.status, outcome.text)).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("refuses with 400 Validation every request the spec rejects, generated, exactly as Prism rejects it", async () => {
    await prepare();
    await fc.assert(
      fc.asyncProperty(invalidCall(), async (call) => {
        const [mine, prisms] = [await viaFake(call), await send(proxy.url, call)];
        expect(prisms.status, `Prism on ${call.method} ${call.path} ${JSON.stringify(call.body ?? call.query)}`).toBe(
          422,
        );
        const [violation] = (JSON.parse(prisms.text) as { validation: { location: string[] }[] }).validation;
        expect(mine.status, mine.text).toBe(400);
        // The fake names the place Prism found wrong: the body, or the parameter by location.
        const [where = "", parameter = ""] = violation?.location ?? [];
        const place =
          where === "body" ? /^(body|the request body)\b/ : new RegExp(`^${where} parameter ${parameter}\\b`, "i");
        expect(JSON.parse(mine.text)).toEqual({ type: "Validation", message: expect.stringMatching(place) });
        expect(answerProblem(call.method, `http://fake.invalid${call.path}`, mine.status, mine.text)).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
