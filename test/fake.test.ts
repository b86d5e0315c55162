import { describe, expect, it } from "vitest";
import { bundleForBrowser } from "../scripts/browser-bundle.mjs";
import { createAccessTokensApi, createAccessTokensClient, createUserTokensApi, LosantApiError } from "../src/index.js";
import { createFakeLosant, type FakeLosantOptions } from "../src/fake/index.js";
import { globMatches } from "../src/core/glob.js";
import { specChecked } from "./support/fake-answers.js";
import { APP, FAKE_TOKEN } from "./support/fake-scenario.js";
import { repoPath } from "./support/spec.js";

const { checked } = specChecked();
const AT = "2026-01-15T09:30:00.000Z";
const fixed = (options: FakeLosantOptions = {}) => createFakeLosant({ clock: () => new Date(AT), ...options });
const auth = { authorization: `Bearer ${FAKE_TOKEN}` };
const json = { ...auth, "content-type": "application/json" };

/** A raw request to a fake, answered as { status, body }, every answer held to the spec. */
async function call(
  fake: { fetch: (request: Request) => Promise<Response> },
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string } = {},
) {
  const response = await checked((request) => fake.fetch(request))(`https://api.losant.com${path}`, {
    method,
    headers: init.headers ?? auth,
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: (await response.json()) as Record<string, unknown>,
  };
}
const facade = (fake: { fetch: (request: Request) => Promise<Response> }) =>
  createUserTokensApi({ token: FAKE_TOKEN, fetch: checked(fake.fetch), retries: 0 });
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: unknown) =>
      error instanceof LosantApiError ? `${error.status} ${error.type}: ${error.apiMessage}` : String(error),
  );

describe("fake.fetch", () => {
  it("answers a Request, as openapi-fetch and the facades send, with a real JSON Response", async () => {
    const response = await fixed().fetch(new Request("https://api.losant.com/me/tokens", { headers: auth }));
    expect(response).toBeInstanceOf(Response);
    expect([response.status, response.headers.get("content-type")]).toEqual([200, "application/json; charset=utf-8"]);
    expect(await response.json()).toMatchObject({ items: [], count: 0 });
  });

  it("answers (url, init) like the global fetch, at any origin: only the path counts", async () => {
    const fake = fixed();
    const response = await fake.fetch("http://localhost:1/me/tokens", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ name: "by url" }),
    });
    expect(response.status).toBe(201);
    expect(
      (await fake.fetch(new URL("https://elsewhere.example/me/tokens"), { headers: auth }).then((r) => r.json())).count,
    ).toBe(1);
  });

  it("serves the typed client and every facade, with no network and no server", async () => {
    const fake = fixed();
    const client = createAccessTokensClient({ token: FAKE_TOKEN, fetch: checked(fake.fetch) });
    const { data, response } = await client.POST("/applications/{applicationId}/tokens", {
      params: { path: { applicationId: APP } },
      body: { name: "typed" },
    });
    expect([response.status, data?.ownerId]).toEqual([201, APP]);
    const access = createAccessTokensApi({ token: FAKE_TOKEN, fetch: checked(fake.fetch) });
    expect(await access.create({ name: "old style" })).toMatchObject({
      name: "old style",
      userId: expect.stringMatching(/^[0-9a-f]{24}$/),
    });
    expect(await access.list()).toMatchObject({ count: 1 });
  });

  it("rejects with the signal's reason when the request is aborted, as fetch does, and changes nothing", async () => {
    const fake = fixed();
    const signal = AbortSignal.abort(new Error("stop"));
    await expect(
      fake.fetch("https://api.losant.com/me/tokens", { method: "POST", headers: json, body: '{"name":"x"}', signal }),
    ).rejects.toThrow("stop");
    expect(fake.state().userTokens).toEqual([]);
  });

  it("applies an init given with a Request, as fetch does: its headers replace the Request's", async () => {
    const fake = fixed();
    const bare = new Request("https://api.losant.com/me/tokens");
    expect((await fake.fetch(bare)).status).toBe(401);
    expect((await fake.fetch(bare, { headers: auth })).status).toBe(200);
  });

  it("keeps what the URL parser said as the cause of its TypeError", async () => {
    const error = await fixed()
      .fetch("/me/tokens")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("rejects a relative URL with a TypeError that says what it needs", async () => {
    await expect(fixed().fetch("/me/tokens")).rejects.toThrow(
      /losant-access-tokens\/fake: fetch needs an absolute URL/,
    );
  });
});

describe("credentials", () => {
  it("answers 401 Unauthorized without an Authorization header, or with one that is not a bearer token", async () => {
    const fake = fixed();
    for (const headers of [{}, { authorization: "Basic dXNlcjpwYXNz" }, { authorization: "Bearer " }]) {
      const answer = await call(fake, "GET", "/me/tokens", { headers });
      expect(answer).toMatchObject({
        status: 401,
        body: { type: "Unauthorized", message: expect.stringMatching(/credentials/) },
      });
    }
  });

  it.each([
    ["no Authorization header", {}, "Missing credentials: send Authorization: Bearer <token>"],
    [
      "Basic credentials",
      { authorization: "Basic dXNlcjpwYXNz" },
      "Invalid credentials: the bearer token is not one this fake accepts",
    ],
    [
      "Bearer and no token",
      { authorization: "Bearer " },
      "Invalid credentials: the bearer token is not one this fake accepts",
    ],
    [
      "a scheme that only ends in bearer",
      { authorization: "XBearer good" },
      "Invalid credentials: the bearer token is not one this fake accepts",
    ],
    [
      "a token it was not told to accept",
      { authorization: "Bearer bad" },
      "Invalid credentials: the bearer token is not one this fake accepts",
    ],
  ])("answers %s with 401, its message, and WWW-Authenticate: Bearer", async (_what, headers, message) => {
    const response = await fixed({ acceptTokens: ["good"] }).fetch("https://api.losant.com/me/tokens", { headers });
    expect([response.status, response.headers.get("www-authenticate"), await response.json()]).toEqual([
      401,
      "Bearer",
      { type: "Unauthorized", message },
    ]);
  });

  it("reads the scheme in any case, and the token after any run of spaces", async () => {
    for (const authorization of ["bearer good", "BEARER good", "Bearer    good"]) {
      expect(
        (
          await fixed({ acceptTokens: ["good"] }).fetch("https://api.losant.com/me/tokens", {
            headers: { authorization },
          })
        ).status,
      ).toBe(200);
    }
  });

  it("accepts any non-empty bearer token by default, only the listed ones with acceptTokens, or those a function accepts", async () => {
    expect((await call(fixed(), "GET", "/me/tokens", { headers: { authorization: "Bearer anything" } })).status).toBe(
      200,
    );
    const listed = fixed({ acceptTokens: ["good"] });
    expect((await call(listed, "GET", "/me/tokens", { headers: { authorization: "Bearer good" } })).status).toBe(200);
    expect((await call(listed, "GET", "/me/tokens", { headers: { authorization: "Bearer bad" } })).status).toBe(401);
    const decided = fixed({ acceptTokens: (token) => token.startsWith("ok-") });
    expect((await call(decided, "GET", "/me/tokens", { headers: { authorization: "bearer ok-1" } })).status).toBe(200);
    expect((await call(decided, "GET", "/me/tokens", { headers: { authorization: "Bearer no-1" } })).status).toBe(401);
  });
});

describe("routes outside the spec", () => {
  it("answers 404 NotFound with an Error body for a path the token API does not have", async () => {
    for (const path of ["/me/devices", "/me/tokens/", "/applications//tokens", "/"]) {
      expect(await call(fixed(), "GET", path)).toMatchObject({
        status: 404,
        body: { type: "NotFound", message: expect.stringContaining("was not found") },
      });
    }
  });

  it("answers 405 MethodNotAllowed, with Allow, for a method its path does not take", async () => {
    const response = await fixed().fetch("https://api.losant.com/me/tokens", {
      method: "PUT",
      headers: json,
      body: "{}",
    });
    expect([response.status, response.headers.get("allow")]).toEqual([405, "GET, POST"]);
    expect(await response.json()).toEqual({
      type: "MethodNotAllowed",
      message: '"PUT" is not allowed on "/me/tokens": it takes GET, POST',
    });
  });
});

describe("validation from the spec: 400 Validation, naming what was wrong and where", () => {
  const cases: [string, string, string, Record<string, string> | undefined, string | undefined, RegExp][] = [
    [
      "a malformed id",
      "GET",
      "/me/tokens/not-an-id",
      undefined,
      undefined,
      /^path parameter apiTokenId must match pattern/,
    ],
    [
      "a malformed application id",
      "GET",
      "/applications/123/tokens",
      undefined,
      undefined,
      /^path parameter applicationId must match pattern/,
    ],
    [
      "an id that is not percent-encoding",
      "GET",
      "/me/tokens/%E0%A4%A",
      undefined,
      undefined,
      /^path parameter apiTokenId is not valid percent-encoding/,
    ],
    [
      "a sort field the spec does not list",
      "GET",
      "/me/tokens?sortField=size",
      undefined,
      undefined,
      /^query parameter sortField must be one of name, status, id, creationDate, lastUpdated, expirationDate, got "size"$/,
    ],
    [
      "a page that is not an integer",
      "GET",
      "/me/tokens?page=1.5",
      undefined,
      undefined,
      /^query parameter page must be integer/,
    ],
    [
      "a parameter given twice",
      "GET",
      "/me/tokens?perPage=1&perPage=2",
      undefined,
      undefined,
      /^query parameter perPage is given more than once$/,
    ],
    ["a missing body", "POST", "/me/tokens", json, undefined, /^the request body is required/],
    ["a body that is not JSON", "POST", "/me/tokens", json, "{name:", /^the request body is not valid JSON/],
    [
      "a body sent as text",
      "POST",
      "/me/tokens",
      { ...auth, "content-type": "text/plain" },
      '{"name":"x"}',
      /^the request body must be JSON, sent with Content-Type: application\/json; got Content-Type "text\/plain"$/,
    ],
    [
      "a type that only contains application/json",
      "POST",
      "/me/tokens",
      { ...auth, "content-type": "x-application/json" },
      '{"name":"x"}',
      /^the request body must be JSON, .*got Content-Type "x-application\/json"$/,
    ],
    [
      "a type that only begins with application/json",
      "POST",
      "/me/tokens",
      { ...auth, "content-type": "application/jsonp" },
      '{"name":"x"}',
      /^the request body must be JSON, .*got Content-Type "application\/jsonp"$/,
    ],
    ["a body that is not an object", "POST", "/me/tokens", json, "[]", /^body must be object/],
    ["a missing name", "POST", "/me/tokens", json, "{}", /^body\.name is required$/],
    ["an empty name", "POST", "/me/tokens", json, '{"name":""}', /^body\.name must NOT have fewer than 1 characters$/],
    [
      "a scope the spec does not list",
      "POST",
      "/me/tokens",
      json,
      '{"name":"x","scope":["devices.nope"]}',
      /^body\.scope\[0\] must be one of the \d+ values the spec lists, got "devices\.nope"$/,
    ],
    [
      "a scope given twice",
      "POST",
      "/me/tokens",
      json,
      '{"name":"x","scope":["all.User","all.User"]}',
      /^body\.scope must NOT have duplicate items/,
    ],
    [
      "a date that is not a date-time",
      "POST",
      "/me/tokens",
      json,
      '{"name":"x","expirationDate":"tomorrow"}',
      /^body\.expirationDate must match format "date-time"$/,
    ],
    [
      "a role deep in orgRoles",
      "POST",
      "/me/tokens",
      json,
      '{"name":"x","orgRoles":[{"orgId":"sandbox","role":"boss"}]}',
      /^body\.orgRoles\[0\]\.role must be one of admin, edit, collaborate, view, none, got "boss"$/,
    ],
    [
      "a field the spec does not have",
      "POST",
      "/me/tokens",
      json,
      '{"name":"x","owner":"me"}',
      /^body must not have "owner"/,
    ],
    [
      "a scope change",
      "PATCH",
      "/me/tokens/575ec7417ae143cd83dc4a95",
      json,
      '{"scope":["all.User"]}',
      /^body must not have "scope"/,
    ],
    [
      "an expiration change",
      "PATCH",
      "/me/tokens/575ec7417ae143cd83dc4a95",
      json,
      '{"expirationDate":"2030-01-01T00:00:00Z"}',
      /^body must not have "expirationDate"/,
    ],
    [
      "a DELETE body other than {}",
      "DELETE",
      "/me/tokens/575ec7417ae143cd83dc4a95",
      json,
      '{"force":true}',
      /^body must not have "force"/,
    ],
    [
      "an access token status outside its enum",
      "POST",
      "/access-tokens",
      json,
      '{"name":"x","status":"paused"}',
      /^body\.status must be one of active, inactive, got "paused"$/,
    ],
  ];
  it.each(cases)("refuses %s", async (_what, method, path, headers, body, message) => {
    const answer = await call(fixed(), method, path, {
      ...(headers ? { headers } : {}),
      ...(body === undefined ? {} : { body }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ type: "Validation", message: expect.stringMatching(message) });
  });

  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "APPLICATION/JSON",
    "application/vnd.api+json",
    "application/merge-patch+json;x=1",
  ])("takes a JSON body sent as %s", async (type) => {
    expect(
      (await call(fixed(), "POST", "/me/tokens", { headers: { ...auth, "content-type": type }, body: '{"name":"x"}' }))
        .status,
    ).toBe(201);
  });

  it("reads a body of exactly 1 MiB, the most it takes", async () => {
    const shell = JSON.stringify({ name: "x", description: "" });
    const body = JSON.stringify({ name: "x", description: "d".repeat(1024 * 1024 - shell.length) });
    expect(body).toHaveLength(1024 * 1024);
    // Read whole, then held to the spec: a description that long breaks its rule, not the size limit.
    const answer = await call(fixed(), "POST", "/me/tokens", { headers: json, body });
    expect(answer.body).toEqual({ type: "Validation", message: expect.stringMatching(/^body\.description /) });
  });

  it("refuses a body over 1 MiB without reading the rest", async () => {
    const answer = await call(fixed(), "POST", "/me/tokens", {
      headers: json,
      body: JSON.stringify({ name: "x", description: "d".repeat(1_100_000) }),
    });
    expect(answer.body).toEqual({ type: "Validation", message: "the request body is larger than 1048576 bytes" });
  });

  it("refuses a body that is not UTF-8", async () => {
    const response = await fixed().fetch("https://api.losant.com/me/tokens", {
      method: "POST",
      headers: json,
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
    });
    expect(await response.json()).toEqual({ type: "Validation", message: "the request body is not UTF-8 text" });
  });

  it("counts name lengths in code points, as JSON Schema does", async () => {
    expect(
      (await call(fixed(), "POST", "/me/tokens", { headers: json, body: JSON.stringify({ name: "😀".repeat(255) }) }))
        .status,
    ).toBe(201);
    expect(
      (await call(fixed(), "POST", "/me/tokens", { headers: json, body: JSON.stringify({ name: "😀".repeat(256) }) }))
        .status,
    ).toBe(400);
  });
});

describe("what Losant's client sends, accepted as Losant's API accepts it", () => {
  it("takes _actions, _links and _embedded, Accept-Version and losantdomain, and {} as a DELETE body", async () => {
    const fake = fixed();
    const headers = { ...json, "accept-version": "^1.20.1", losantdomain: "example" };
    const created = await call(fake, "POST", "/me/tokens?_actions=false&_links=true&_embedded=true", {
      headers,
      body: '{"name":"x"}',
    });
    expect(created.status).toBe(201);
    expect(
      (await call(fake, "GET", "/me/tokens?_actions=false&_links=true&_embedded=true", { headers })).body["count"],
    ).toBe(1);
    expect(
      await call(fake, "DELETE", `/me/tokens/${String(created.body["id"])}?_actions=false&_links=true&_embedded=true`, {
        headers,
        body: "{}",
      }),
    ).toMatchObject({ status: 200, body: { success: true } });
  });
});

describe("tokens, as Losant keeps them", () => {
  it("gives ids of 24 hexadecimal digits, dates from the clock, the owner and the creator", async () => {
    const created = await facade(fixed({ user: { id: "5f0c1e2d3a4b5c6d7e8f9a0b", name: "Ada" } })).create({
      name: "deploy",
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      apiTokenId: created.id,
      ownerId: "5f0c1e2d3a4b5c6d7e8f9a0b",
      ownerType: "user",
      creatorId: "5f0c1e2d3a4b5c6d7e8f9a0b",
      creatorType: "user",
      creatorName: "Ada",
      name: "deploy",
      status: "active",
      creationDate: AT,
      lastUpdated: AT,
      token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    });
  });

  it("returns the secret token by creation only: never by get, list, update or state", async () => {
    const fake = fixed();
    const api = facade(fake);
    const created = await api.create({ name: "secret" });
    const id = created.id ?? "";
    const later = [
      await api.get(id),
      ...((await api.list()).items ?? []),
      await api.update(id, { name: "renamed" }),
      ...fake.state().userTokens,
    ];
    for (const seen of later) expect(seen).not.toHaveProperty("token");
    expect(JSON.stringify(fake.state())).not.toContain(created.token);
  });

  it("moves lastUpdated on update, never creationDate, and stores dates in UTC with milliseconds", async () => {
    let time = Date.parse(AT);
    const api = facade(createFakeLosant({ clock: () => new Date(time) }));
    const created = await api.create({ name: "x", expirationDate: "2027-01-15T10:30:00+01:00" });
    time += 60_000;
    const updated = await api.update(created.id ?? "", { name: "y" });
    expect([updated.creationDate, updated.lastUpdated, updated.expirationDate]).toEqual([
      AT,
      "2026-01-15T09:31:00.000Z",
      "2027-01-15T09:30:00.000Z",
    ]);
  });

  it("stores no expirationDate field for a token created without one", async () => {
    const fake = fixed();
    await facade(fake).create({ name: "forever" });
    expect(Object.keys(fake.state().userTokens[0] ?? {})).not.toContain("expirationDate");
  });

  it("finds an id written in capitals: it is the same hexadecimal id", async () => {
    const api = facade(fixed());
    const { id = "" } = await api.create({ name: "x" });
    expect((await api.get(id.toUpperCase())).id).toBe(id);
  });

  it("answers 404 NotFound for an id no token has, in the words of the spec's example", async () => {
    expect(await rejection(facade(fixed()).get("575ec7417ae143cd83dc4a95"))).toBe(
      "404 NotFound: API Token was not found",
    );
    expect(
      await rejection(
        createAccessTokensApi({ token: FAKE_TOKEN, fetch: fixed().fetch }).delete("575ec7417ae143cd83dc4a95"),
      ),
    ).toBe("404 NotFound: Access Token was not found");
  });

  it("gives ids unique and ordered by creation, even under a clock that stands still", async () => {
    const api = facade(fixed());
    const ids = [];
    for (let i = 0; i < 20; i += 1) ids.push((await api.create({ name: `t${i}` })).id);
    expect(new Set(ids).size).toBe(20);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe("ids and secrets, shaped as Losant's", () => {
  /** The JSON of one base64url part of a JWT. */
  const part = (text: string | undefined) =>
    JSON.parse(Buffer.from(text ?? "", "base64url").toString("utf8")) as unknown;

  it("begins an id with the clock's seconds in 8 hex digits, then counts in 16", async () => {
    const api = facade(fixed());
    const seconds = (Date.parse(AT) / 1000).toString(16);
    expect([(await api.create({ name: "a" })).id, (await api.create({ name: "b" })).id]).toEqual([
      `${seconds}0000000000000001`,
      `${seconds}0000000000000002`,
    ]);
    // Early in 1970 the seconds take fewer than 8 digits: zeros come first, so that ids keep their order.
    const early = facade(createFakeLosant({ clock: () => new Date(60_000) }));
    expect((await early.create({ name: "c" })).id).toBe("0000003c0000000000000001");
  });

  it("skips an id a seeded token already has, in any collection", async () => {
    const seconds = (Date.parse(AT) / 1000).toString(16);
    const taken = `${seconds}0000000000000001`;
    const fake = fixed({ initial: { applicationTokens: { [APP]: [{ id: taken, name: "seeded" }] } } });
    expect((await facade(fake).create({ name: "new" })).id).toBe(`${seconds}0000000000000002`);
  });

  it("gives a secret that is a JWT: HS256 header, the token's id, the clock's seconds and the fake as issuer, a 32-byte signature", async () => {
    const created = await facade(fixed()).create({ name: "jwt" });
    const [header, payload, signature, ...rest] = (created.token ?? "").split(".");
    expect(rest).toEqual([]);
    expect(part(header)).toEqual({ alg: "HS256", typ: "JWT" });
    expect(part(payload)).toEqual({ sub: created.id, iat: Date.parse(AT) / 1000, iss: "fake.losant" });
    // base64url without padding: 32 bytes are 43 characters, none of them +, / or =.
    expect(signature).toMatch(/^[\w-]{43}$/);
    expect(Buffer.from(signature ?? "", "base64url")).toHaveLength(32);
  });

  it("leaves out both = of a part that base64 pads with two: a payload of 70 bytes, when the seconds have 9 digits", async () => {
    const created = await facade(createFakeLosant({ clock: () => new Date("2000-01-01T00:00:00Z") })).create({
      name: "y2k",
    });
    const payload = (created.token ?? "").split(".")[1] ?? "";
    expect(Buffer.from(payload, "base64url")).toHaveLength(70);
    expect(payload).toMatch(/^[\w-]{94}$/);
    expect(part(payload)).toEqual({ sub: created.id, iat: 946684800, iss: "fake.losant" });
  });

  it("writes every part in base64url, never +, / or =, whatever the random bytes", async () => {
    // A 32-byte signature needs one = of padding in base64; the 860 characters of 20 random signatures
    // hold a + (and a /) in all but about one run in 700,000: (63/64)^860.
    const api = facade(fixed());
    for (let i = 0; i < 20; i += 1)
      expect((await api.create({ name: `t${i}` })).token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]{43}$/);
  });
});

describe("lists: sorted, filtered with globbing, paged", () => {
  it("echoes the spec's defaults when the query leaves them out, and no filter it was not given", async () => {
    const answer = await call(fixed(), "GET", "/me/tokens");
    expect(answer.body).toEqual({
      items: [],
      count: 0,
      totalCount: 0,
      perPage: 100,
      page: 0,
      sortField: "name",
      sortDirection: "asc",
      ownerId: expect.any(String),
      ownerType: "user",
    });
  });

  it("sorts by any field the spec lists, either way, missing values first, ties by id", async () => {
    const api = facade(fixed());
    for (const [name, expirationDate] of [
      ["b", "2030-01-01T00:00:00Z"],
      ["a", undefined],
      ["b", "2029-01-01T00:00:00Z"],
    ] as const) {
      await api.create({ name, ...(expirationDate ? { expirationDate } : {}) });
    }
    const order = async (sortField: "expirationDate" | "name", sortDirection: "asc" | "desc") =>
      ((await api.list({ sortField, sortDirection })).items ?? []).map(
        (token) => `${token.name}${token.expirationDate?.slice(0, 4) ?? ""}`,
      );
    expect(await order("expirationDate", "asc")).toEqual(["a", "b2029", "b2030"]);
    expect(await order("expirationDate", "desc")).toEqual(["b2030", "b2029", "a"]);
    expect(await order("name", "asc")).toEqual(["a", "b2030", "b2029"]);
    expect(await order("name", "desc")).toEqual(["b2029", "b2030", "a"]);
  });

  it("filters only when both filterField and a non-blank filter are given", async () => {
    const api = facade(fixed());
    await api.create({ name: "one" });
    await api.create({ name: "two" });
    expect((await api.list({ filterField: "name", filter: "" })).totalCount).toBe(2);
    expect((await api.list({ filter: "one" })).totalCount).toBe(2);
    expect((await api.list({ filterField: "name", filter: "one" })).totalCount).toBe(1);
  });

  it("pages: count is the page's, totalCount all that matched, a page past the end is empty", async () => {
    const api = facade(fixed());
    for (const name of ["a", "b", "c"]) await api.create({ name });
    expect(await api.list({ perPage: 2, page: 0 })).toMatchObject({ count: 2, totalCount: 3, perPage: 2, page: 0 });
    expect(await api.list({ perPage: 2, page: 1 })).toMatchObject({ count: 1, totalCount: 3, perPage: 2, page: 1 });
    expect(await api.list({ perPage: 2, page: 9 })).toMatchObject({ items: [], count: 0, totalCount: 3 });
  });

  it("refuses a negative page, or a perPage below 1, which the spec does not bound and no page could answer", async () => {
    expect(await rejection(facade(fixed()).list({ page: -1 }))).toBe(
      "400 Validation: query parameter page must be 0 or more, got -1",
    );
    expect(await rejection(facade(fixed()).list({ perPage: 0 }))).toBe(
      "400 Validation: query parameter perPage must be 1 or more, got 0",
    );
  });
});

describe("the glob syntax of filter", () => {
  it.each([
    ["*", "anything", true],
    ["*", "", true],
    ["ci-*", "ci-deploy", true],
    ["ci-*", "my ci-deploy", false],
    ["*deploy", "ci-deploy", true],
    ["my*token", "my token", true],
    ["my*token", "my CI token", true],
    ["my*token", "my token 2", false],
    ["?", "a", true],
    ["?", "😀", true],
    ["?", "ab", false],
    ["t?st", "test", true],
    ["CI-DEPLOY", "ci-deploy", true],
    ["Straße", "STRASSE", false],
    ["a.c", "abc", false],
    ["[ab]", "a", false],
    ["[ab]", "[AB]", true],
    ["a**b", "ab", true],
    ["", "", true],
    // A star in the name is a character like any other; only the pattern's stars match runs.
    ["*b", "*ab", true],
    ["*b", "*", false],
    ["a*", "a*x", true],
    ["??", "*", false],
  ])("%j matches %j: %s", (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });

  // A regular expression built from these would backtrack for ever; the matcher's one backtrack point cannot.
  it("decides patterns of many stars against long names", () => {
    expect(globMatches(`${"*a".repeat(100)}b`, "a".repeat(255))).toBe(false);
    expect(globMatches(`${"*a".repeat(100)}*`, "a".repeat(255))).toBe(true);
    expect(globMatches(`${"*a?".repeat(60)}`, "ab".repeat(120))).toBe(true);
  });
});

describe("applications", () => {
  it("keeps each application's tokens apart: any well-formed id is an application, with none until one is made", async () => {
    const fake = fixed();
    const created = await call(fake, "POST", `/applications/${APP}/tokens`, { headers: json, body: '{"name":"gw"}' });
    const other = "575ec8687ae143cd83dc4a98";
    expect((await call(fake, "GET", `/applications/${other}/tokens`)).body).toMatchObject({
      count: 0,
      ownerId: other,
      ownerType: "application",
    });
    expect((await call(fake, "GET", `/applications/${other}/tokens/${String(created.body["id"])}`)).status).toBe(404);
    expect((await call(fake, "GET", `/me/tokens/${String(created.body["id"])}`)).status).toBe(404);
  });
});

describe("state, reset and initial data", () => {
  it("shows its tokens by collection, as copies, and reset() takes it back to the initial data", async () => {
    const fake = fixed({
      initial: {
        userTokens: [{ name: "seeded" }],
        applicationTokens: { [APP]: [{ name: "app seeded", status: "inactive" }] },
      },
    });
    await facade(fake).create({ name: "made" });
    const state = fake.state();
    expect(state.userTokens.map((token) => token.name)).toEqual(["seeded", "made"]);
    expect(state.applicationTokens[APP]).toEqual([
      expect.objectContaining({
        name: "app seeded",
        status: "inactive",
        ownerId: APP,
        ownerType: "application",
        creationDate: AT,
      }),
    ]);
    state.userTokens.length = 0;
    (state.applicationTokens[APP] ?? [])[0]!.name = "changed";
    expect(fake.state().userTokens).toHaveLength(2);
    expect(fake.state().applicationTokens[APP]?.[0]?.name).toBe("app seeded");
    fake.reset();
    expect(fake.state().userTokens.map((token) => token.name)).toEqual(["seeded"]);
    expect((await facade(fake).list()).totalCount).toBe(1);
  });

  it("keeps the ids and dates a seed gives, and serves it like any other token", async () => {
    const seed = {
      id: "575ec7417ae143cd83dc4a95",
      name: "old",
      creationDate: "2020-01-01T00:00:00.000Z",
      scope: ["all.User"],
    };
    const api = facade(fixed({ initial: { userTokens: [seed] } }));
    expect(await api.get(seed.id)).toEqual({
      ...seed,
      apiTokenId: seed.id,
      lastUpdated: seed.creationDate,
      status: "active",
      ownerId: expect.any(String),
      ownerType: "user",
      creatorId: expect.any(String),
      creatorType: "user",
      creatorName: "Example User",
    });
  });

  it.each([
    ["not an object", "nope", /^losant-access-tokens\/fake: options\.initial must be an object/],
    [
      "an unknown collection",
      { devices: [] },
      /options\.initial has unknown "devices": it takes userTokens, applicationTokens, instanceTokens, oauthTokens, applications, instances, accessTokens/,
    ],
    [
      "a seed with a secret",
      { userTokens: [{ name: "x", token: "s3cr3t" }] },
      /options\.initial\.userTokens\[0\]\.token must be left out/,
    ],
    [
      "a seed the spec rejects",
      { userTokens: [{ name: "x", status: "paused" }] },
      /options\.initial\.userTokens\[0\]\.status must be one of active, inactive, got "paused"/,
    ],
    ["a malformed id", { accessTokens: [{ id: "12" }] }, /options\.initial\.accessTokens\[0\]\.id must match pattern/],
    [
      "two seeds with one id",
      { userTokens: [{ id: "575ec7417ae143cd83dc4a95" }], accessTokens: [{ id: "575ec7417ae143cd83dc4a95" }] },
      /accessTokens\[0\]\.id "575ec7417ae143cd83dc4a95" is already the id of another seed/,
    ],
    [
      "a malformed application id",
      { applicationTokens: { app1: [] } },
      /applicationTokens\["app1"\]: app1 is not an application id/,
    ],
    [
      "another owner",
      { userTokens: [{ ownerType: "application" }] },
      /userTokens\[0\]\.ownerType must be "user" where this seed sits/,
    ],
  ])("refuses initial data that is %s, with a TypeError naming it", (_what, initial, message) => {
    expect(() => createFakeLosant({ initial } as never)).toThrow(message);
  });

  it.each([
    [
      "acceptTokens that are not strings",
      { acceptTokens: [1] },
      /options\.acceptTokens must be a list of non-empty strings, or a function/,
    ],
    [
      "acceptTokens with an empty token among good ones",
      { acceptTokens: ["good", ""] },
      /options\.acceptTokens must be a list of non-empty strings/,
    ],
    [
      "acceptTokens with a number among good ones",
      { acceptTokens: ["good", 7] },
      /options\.acceptTokens must be a list of non-empty strings/,
    ],
    [
      "a user that is a string",
      { user: "ada" },
      /^losant-access-tokens\/fake: options\.user must be an object, got string$/,
    ],
    [
      "a user that is null",
      { user: null },
      /^losant-access-tokens\/fake: options\.user must be an object, got object$/,
    ],
    ["a user name the spec rejects", { user: { name: 5 } }, /options\.user\.name /],
    [
      "a clock that is not a function",
      { clock: "now" },
      /options\.clock must be a function returning a Date, got string/,
    ],
    ["a user id the spec rejects", { user: { id: "me" } }, /options\.user\.id must match pattern/],
    ["options that are not an object", "fast", /options must be an object, got string/],
  ])("refuses %s, at creation", (_what, options, message) => {
    expect(() => createFakeLosant(options as never)).toThrow(message);
  });

  it("rejects the request, naming the option, when the clock gives no valid date", async () => {
    let readings = 0;
    // Valid when the fake is made, broken when a request reads it.
    const fake = createFakeLosant({ clock: () => new Date((readings += 1) > 1 ? NaN : 0) });
    await expect(fake.fetch("https://api.losant.com/me/tokens", { headers: auth })).rejects.toThrow(
      /options\.clock must return a valid Date, got Invalid Date/,
    );
  });
});

describe("where it runs", () => {
  it("bundles for browsers with no Node built-in, and the main entry bundles without it", async () => {
    const withFake = await bundleForBrowser('export * from "./src/fake/index.ts";', repoPath("."));
    expect(withFake.builtins).toEqual([]);
    expect(withFake.inputs.some((input) => input.startsWith("generated/fake-params.js"))).toBe(true);
    const main = await bundleForBrowser('export * from "./src/index.ts";', repoPath("."));
    expect(main.inputs.filter((input) => /fake|ajv/.test(input))).toEqual([]);
  });
});
