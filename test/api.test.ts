import { describe, expect, it } from "vitest";
import { LosantApiError } from "../src/index.js";
import { exampleOf, loadSpec, responseExample } from "./support/spec.js";
import { prismApi } from "./support/prism.js";

const spec = loadSpec();
const example = (name: string) => exampleOf(spec, name) as never;
const ID = "575ec7417ae143cd83dc4a95";
const api = prismApi();
const failing = (status: number) => prismApi({ headers: { Prefer: `code=${status}` } });

const calls = {
  list: (target = api) => target.list(),
  create: (target = api) => target.create(example("AccessTokenPost")),
  get: (target = api) => target.get(ID),
  update: (target = api) => target.update(ID, example("AccessTokenPatch")),
  delete: (target = api) => target.delete(ID),
};

describe("createAccessTokensApi", () => {
  it("list() resolves to the spec's AccessTokens example", async () => {
    expect(await calls.list()).toEqual(example("AccessTokens"));
  });

  it("create(body) resolves to the spec's AccessToken example", async () => {
    expect(await calls.create()).toEqual(example("AccessToken"));
  });

  it("get(id) resolves to the spec's AccessToken example", async () => {
    expect(await calls.get()).toEqual(example("AccessToken"));
  });

  it("update(id, body) resolves to the spec's AccessToken example", async () => {
    expect(await calls.update()).toEqual(example("AccessToken"));
  });

  it("delete(id) resolves to the spec's Success example", async () => {
    expect(await calls.delete()).toEqual(example("Success"));
  });

  it("exposes the typed client it is built on", async () => {
    const { data } = await api.client.GET("/access-tokens");
    expect(data).toEqual(example("AccessTokens"));
  });

  const errorCases = [
    ["list", "GET", "/access-tokens", [400, 401]],
    ["create", "POST", "/access-tokens", [400, 401]],
    ["get", "GET", `/access-tokens/${ID}`, [400, 401, 404]],
    ["update", "PATCH", `/access-tokens/${ID}`, [400, 401, 404]],
    ["delete", "DELETE", `/access-tokens/${ID}`, [400, 401, 404]],
  ] as const;
  const responses = { 400: "BadRequest", 401: "Unauthorized", 404: "NotFound" } as const;
  const cases = errorCases.flatMap(([name, method, path, statuses]) =>
    statuses.map((status) => [name, status, method, path] as const),
  );

  it.each(cases)("%s() rejects a %i with LosantApiError carrying status, type, message, method and path", async (name, status, method, path) => {
    const error = await calls[name](failing(status)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LosantApiError);
    const apiError = error as LosantApiError;
    const { type, message } = responseExample(spec, responses[status]);
    expect(apiError.name).toBe("LosantApiError");
    expect(apiError).toMatchObject({ status, type, apiMessage: message, method, path, body: { type, message } });
    expect(apiError.message).toBe(`Losant API ${status} ${type}: ${message} (${method} ${path})`);
  });
});
