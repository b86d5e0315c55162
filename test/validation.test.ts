// `validateResponses: true`: every success body is held to the spec's schema for its operation and
// status, in both styles, in process (a custom fetch) and over real sockets (this file is in the transport
// suite, so it runs on both senders). A mismatch is a LosantValidationError that names the operation, the
// JSON pointer and what was expected, never the value found.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createFakeLosant } from "../src/fake/index.js";
import {
  createAccessTokensClient,
  createApplicationsApi,
  createInstancesApi,
  createInstanceTokensApi,
  createOauthTokensApi,
  createUserTokensApi,
  isLosantError,
  LosantValidationError,
  type ClientOptions,
} from "../src/index.js";
import { json, rejection, serve } from "./support/fault-server.js";
import { TOKEN } from "./support/clients.js";
import { renderings } from "./support/renderings.js";

const ID = "5ec8687ae143cd83dc4a9700";
const TOKEN_OK = {
  id: ID,
  name: "deploy",
  scope: ["all.User"],
  status: "active",
  creationDate: "2026-01-15T09:30:00.000Z",
  expirationDate: "2026-03-01T09:30:00.000Z",
};
/** The new token's secret in a create answer: not the client's token, and never to be printed. */
const SECRET = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJuZXctdG9rZW4ifQ.the-new-secret-that-must-survive";

/** Where the answers come from: a custom fetch in process, or a server on a real socket. */
const wires = {
  "in process (a custom fetch)": async (status: number, body: unknown) => {
    const fetch = async () => Response.json(body, { status });
    return { options: { token: TOKEN, fetch } as ClientOptions, count: () => 0 };
  },
  "over a real socket": async (status: number, body: unknown) => {
    const { url, requests } = await serve((_request, response) => json(response, status, body));
    return { options: { token: TOKEN, baseUrl: url, retries: 0 } as ClientOptions, count: () => requests.length };
  },
};

describe.each(Object.entries(wires))("a malformed success answer, %s", (_wire, wire) => {
  const facade = async (status: number, body: unknown) =>
    createUserTokensApi({ ...(await wire(status, body)).options, validateResponses: true });

  it.each([
    ["a list whose items is not a list", { items: "nope", totalCount: 1 }, "/items", "must be array"],
    [
      "a token whose scope is a string",
      { items: [{ ...TOKEN_OK, scope: "all.User" }], totalCount: 1 },
      "/items/0/scope",
      "must be array",
    ],
    [
      "an expirationDate that is not a date",
      { items: [TOKEN_OK, { ...TOKEN_OK, expirationDate: "not-a-date" }], totalCount: 2 },
      "/items/1/expirationDate",
      'must match format "date-time"',
    ],
  ])("rejects the facade's list with LosantValidationError: %s", async (_what, body, pointer, expected) => {
    const error = await rejection((await facade(200, body)).list());
    expect(error).toBeInstanceOf(LosantValidationError);
    expect(isLosantError(error)).toBe(true);
    expect(error).toMatchObject({
      name: "LosantValidationError",
      status: 200,
      operationId: "listUserTokens",
      method: "GET",
      path: "/me/tokens",
      pointer,
      expected,
      mayHaveSucceeded: false,
    });
    expect((error as Error).message).toBe(
      `Losant API 200 answer to listUserTokens does not match the spec: ${pointer} ${expected} (GET /me/tokens)`,
    );
  });

  it("never shows the value found, in any rendering", async () => {
    const error = await rejection(
      (await facade(200, { items: [{ ...TOKEN_OK, expirationDate: "in-a-fortnight-maybe" }] })).list(),
    );
    for (const shown of [
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: Infinity }),
      (error as Error).stack,
    ])
      expect(shown).not.toContain("in-a-fortnight-maybe");
  });

  it("rejects listAll at the first malformed page", async () => {
    const error = await rejection(
      (async () => {
        for await (const _token of (await facade(200, { items: "nope", totalCount: 1 })).listAll());
      })(),
    );
    expect(error).toMatchObject({ operationId: "listUserTokens", pointer: "/items" });
  });

  it("says mayHaveSucceeded for a 201 to POST, and keeps the new secret in `body`, not enumerable, out of every rendering", async () => {
    const error = (await rejection(
      (await facade(201, { ...TOKEN_OK, scope: "all.User", token: SECRET })).create({ name: "deploy" }),
    )) as LosantValidationError;
    expect(error).toMatchObject({
      operationId: "createUserToken",
      method: "POST",
      path: "/me/tokens",
      pointer: "/scope",
      mayHaveSucceeded: true,
    });
    expect(error.message).toBe(
      "Losant API 201 answer to createUserToken does not match the spec: /scope must be array; it may have taken effect (POST /me/tokens)",
    );
    expect((error.body as { token: string }).token).toBe(SECRET);
    expect(Object.keys(error)).not.toContain("body");
    for (const shown of [String(error), JSON.stringify(error), inspect(error, { depth: Infinity }), error.stack])
      expect(shown).not.toContain(SECRET);
  });

  it.each([
    [
      "PATCH",
      (api: Awaited<ReturnType<typeof facade>>) => api.update(ID, { name: "x" }),
      "updateUserToken",
      { ...TOKEN_OK, status: "paused" },
      "/status",
      "must be equal to one of the allowed values",
    ],
    [
      "DELETE",
      (api: Awaited<ReturnType<typeof facade>>) => api.delete(ID),
      "deleteUserToken",
      { success: "yes" },
      "/success",
      "must be boolean",
    ],
  ])("says mayHaveSucceeded for a 200 to %s", async (method, call, operationId, body, pointer, expected) => {
    const error = await rejection(call(await facade(200, body)));
    expect(error).toMatchObject({
      method,
      path: `/me/tokens/${ID}`,
      operationId,
      pointer,
      expected,
      mayHaveSucceeded: true,
    });
  });

  it("redacts the client's token from the body it keeps, so that no rendering shows it, hidden fields included", async () => {
    const error = (await rejection(
      (await facade(200, { ...TOKEN_OK, name: TOKEN, [TOKEN]: TOKEN, scope: 7 })).get(ID),
    )) as LosantValidationError;
    expect(error.pointer).toBe("/scope");
    expect(error.body).toMatchObject({ name: "[REDACTED]", "[REDACTED]": "[REDACTED]" });
    for (const shown of renderings(error)) expect(shown).not.toContain(TOKEN);
  });

  it("refuses a success status the spec does not give the operation", async () => {
    const error = await rejection((await facade(202, TOKEN_OK)).get(ID));
    expect(error).toMatchObject({
      status: 202,
      operationId: "getUserToken",
      pointer: "",
      expected: "must come with a status the spec gives this operation",
    });
    expect((error as Error).message).toBe(
      `Losant API 202 answer to getUserToken does not match the spec: the body must come with a status the spec gives this operation (GET /me/tokens/${ID})`,
    );
  });

  it("throws from the typed client too (it rejects; it does not resolve with `error`)", async () => {
    const { options } = await wire(200, { items: "nope", totalCount: 1 });
    const client = createAccessTokensClient({ ...options, validateResponses: true });
    const error = await rejection(client.GET("/me/tokens"));
    expect(error).toBeInstanceOf(LosantValidationError);
    expect(error).toMatchObject({ operationId: "listUserTokens", pointer: "/items", path: "/me/tokens" });
    // client.request names the method apart: it is checked alike.
    expect(await rejection(client.request("get", "/me/tokens"))).toMatchObject({
      operationId: "listUserTokens",
      pointer: "/items",
    });
  });

  it("leaves a body the caller reads as text to the caller", async () => {
    const { options } = await wire(200, { items: "nope", totalCount: 1 });
    const { data } = await createAccessTokensClient({ ...options, validateResponses: true }).GET("/me/tokens", {
      parseAs: "text",
    });
    expect(JSON.parse(data as string)).toEqual({ items: "nope", totalCount: 1 });
  });

  it("lets the same answer through when validation is off (the default)", async () => {
    const { options } = await wire(200, { items: "nope", totalCount: 1 });
    expect(await createUserTokensApi(options).list()).toEqual({ items: "nope", totalCount: 1 });
    const { data } = await createAccessTokensClient(options).GET("/me/tokens");
    expect(data).toEqual({ items: "nope", totalCount: 1 });
  });
});

describe("answers that match the spec, with validation on", () => {
  it("pass through a whole life cycle against the fake, in both styles", async () => {
    const fake = createFakeLosant();
    const api = createUserTokensApi({ token: "test-token", fetch: fake.fetch, validateResponses: true });
    const created = await api.create({
      name: "CI deploy key",
      scope: ["all.User.read"],
      expirationDate: "2027-01-01T00:00:00.000Z",
    });
    expect(created.token).toEqual(expect.any(String));
    expect((await api.list()).totalCount).toBe(1);
    expect((await api.update(created.id!, { status: "inactive" })).status).toBe("inactive");
    const client = createAccessTokensClient({ token: "test-token", fetch: fake.fetch, validateResponses: true });
    expect(
      (await client.GET("/me/tokens/{apiTokenId}", { params: { path: { apiTokenId: created.id! } } })).data?.id,
    ).toBe(created.id);
    expect(await api.delete(created.id!)).toEqual({ success: true });
  });

  it("pass over a real socket, an empty DELETE answer included", async () => {
    const { url } = await serve((request, response) =>
      request.method === "DELETE"
        ? response.writeHead(200).end()
        : json(response, 200, { items: [TOKEN_OK], totalCount: 1 }),
    );
    const api = createUserTokensApi({ token: TOKEN, baseUrl: url, validateResponses: true });
    expect(await api.list()).toEqual({ items: [TOKEN_OK], totalCount: 1 });
    expect(await api.delete(ID)).toEqual({ success: true });
  });
});

describe("every path the spec has", () => {
  it("checks the lists of instance tokens, OAuth tokens, applications and instances against their own schemas", async () => {
    const options = { token: TOKEN, fetch: async () => Response.json({ items: "nope" }), validateResponses: true };
    const calls = [
      createInstanceTokensApi(options).list("575ec7417ae143cd83dc4a96"),
      createOauthTokensApi(options).list(),
      createApplicationsApi(options).list(),
      createInstancesApi(options).list(),
    ];
    const errors = (await Promise.all(calls.map(rejection))) as LosantValidationError[];
    expect(errors.map((error) => [error.operationId, error.pointer])).toEqual([
      ["listInstanceTokens", "/items"],
      ["listOauthTokens", "/items"],
      ["listApplications", "/items"],
      ["listInstances", "/items"],
    ]);
  });

  it("lets the fake's own answers through on each of them", async () => {
    const fake = createFakeLosant();
    const options = { token: "test-token", fetch: fake.fetch, validateResponses: true };
    await expect(createOauthTokensApi(options).list()).resolves.toMatchObject({ items: expect.any(Array) });
    await expect(createApplicationsApi(options).list()).resolves.toMatchObject({ items: expect.any(Array) });
    await expect(createInstancesApi(options).list()).resolves.toMatchObject({ items: expect.any(Array) });
  });
});

describe("the option", () => {
  it.each(["yes", 1, null])("refuses validateResponses %s with a TypeError", (value) => {
    expect(() => createUserTokensApi({ token: TOKEN, validateResponses: value as unknown as boolean })).toThrow(
      new TypeError("losant-access-tokens: options.validateResponses must be true or false"),
    );
  });
});
