import { describe, expect, it } from "vitest";
import {
  createApplicationsApi,
  createInstancesApi,
  createInstanceTokensApi,
  createOauthTokensApi,
  LosantApiError,
  rotateApiToken,
} from "../src/index.js";
import { createFakeLosant, type FakeLosantData } from "../src/fake/index.js";
import { specChecked } from "./support/fake-answers.js";

// The fake's instance tokens, OAuth grants and owner lists: every answer held to the spec.

const NOW = new Date("2026-06-01T00:00:00.000Z");
const USER = "575ed70c7ae143cd83dc4aa9";
const INSTANCE = "575ec7417ae143cd83dc4a96";
const ORG = "575ecdf07ae143cd83dc4a9a";
const grantBody = {
  name: "Reporting assistant",
  scope: ["all.Application.read" as const],
  oauth: {
    client_id: "575ec7417ae143cd83dc4a98",
    redirect_uri: "https://assistant.example.com/callback",
    resource: ["https://api.losant.com"],
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256" as const,
  },
};
const { checked } = specChecked();

function world(initial?: FakeLosantData) {
  const fake = createFakeLosant({ clock: () => NOW, ...(initial ? { initial } : {}) });
  const options = { token: "t", fetch: checked((request) => fake.fetch(request)) };
  return {
    fake,
    instances: createInstanceTokensApi(options),
    grants: createOauthTokensApi(options),
    applications: createApplicationsApi(options),
    instanceList: createInstancesApi(options),
  };
}

describe("an instance's API tokens", () => {
  it("are created, read, listed, updated and deleted under the instance, with the secret once", async () => {
    const { instances, fake } = world();
    const created = await instances.create(INSTANCE, { name: "Usage report", scope: ["instance.get"] });
    expect(created.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await instances.get(INSTANCE, created.id ?? "")).not.toHaveProperty("token");
    expect((await instances.list(INSTANCE)).items?.map((token) => token.id)).toEqual([created.id]);
    expect((await instances.update(INSTANCE, created.id ?? "", { status: "inactive" })).status).toBe("inactive");
    expect(fake.state().instanceTokens[INSTANCE]).toHaveLength(1);
    expect(await instances.delete(INSTANCE, created.id ?? "")).toEqual({ success: true });
    expect(fake.state().instanceTokens).toEqual({});
  });

  it("have no ownerType and no ownerId, nor does their list: Losant publishes none for them", async () => {
    const { instances } = world();
    const created = await instances.create(INSTANCE, { name: "Usage report" });
    const page = await instances.list(INSTANCE);
    for (const shown of [created, await instances.get(INSTANCE, created.id ?? ""), ...(page.items ?? []), page]) {
      expect(shown).not.toHaveProperty("ownerType");
      expect(shown).not.toHaveProperty("ownerId");
    }
    expect(created).toMatchObject({ creatorId: USER, creatorType: "user" });
  });

  it("are kept apart from another instance's", async () => {
    const { instances } = world();
    const created = await instances.create(INSTANCE, { name: "x" });
    await expect(instances.get("575ec7417ae143cd83dc4a00", created.id ?? "")).rejects.toMatchObject({
      status: 404,
      body: { type: "NotFound", message: "API Token was not found" },
    });
  });

  it("rotate: the successor is created under the instance, the old one set inactive", async () => {
    const { instances } = world();
    const old = await instances.create(INSTANCE, {
      name: "Usage report",
      scope: ["instance.get"],
      expirationDate: "2026-07-01T00:00:00.000Z",
    });
    const rotation = await rotateApiToken(instances, INSTANCE, old.id ?? "", { now: () => NOW });
    expect(rotation.created).toMatchObject({
      name: "Usage report",
      scope: ["instance.get"],
      expirationDate: "2026-07-01T00:00:00.000Z",
    });
    expect(rotation.old.status).toBe("inactive");
    expect((await instances.list(INSTANCE)).items?.map((token) => token.status)).toEqual(["inactive", "active"]);
  });
});

describe("the user's OAuth grants", () => {
  it("are created pending, with no token secret, keeping the client and its audiences, not the PKCE challenge", async () => {
    const { grants } = world();
    const grant = await grants.create(grantBody);
    expect(grant).toEqual({
      id: grant.id,
      oauthTokenId: grant.id,
      name: "Reporting assistant",
      scope: ["all.Application.read"],
      status: "active",
      creationDate: NOW.toISOString(),
      lastUpdated: NOW.toISOString(),
      expirationDate: "2027-06-01T00:00:00.000Z",
      oauth: {
        client_id: grantBody.oauth.client_id,
        redirect_uri: grantBody.oauth.redirect_uri,
        resource: grantBody.oauth.resource,
        authorizationStatus: "pending",
      },
    });
  });

  it("expire in a year when no expiry is given, never when null is, or when the date given says", async () => {
    const { grants } = world();
    expect((await grants.create(grantBody)).expirationDate).toBe("2027-06-01T00:00:00.000Z");
    expect(await grants.create({ ...grantBody, expirationDate: null })).not.toHaveProperty("expirationDate");
    expect((await grants.create({ ...grantBody, expirationDate: "2026-06-02T00:00:00Z" })).expirationDate).toBe(
      "2026-06-02T00:00:00.000Z",
    );
  });

  it("are read, listed by name, updated and revoked; a revoked one is a 404 that names an OAuth token", async () => {
    const { grants } = world();
    const grant = await grants.create(grantBody);
    await grants.create({ ...grantBody, name: "Other client" });
    expect((await grants.list({ filterField: "name", filter: "report*" })).items?.map((g) => g.id)).toEqual([grant.id]);
    expect((await grants.update(grant.id ?? "", { status: "inactive" })).status).toBe("inactive");
    expect(await grants.delete(grant.id ?? "")).toEqual({ success: true });
    const error = await grants.get(grant.id ?? "").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LosantApiError);
    expect(error).toMatchObject({ status: 404, body: { type: "NotFound", message: "OAuth Token was not found" } });
  });

  it("refuse what the spec refuses: no oauth, a scope OAuth does not have, a sort by expiry", async () => {
    const { grants } = world();
    await expect(grants.create({ name: "x" } as never)).rejects.toMatchObject({ status: 400 });
    await expect(grants.create({ ...grantBody, scope: ["all.User"] } as never)).rejects.toMatchObject({ status: 400 });
    await expect(grants.list({ sortField: "expirationDate" } as never)).rejects.toMatchObject({ status: 400 });
  });

  it("walk every page with listAll", async () => {
    const { grants } = world();
    for (const n of [1, 2, 3]) await grants.create({ ...grantBody, name: `grant ${n}` });
    const names: (string | undefined)[] = [];
    for await (const grant of grants.listAll({ perPage: 2 })) names.push(grant.name);
    expect(names).toEqual(["grant 1", "grant 2", "grant 3"]);
  });
});

describe("the lists of owners", () => {
  const initial: FakeLosantData = {
    applications: [
      { id: "575ec8687ae143cd83dc4a97", name: "Factory" },
      { id: "575ec8687ae143cd83dc4a98", name: "Archive", ownerType: "organization", ownerId: ORG },
      { id: "575ec8687ae143cd83dc4a99", name: "Beta" },
    ],
    instances: [{ id: INSTANCE, name: "Enterprise" }],
  };

  it("list the seeded applications, the user's own by default, with their ids repeated as applicationId", async () => {
    const { applications } = world(initial);
    const page = await applications.list();
    expect(page.items?.map((app) => [app.name, app.applicationId, app.ownerType])).toEqual([
      ["Archive", "575ec8687ae143cd83dc4a98", "organization"],
      ["Beta", "575ec8687ae143cd83dc4a99", "user"],
      ["Factory", "575ec8687ae143cd83dc4a97", "user"],
    ]);
    expect(page).toMatchObject({
      count: 3,
      totalCount: 3,
      sortField: "name",
      sortDirection: "asc",
      page: 0,
      perPage: 100,
    });
  });

  it("keep, with orgId, that organization's applications, and with a blank orgId the user's own", async () => {
    const { applications } = world(initial);
    expect((await applications.list({ orgId: ORG })).items?.map((app) => app.name)).toEqual(["Archive"]);
    expect((await applications.list({ orgId: "" })).items?.map((app) => app.name)).toEqual(["Beta", "Factory"]);
  });

  it("walk every page of applications and instances with listAll", async () => {
    const { applications, instanceList } = world(initial);
    const names: (string | undefined)[] = [];
    for await (const app of applications.listAll({ perPage: 1, sortField: "creationDate", sortDirection: "desc" }))
      names.push(app.name);
    expect(names.sort()).toEqual(["Archive", "Beta", "Factory"]);
    const found: (string | undefined)[] = [];
    for await (const instance of instanceList.listAll()) found.push(instance.instanceId);
    expect(found).toEqual([INSTANCE]);
  });

  it("are empty in a fake nobody seeded", async () => {
    const { applications, instanceList } = world();
    expect((await applications.list()).items).toEqual([]);
    expect((await instanceList.list()).items).toEqual([]);
  });

  it("have facades with nothing but the client, list and listAll", () => {
    const { applications, instanceList } = world();
    expect(Object.keys(applications).sort()).toEqual(["client", "list", "listAll"]);
    expect(Object.keys(instanceList).sort()).toEqual(["client", "list", "listAll"]);
  });
});

describe("seeds of the new collections", () => {
  const made = (initial: unknown) => () => createFakeLosant({ initial } as never);

  it.each([
    [
      "an instance token with an ownerType",
      { instanceTokens: { [INSTANCE]: [{ name: "x", ownerType: "user" }] } },
      `options.initial.instanceTokens["${INSTANCE}"][0].ownerType must be left out`,
    ],
    [
      "an instance id of the wrong shape",
      { instanceTokens: { "not-an-id": [] } },
      `options.initial.instanceTokens["not-an-id"]: not-an-id is not an instance id (24 hexadecimal characters)`,
    ],
    [
      "instance tokens given as a list",
      { instanceTokens: [] },
      "options.initial.instanceTokens must be an object of arrays by instance id",
    ],
    [
      "an OAuth grant with a token secret",
      { oauthTokens: [{ name: "x", token: "secret" }] },
      "options.initial.oauthTokens[0].token must be left out",
    ],
    [
      "an OAuth grant with a status OAuth does not have",
      { oauthTokens: [{ name: "x", oauth: { authorizationStatus: "denied" } }] },
      "options.initial.oauthTokens[0].oauth.authorizationStatus must be one of pending, authorized",
    ],
    [
      "an application with a bad endpoint slug",
      { applications: [{ name: "x", endpointSlug: "Not A Slug" }] },
      "options.initial.applications[0].endpointSlug",
    ],
    [
      "an instance with an unknown MFA mode",
      { instances: [{ name: "x", mfaMode: "sometimes" }] },
      "options.initial.instances[0].mfaMode must be one of",
    ],
    [
      "an instance report sent to no email address",
      { instances: [{ name: "x", reportConfigs: [{ cron: "0 0 * * *", emails: ["nobody"] }] }] },
      'options.initial.instances[0].reportConfigs[0].emails[0] must match format "email"',
    ],
    [
      "an instance report calling back no URI",
      { instances: [{ name: "x", reportConfigs: [{ cron: "0 0 * * *", callbackUrl: "nowhere" }] }] },
      'options.initial.instances[0].reportConfigs[0].callbackUrl must match format "uri"',
    ],
  ])("refuses %s, naming the place", (_what, initial, message) => {
    expect(made(initial)).toThrow(TypeError);
    expect(made(initial)).toThrow(message);
  });

  it("keeps seeded grants, instance tokens, applications and instances in its state, and returns to them on reset", async () => {
    const initial: FakeLosantData = {
      instanceTokens: { [INSTANCE]: [{ name: "Usage report" }] },
      oauthTokens: [
        { name: "Assistant", oauth: { client_id: grantBody.oauth.client_id, authorizationStatus: "pending" } },
      ],
      applications: [{ name: "Factory" }],
      instances: [{ name: "Enterprise", id: INSTANCE }],
    };
    const { fake, grants } = world(initial);
    const before = fake.state();
    expect(before.instanceTokens[INSTANCE]).toEqual([
      expect.objectContaining({ name: "Usage report", status: "active", creatorId: USER }),
    ]);
    expect(before.instanceTokens[INSTANCE]?.[0]).not.toHaveProperty("ownerType");
    expect(before.oauthTokens).toEqual([expect.objectContaining({ name: "Assistant", status: "active" })]);
    expect(before.oauthTokens[0]?.oauthTokenId).toBe(before.oauthTokens[0]?.id);
    expect(before.applications).toEqual([
      expect.objectContaining({ name: "Factory", ownerId: USER, ownerType: "user" }),
    ]);
    expect(before.instances).toEqual([
      expect.objectContaining({ name: "Enterprise", id: INSTANCE, instanceId: INSTANCE }),
    ]);
    await grants.create(grantBody);
    fake.reset();
    expect(fake.state()).toEqual(before);
  });
});
