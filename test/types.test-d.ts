import { describe, expectTypeOf, it } from "vitest";
import {
  createAccessTokensApi,
  createAccessTokensClient,
  type AccessToken,
  type AccessTokens,
  type ErrorBody,
  type SuccessBody,
} from "../src/index.js";
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
