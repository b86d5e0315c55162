import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLosantClient, type LosantClient } from "./support/losant-rest.js";
import { startFakeServer } from "../scripts/fake.mjs";
import { createFakeLosant } from "../src/fake/index.js";
import { specChecked } from "./support/fake-answers.js";
import { APP, FAKE_TOKEN, OTHER_APP } from "./support/fake-scenario.js";

const INSTANCE = "575ec7417ae143cd83dc4a96";
const OTHER_INSTANCE = "575ec7417ae143cd83dc4a00";
const { checked } = specChecked();
/** What Losant's client sent, as the fake received it. */
const received: { method: string; search: string; acceptVersion: string | null; body: string }[] = [];
let server: { url: string; close: () => Promise<void> };
let client: LosantClient;

beforeAll(async () => {
  // The owners the caller can see, for the lists of applications and instances.
  const fake = createFakeLosant({
    initial: { applications: [{ id: APP, name: "Factory" }], instances: [{ id: INSTANCE, name: "Enterprise" }] },
  });
  const answer = checked((request) => fake.fetch(request));
  const recording = {
    fetch: async (request: Request) => {
      const copy = request.clone();
      const { search } = new URL(request.url);
      received.push({
        method: request.method,
        search,
        acceptVersion: request.headers.get("accept-version"),
        body: request.method === "GET" ? "" : await copy.text(),
      });
      return answer(request);
    },
  };
  server = await startFakeServer({ fake: recording, port: 0 });
  client = createLosantClient(FAKE_TOKEN, server.url);
});
afterAll(() => server?.close());

/** The error Losant's client throws: an Error with the body's fields copied on, and statusCode. */
const failure = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (error: { statusCode?: number; type?: string; message?: string }) => [error.statusCode, error.type, error.message],
  );

describe("Losant's own JavaScript client (losant-rest 2.8.1), unchanged, against `npm run fake`", () => {
  it("creates, lists, gets, updates and deletes the user's API tokens", async () => {
    const created = await client.userApiTokens.post({
      apiToken: { name: "From losant-rest", scope: ["all.User.read"] },
    });
    expect(created).toMatchObject({ name: "From losant-rest", ownerType: "user", token: expect.any(String) });
    const id = created["id"];
    const list = await client.userApiTokens.get({
      sortField: "name",
      sortDirection: "asc",
      page: 0,
      perPage: 10,
      filterField: "name",
      filter: "from*",
    });
    expect(list).toMatchObject({ count: 1, totalCount: 1, perPage: 10, filter: "from*" });
    expect(await client.userApiToken.get({ apiTokenId: id })).toMatchObject({ id, name: "From losant-rest" });
    expect(await client.userApiToken.patch({ apiTokenId: id, apiToken: { status: "inactive" } })).toMatchObject({
      id,
      status: "inactive",
    });
    expect(await client.userApiToken.delete({ apiTokenId: id })).toEqual({ success: true });
    expect(await failure(client.userApiToken.get({ apiTokenId: id }))).toEqual([
      404,
      "NotFound",
      "API Token was not found",
    ]);
  });

  it("creates, lists, gets, updates and deletes an application's API tokens, which another application does not see", async () => {
    const created = await client.applicationApiTokens.post({
      applicationId: APP,
      apiToken: { name: "Gateway", scope: ["devices.post"] },
    });
    const id = created["id"];
    expect(await client.applicationApiTokens.get({ applicationId: APP })).toMatchObject({
      count: 1,
      ownerId: APP,
      ownerType: "application",
    });
    expect(await client.applicationApiTokens.get({ applicationId: OTHER_APP })).toMatchObject({ count: 0 });
    expect(await client.applicationApiToken.get({ applicationId: APP, apiTokenId: id })).toMatchObject({
      id,
      ownerId: APP,
    });
    expect(
      await client.applicationApiToken.patch({
        applicationId: APP,
        apiTokenId: id,
        apiToken: { description: "Factory line 2" },
      }),
    ).toMatchObject({ description: "Factory line 2" });
    expect(await failure(client.applicationApiToken.delete({ applicationId: OTHER_APP, apiTokenId: id }))).toEqual([
      404,
      "NotFound",
      "API Token was not found",
    ]);
    expect(await client.applicationApiToken.delete({ applicationId: APP, apiTokenId: id })).toEqual({ success: true });
  });

  it("creates, lists, gets, updates and deletes an instance's API tokens, which carry no owner fields", async () => {
    const created = await client.instanceApiTokens.post({
      instanceId: INSTANCE,
      apiToken: { name: "Usage report", scope: ["instance.get"] },
    });
    expect(created).toMatchObject({ name: "Usage report", token: expect.any(String) });
    expect(created).not.toHaveProperty("ownerType");
    const id = created["id"];
    const list = await client.instanceApiTokens.get({
      instanceId: INSTANCE,
      sortField: "creationDate",
      sortDirection: "desc",
      page: 0,
      perPage: 10,
      filterField: "status",
      filter: "active",
    });
    expect(list).toMatchObject({ count: 1, totalCount: 1, sortField: "creationDate", filterField: "status" });
    expect(await client.instanceApiTokens.get({ instanceId: OTHER_INSTANCE })).toMatchObject({ count: 0 });
    expect(await client.instanceApiToken.get({ instanceId: INSTANCE, apiTokenId: id })).toMatchObject({
      id,
      name: "Usage report",
    });
    expect(
      await client.instanceApiToken.patch({ instanceId: INSTANCE, apiTokenId: id, apiToken: { status: "inactive" } }),
    ).toMatchObject({ id, status: "inactive" });
    expect(await failure(client.instanceApiToken.delete({ instanceId: OTHER_INSTANCE, apiTokenId: id }))).toEqual([
      404,
      "NotFound",
      "API Token was not found",
    ]);
    expect(await client.instanceApiToken.delete({ instanceId: INSTANCE, apiTokenId: id })).toEqual({ success: true });
    expect(await failure(client.instanceApiToken.get({ instanceId: INSTANCE, apiTokenId: id }))).toEqual([
      404,
      "NotFound",
      "API Token was not found",
    ]);
  });

  it("lists the applications and the instances, the owners of tokens", async () => {
    const applications = await client.applications.get({
      sortField: "name",
      filterField: "name",
      filter: "fact*",
      orgId: "",
      summaryExclude: "payloadCount",
    });
    expect(applications).toMatchObject({ count: 1, items: [{ id: APP, name: "Factory" }] });
    expect(await client.instances.get({ sortField: "lastUpdated", perPage: 5 })).toMatchObject({
      count: 1,
      perPage: 5,
      items: [{ id: INSTANCE, name: "Enterprise" }],
    });
  });

  it("gets Losant's 400 for what the spec rejects, with a message that names it", async () => {
    expect(await failure(client.userApiTokens.post({ apiToken: { name: "" } }))).toEqual([
      400,
      "Validation",
      expect.stringMatching(/^body\.name /),
    ]);
    expect(await failure(client.userApiToken.get({ apiTokenId: "not-an-id" }))).toEqual([
      400,
      "Validation",
      expect.stringMatching(/^path parameter apiTokenId /),
    ]);
  });

  it("was served as it sends: _actions, _links and _embedded on every request, its Accept-Version, and {} as the body of every DELETE", () => {
    expect(received.length).toBeGreaterThan(10);
    for (const request of received) {
      expect(request.search).toMatch(/^\?_actions=false&_links=true&_embedded=true/);
      expect(request.acceptVersion).toBe("^1.20.1");
    }
    const deletes = received.filter((request) => request.method === "DELETE");
    expect(deletes.length).toBeGreaterThan(1);
    for (const request of deletes) expect(request.body).toBe("{}");
  });
});
