import { describe, expectTypeOf, it } from "vitest";
import {
  createAccessTokensApi,
  createAccessTokensClient,
  createApplicationTokensApi,
  createApplicationsApi,
  createInstancesApi,
  createInstanceTokensApi,
  createOauthTokensApi,
  createUserTokensApi,
  rotateApiToken,
  type Application,
  type Applications,
  type Instance,
  type Instances,
  type OauthToken,
  type OauthTokens,
  type OauthTokensQuery,
  type Rotation,
  type ApiToken,
  type ApiTokens,
  type ApiTokenScope,
  type ApiTokensQuery,
  type AccessToken,
  type AccessTokens,
  type ErrorBody,
  type SuccessBody,
  isLosantError,
  LosantApiError,
  LosantError,
  type LosantPageLimitError,
  type LosantValidationError,
  type RotationError,
  type ListAllOptions,
} from "../src/index.js";
import type { Sender } from "../src/core/sender.js";
import { ID } from "./support/clients.js";

const api = createAccessTokensApi({ token: "t" });
const client = createAccessTokensClient({ token: "t" });
const accessTokenId = ID;

describe("the facade's types", () => {
  it("resolve to the spec's bodies", () => {
    expectTypeOf(api.list()).resolves.toEqualTypeOf<AccessTokens>();
    expectTypeOf(api.get(accessTokenId)).resolves.toEqualTypeOf<AccessToken>();
    expectTypeOf(api.delete(accessTokenId)).resolves.toEqualTypeOf<SuccessBody>();
  });

  it("reject an unknown property in a body", () => {
    // @ts-expect-error `owner` is not a property of AccessTokenPost
    void api.create({ name: "n", owner: "me" });
    // @ts-expect-error `scope` cannot be changed by an update
    void api.update(accessTokenId, { scope: ["devices"] });
  });

  it("reject a body without name", () => {
    // @ts-expect-error `name` is required on creation
    void api.create({ status: "active" });
  });

  it("reject a status that is not active or inactive", () => {
    // @ts-expect-error "paused" is not a status
    void api.create({ name: "n", status: "paused" });
    // @ts-expect-error "paused" is not a status
    void api.update(accessTokenId, { status: "paused" });
  });

  it("reject an id that is not a string", () => {
    // @ts-expect-error ids are strings
    void api.get(575);
    // @ts-expect-error ids are strings
    void api.delete({ id: accessTokenId });
  });
});

describe("the typed client's types", () => {
  it("type data and error from the spec", async () => {
    const { data, error } = await client.GET("/access-tokens/{accessTokenId}", { params: { path: { accessTokenId } } });
    expectTypeOf(data).toEqualTypeOf<AccessToken | undefined>();
    expectTypeOf(error).toEqualTypeOf<ErrorBody | undefined>();
  });

  it("reject a body without name", () => {
    // @ts-expect-error `name` is required on creation
    void client.POST("/access-tokens", { body: { status: "active" } });
  });

  it("reject a status that is not active or inactive", () => {
    // @ts-expect-error "paused" is not a status
    void client.POST("/access-tokens", { body: { name: "n", status: "paused" } });
    void client.PATCH("/access-tokens/{accessTokenId}", {
      params: { path: { accessTokenId } },
      // @ts-expect-error "paused" is not a status
      body: { status: "paused" },
    });
  });

  it("reject a call without the path parameter", () => {
    // @ts-expect-error params.path.accessTokenId is required
    void client.GET("/access-tokens/{accessTokenId}", {});
    // @ts-expect-error params.path.accessTokenId is required
    void client.DELETE("/access-tokens/{accessTokenId}", { params: { path: {} } });
  });

  it("reject a method the path does not have", () => {
    // @ts-expect-error /access-tokens has no DELETE
    void client.DELETE("/access-tokens");
    // @ts-expect-error /access-tokens/{accessTokenId} has no POST
    void client.POST("/access-tokens/{accessTokenId}", { params: { path: { accessTokenId } }, body: { name: "n" } });
  });

  it("reject a path the API does not have", () => {
    // @ts-expect-error there is no /access-token
    void client.GET("/access-token");
  });

  it("reject reading a property the response does not have", async () => {
    const { data } = await client.GET("/access-tokens");
    // @ts-expect-error AccessTokens has items and count, no `total`
    void data?.total;
    const { data: token } = await client.POST("/access-tokens", { body: { name: "n" } });
    // @ts-expect-error AccessToken has no `secret`
    void token?.secret;
  });
});

const users = createUserTokensApi({ token: "t" });
const apps = createApplicationTokensApi({ token: "t" });
const applicationId = "575ec8687ae143cd83dc4a97";

describe("the API token facades' types", () => {
  it("resolve to the spec's bodies", () => {
    expectTypeOf(users.list()).resolves.toEqualTypeOf<ApiTokens>();
    expectTypeOf(users.create({ name: "n" })).resolves.toEqualTypeOf<ApiToken>();
    expectTypeOf(apps.get(applicationId, accessTokenId)).resolves.toEqualTypeOf<ApiToken>();
    expectTypeOf(apps.update(applicationId, accessTokenId, { status: "inactive" })).resolves.toEqualTypeOf<ApiToken>();
    expectTypeOf(apps.delete(applicationId, accessTokenId)).resolves.toEqualTypeOf<SuccessBody>();
  });

  it("make listAll an async iterable of ApiToken", () => {
    expectTypeOf(users.listAll({ filter: "ci-*", filterField: "name" })).toEqualTypeOf<AsyncIterable<ApiToken>>();
    expectTypeOf(apps.listAll(applicationId)).toEqualTypeOf<AsyncIterable<ApiToken>>();
  });

  it("take the list query the spec describes", () => {
    expectTypeOf(users.list).parameter(0).toEqualTypeOf<ApiTokensQuery | undefined>();
    // @ts-expect-error sortField is one of the published fields
    void users.list({ sortField: "owner" });
    // @ts-expect-error filterField is name or status
    void apps.list(applicationId, { filterField: "scope", filter: "x" });
  });

  it("take the applicationId first, and require it", () => {
    // @ts-expect-error the apiTokenId is missing
    void apps.get(applicationId);
    // @ts-expect-error the user resource has no applicationId
    void users.get(applicationId, accessTokenId);
  });

  it("know the whole scope vocabulary, and nothing else", () => {
    expectTypeOf<"all.Application">().toExtend<ApiTokenScope>();
    expectTypeOf<"devices.get">().toExtend<ApiTokenScope>();
    // @ts-expect-error "all.Everything" is not a scope
    void users.create({ name: "n", scope: ["all.Everything"] });
  });

  it("refuse what the API refuses in a body", () => {
    // @ts-expect-error `owner` is not a property of ApiTokenPost
    void users.create({ name: "n", owner: "me" });
    // @ts-expect-error `scope` cannot change after creation
    void apps.update(applicationId, accessTokenId, { scope: ["all.Application"] });
    // @ts-expect-error `expirationDate` cannot change after creation
    void users.update(accessTokenId, { expirationDate: "2030-01-01T00:00:00.000Z" });
    // @ts-expect-error "owner" is not a role
    void users.create({ name: "n", defaultRole: "owner" });
  });
});

describe("the typed client's request bodies", () => {
  it("refuse an unknown property on every POST", () => {
    // @ts-expect-error `owner` is not a property of AccessTokenPost
    void client.POST("/access-tokens", { body: { name: "n", owner: "x" } });
    // @ts-expect-error `owner` is not a property of ApiTokenPost
    void client.POST("/me/tokens", { body: { name: "n", owner: "x" } });
    void client.POST("/applications/{applicationId}/tokens", {
      params: { path: { applicationId } },
      // @ts-expect-error `owner` is not a property of ApiTokenPost
      body: { name: "n", owner: "x" },
    });
  });

  it("refuse an unknown property on every PATCH", () => {
    void client.PATCH("/access-tokens/{accessTokenId}", {
      params: { path: { accessTokenId } },
      // @ts-expect-error `scope` is not a property of AccessTokenPatch
      body: { scope: ["devices"] },
    });
    void client.PATCH("/me/tokens/{apiTokenId}", {
      params: { path: { apiTokenId: accessTokenId } },
      // @ts-expect-error `scope` is not a property of ApiTokenPatch
      body: { scope: ["all.Application"] },
    });
    void client.PATCH("/applications/{applicationId}/tokens/{apiTokenId}", {
      params: { path: { applicationId, apiTokenId: accessTokenId } },
      // @ts-expect-error `owner` is not a property of ApiTokenPatch
      body: { owner: "x" },
    });
  });

  it("keep data typed by parseAs", async () => {
    const { data } = await client.GET("/me/tokens", { parseAs: "text" });
    expectTypeOf(data).toEqualTypeOf<string | undefined>();
    const { data: created } = await client.POST("/me/tokens", { body: { name: "n" } });
    expectTypeOf(created).toEqualTypeOf<ApiToken | undefined>();
  });
});

const instances = createInstanceTokensApi({ token: "t" });
const grants = createOauthTokensApi({ token: "t" });
const instanceId = "575ec7417ae143cd83dc4a96";
const grant = {
  client_id: "575ec7417ae143cd83dc4a98",
  redirect_uri: "https://assistant.example.com/callback",
  code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  code_challenge_method: "S256",
} as const;

describe("the instance token facade's types", () => {
  it("resolve to the spec's API token bodies, the instanceId first", () => {
    expectTypeOf(instances.list(instanceId)).resolves.toEqualTypeOf<ApiTokens>();
    expectTypeOf(instances.create(instanceId, { name: "n" })).resolves.toEqualTypeOf<ApiToken>();
    expectTypeOf(instances.get(instanceId, accessTokenId)).resolves.toEqualTypeOf<ApiToken>();
    expectTypeOf(instances.delete(instanceId, accessTokenId)).resolves.toEqualTypeOf<SuccessBody>();
    expectTypeOf(instances.listAll(instanceId)).toEqualTypeOf<AsyncIterable<ApiToken>>();
  });

  it("require the instanceId, and refuse what the API refuses", () => {
    // @ts-expect-error the apiTokenId is missing
    void instances.get(instanceId);
    // @ts-expect-error `scope` cannot change after creation
    void instances.update(instanceId, accessTokenId, { scope: ["all.Instance"] });
  });

  it("rotate like an application's tokens", () => {
    expectTypeOf(rotateApiToken(instances, instanceId, accessTokenId)).resolves.toEqualTypeOf<Rotation>();
    // @ts-expect-error the instanceId is missing: an instance token is named by its instance and its id
    void rotateApiToken(instances, accessTokenId, {});
  });
});

describe("the OAuth token facade's types", () => {
  it("resolve to the spec's OAuth token bodies", () => {
    expectTypeOf(grants.list()).resolves.toEqualTypeOf<OauthTokens>();
    expectTypeOf(grants.get(accessTokenId)).resolves.toEqualTypeOf<OauthToken>();
    expectTypeOf(grants.create({ name: "n", oauth: grant })).resolves.toEqualTypeOf<OauthToken>();
    expectTypeOf(grants.listAll()).toEqualTypeOf<AsyncIterable<OauthToken>>();
    expectTypeOf(grants.list).parameter(0).toEqualTypeOf<OauthTokensQuery | undefined>();
  });

  it("refuse what the OAuth token API refuses", () => {
    // @ts-expect-error expirationDate is not a sort field of the OAuth token list
    void grants.list({ sortField: "expirationDate" });
    // @ts-expect-error the OAuth token list filters by name only
    void grants.list({ filterField: "status", filter: "active" });
    // @ts-expect-error `oauth` is required on creation
    void grants.create({ name: "n" });
    // @ts-expect-error "all.User" is not an OAuth scope
    void grants.create({ name: "n", oauth: grant, scope: ["all.User"] });
    // @ts-expect-error the PKCE method is S256 only
    void grants.create({ name: "n", oauth: { ...grant, code_challenge_method: "plain" } });
  });

  it("have no token secret to read", async () => {
    const created = await grants.create({ name: "n", oauth: grant, expirationDate: null });
    // @ts-expect-error an OAuth token has no `token`
    void created.token;
    expectTypeOf(created.oauth?.authorizationStatus).toEqualTypeOf<"pending" | "authorized" | undefined>();
  });
});

describe("the owner lists' facades", () => {
  const applications = createApplicationsApi({ token: "t" });
  const owners = createInstancesApi({ token: "t" });

  it("list and walk the applications and the instances", () => {
    expectTypeOf(applications.list({ orgId: "", sortField: "ownerId" })).resolves.toEqualTypeOf<Applications>();
    expectTypeOf(applications.listAll()).toEqualTypeOf<AsyncIterable<Application>>();
    expectTypeOf(owners.list()).resolves.toEqualTypeOf<Instances>();
    expectTypeOf(owners.listAll()).toEqualTypeOf<AsyncIterable<Instance>>();
  });

  it("have nothing but list and listAll: the API only lists them here", () => {
    // @ts-expect-error there is no GET /applications/{applicationId} in this API
    void applications.get(applicationId);
    // @ts-expect-error there is no POST /instances in this API
    void owners.create({ name: "n" });
    // @ts-expect-error the instance list sorts by name, id, creationDate or lastUpdated
    void owners.list({ sortField: "ownerId" });
  });
});

describe("the typed client on the new paths", () => {
  it("types every new path's data", async () => {
    const { data: list } = await client.GET("/instances/{instanceId}/tokens", { params: { path: { instanceId } } });
    expectTypeOf(list).toEqualTypeOf<ApiTokens | undefined>();
    const { data: one } = await client.GET("/me/oauth-tokens/{oauthTokenId}", {
      params: { path: { oauthTokenId: accessTokenId } },
    });
    expectTypeOf(one).toEqualTypeOf<OauthToken | undefined>();
    const { data: apps } = await client.GET("/applications", { params: { query: { orgId: "" } } });
    expectTypeOf(apps).toEqualTypeOf<Applications | undefined>();
    const { data: all } = await client.GET("/instances");
    expectTypeOf(all).toEqualTypeOf<Instances | undefined>();
  });

  it("refuse what the spec refuses on every new path", () => {
    // @ts-expect-error params.path.instanceId is required
    void client.GET("/instances/{instanceId}/tokens", {});
    void client.POST("/instances/{instanceId}/tokens", {
      params: { path: { instanceId } },
      // @ts-expect-error `owner` is not a property of ApiTokenPost
      body: { name: "n", owner: "x" },
    });
    void client.PATCH("/instances/{instanceId}/tokens/{apiTokenId}", {
      params: { path: { instanceId, apiTokenId: accessTokenId } },
      // @ts-expect-error `scope` is not a property of ApiTokenPatch
      body: { scope: ["all.Instance"] },
    });
    // @ts-expect-error params.path.apiTokenId is required
    void client.DELETE("/instances/{instanceId}/tokens/{apiTokenId}", { params: { path: { instanceId } } });
    // @ts-expect-error `oauth` is required
    void client.POST("/me/oauth-tokens", { body: { name: "n" } });
    void client.PATCH("/me/oauth-tokens/{oauthTokenId}", {
      params: { path: { oauthTokenId: accessTokenId } },
      // @ts-expect-error `scope` is not a property of OauthTokenPatch
      body: { scope: ["only.User.read"] },
    });
    // @ts-expect-error params.path.oauthTokenId is required
    void client.DELETE("/me/oauth-tokens/{oauthTokenId}", { params: { path: {} } });
    // @ts-expect-error /applications has no POST here
    void client.POST("/applications", { body: {} });
    // @ts-expect-error orgId is a string
    void client.GET("/instances", { params: { query: { orgId: 1 } } });
  });
});

describe("the error family's types and the options that go with it", () => {
  it("take validateResponses, a boolean, in both styles", () => {
    void createUserTokensApi({ token: "t", validateResponses: true });
    void createAccessTokensClient({ token: "t", validateResponses: false });
    // @ts-expect-error validateResponses is a boolean
    void createAccessTokensClient({ token: "t", validateResponses: "yes" });
  });

  it("take maxPages among listAll's call options, and only there", () => {
    const users = createUserTokensApi({ token: "t" });
    expectTypeOf(users.listAll({}, { maxPages: 5 })).toEqualTypeOf<AsyncIterable<ApiToken>>();
    expectTypeOf<{ maxPages: 5; signal: AbortSignal }>().toMatchTypeOf<ListAllOptions>();
    // @ts-expect-error maxPages is a number
    void users.listAll({}, { maxPages: "5" });
    // @ts-expect-error maxPages is listAll's, not list's
    void users.list({}, { maxPages: 5 });
  });

  it("make every error class a LosantError, and isLosantError narrow to it", () => {
    expectTypeOf<LosantValidationError>().toMatchTypeOf<LosantError>();
    expectTypeOf<LosantPageLimitError>().toMatchTypeOf<LosantError>();
    expectTypeOf<RotationError>().toMatchTypeOf<LosantError>();
    expectTypeOf<LosantApiError>().toMatchTypeOf<LosantError>();
    const caught: unknown = new Error("x");
    if (isLosantError(caught)) expectTypeOf(caught.mayHaveSucceeded).toEqualTypeOf<boolean>();
  });

  it("type what a LosantValidationError names: the operation, the pointer and what was expected", () => {
    expectTypeOf<LosantValidationError["operationId"]>().toEqualTypeOf<string>();
    expectTypeOf<LosantValidationError["pointer"]>().toEqualTypeOf<string>();
    expectTypeOf<LosantValidationError["expected"]>().toEqualTypeOf<string>();
    expectTypeOf<LosantValidationError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<LosantPageLimitError["maxPages"]>().toEqualTypeOf<number>();
  });

  it("make each error from an options object, not positional arguments", () => {
    void new LosantApiError({ method: "GET", path: "/me/tokens" }, { status: 404 });
    // @ts-expect-error the status goes in the options
    void new LosantApiError(404, undefined, { method: "GET", path: "/me/tokens" });
    // @ts-expect-error the base is abstract: only its classes are made
    void new LosantError("x", {});
  });
});

describe("the agent option's type", () => {
  it("takes Node's http.Agent and https.Agent, and nothing that is not an agent", async () => {
    const { Agent: HttpAgent } = await import("node:http");
    const { Agent: HttpsAgent } = await import("node:https");
    createAccessTokensApi({ token: "t", agent: new HttpAgent() });
    createAccessTokensApi({ token: "t", agent: new HttpsAgent({ keepAlive: true }) });
    // @ts-expect-error a plain object is no agent
    createAccessTokensApi({ token: "t", agent: {} });
    // @ts-expect-error a URL string is no agent: proxies come through an agent
    createAccessTokensApi({ token: "t", agent: "http://proxy.internal:3128" });
  });
});

describe("the sender contract", () => {
  it("is what both senders export, the fetch path's and Node's, under the same names", () => {
    expectTypeOf<typeof import("../src/core/send.js")>().toMatchTypeOf<Sender>();
    expectTypeOf<typeof import("../src/core/send.node.js")>().toMatchTypeOf<Sender>();
    // No name beyond the contract: the #send condition swaps one module for the other, with send.ts's types.
    expectTypeOf<keyof typeof import("../src/core/send.js")>().toEqualTypeOf<keyof Sender>();
    expectTypeOf<keyof typeof import("../src/core/send.node.js")>().toEqualTypeOf<keyof Sender>();
  });
});
