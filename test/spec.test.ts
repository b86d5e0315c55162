import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  loadSpec,
  operations,
  repoPath,
  resolveRef,
  schemaValidator,
  type MediaType,
  type Operation,
  type Parameter,
} from "./support/spec.js";

const run = promisify(execFile);
const spec = loadSpec();
const validate = schemaValidator(spec);
const published = JSON.parse(readFileSync(repoPath("test/fixtures/published-examples.json"), "utf8")) as Record<
  string,
  unknown
>;
const ID_PATTERN = "^[A-Fa-f\\d]{24}$";

const expectedOperations = [
  ["get", "/access-tokens", "listAccessTokens", "200", "AccessTokens", ["400", "401"]],
  ["post", "/access-tokens", "createAccessToken", "201", "AccessToken", ["400", "401"]],
  ["get", "/access-tokens/{accessTokenId}", "getAccessToken", "200", "AccessToken", ["400", "401", "404"]],
  ["patch", "/access-tokens/{accessTokenId}", "updateAccessToken", "200", "AccessToken", ["400", "401", "404"]],
  ["delete", "/access-tokens/{accessTokenId}", "deleteAccessToken", "200", "Success", ["400", "401", "404"]],
] as const;

const schemaName = (media: MediaType | undefined): string => (media?.schema.$ref ?? "").split("/").pop() ?? "";
const examplesOf = (media: MediaType): unknown[] =>
  Object.values(media.examples ?? {}).map((example) => resolveRef<{ value: unknown }>(spec, example.$ref).value);

describe("openapi.yaml", () => {
  it("is OpenAPI 3.1.0 served from https://api.losant.com", () => {
    expect(spec.openapi).toBe("3.1.0");
    expect(spec.servers.map((server) => server.url)).toEqual(["https://api.losant.com"]);
  });

  it("lints clean with redocly recommended-strict: no error, no warning", async () => {
    const { stdout, stderr } = await run(process.execPath, [repoPath("node_modules/@redocly/cli/bin/cli.js"), "lint"], {
      cwd: repoPath("."),
    });
    const output = `${stdout}\n${stderr}`;
    expect(output).toContain("Your API description is valid");
    expect(output).not.toMatch(/\b\d+ (errors?|warnings?)\b/);
    expect(readFileSync(repoPath("redocly.yaml"), "utf8")).toMatch(/extends:\s*\n\s*- recommended-strict/);
  });

  it("has exactly the five operations, under one tag", () => {
    const found = operations(spec).map(([method, path, op]) => [method, path, op.operationId]);
    expect(found).toEqual(expectedOperations.map(([method, path, id]) => [method, path, id]));
    expect(spec.tags).toHaveLength(1);
    for (const [, , op] of operations(spec)) expect(op.tags).toEqual([spec.tags[0]?.name]);
  });

  it.each(expectedOperations)("describes %s %s (%s) with its responses", (method, path, _id, ok, okSchema, errors) => {
    const op = spec.paths[path]?.[method] as Operation;
    expect(op.summary).toMatch(/^(List|Create|Get|Update|Delete) an? ?\w/);
    expect(op.description.length).toBeGreaterThan(10);
    expect(op.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(op.responses).sort()).toEqual([ok, ...errors].sort());
    expect(schemaName(op.responses[ok]?.content?.["application/json"])).toBe(okSchema);
    for (const status of errors) {
      const response = resolveRef<{ content: Record<string, MediaType> }>(spec, op.responses[status]?.$ref ?? "");
      expect(schemaName(response.content["application/json"])).toBe("Error");
    }
  });

  it("uses a bearer security scheme everywhere", () => {
    expect(spec.components.securitySchemes["bearerAuth"]).toMatchObject({ type: "http", scheme: "bearer" });
    expect(spec.security).toEqual([{ bearerAuth: [] }]);
  });

  it("constrains the accessTokenId path parameter to 24 hexadecimal characters", () => {
    const itemParams = spec.paths["/access-tokens/{accessTokenId}"]?.["parameters"] as Parameter[];
    const param = resolveRef<Parameter>(spec, itemParams[0]?.$ref ?? "");
    expect(param).toMatchObject({ name: "accessTokenId", in: "path", required: true });
    expect(param.schema).toEqual({ type: "string", pattern: ID_PATTERN });
  });

  it("takes the request bodies the reference names, both required", () => {
    const post = spec.paths["/access-tokens"]?.["post"] as Operation;
    const patch = spec.paths["/access-tokens/{accessTokenId}"]?.["patch"] as Operation;
    expect(schemaName(post.requestBody?.content["application/json"])).toBe("AccessTokenPost");
    expect(schemaName(patch.requestBody?.content["application/json"])).toBe("AccessTokenPatch");
    expect(post.requestBody?.required).toBe(true);
    expect(patch.requestBody?.required).toBe(true);
  });
});

describe("components.schemas", () => {
  const schemas = spec.components.schemas;
  const stringOf = (min: number, max?: number) => ({ type: "string", minLength: min, ...(max ? { maxLength: max } : {}) });
  const name = stringOf(1, 255);
  const dateTime = { type: "string", format: "date-time" };
  const status = { type: "string", enum: ["active", "inactive"] };
  const scope = { type: "array", items: { type: "string" } };
  const id = { type: "string", pattern: ID_PATTERN };

  it("has exactly the six published schemas", () => {
    expect(Object.keys(schemas).sort()).toEqual(
      ["AccessToken", "AccessTokenPatch", "AccessTokenPost", "AccessTokens", "Error", "Success"].sort(),
    );
  });

  it("AccessToken has the published properties and constraints, none required", () => {
    expect(schemas["AccessToken"]?.["properties"]).toEqual({
      id,
      accessTokenId: id,
      userId: id,
      name,
      creationDate: dateTime,
      lastUpdated: dateTime,
      expirationDate: dateTime,
      scope,
      status,
      token: stringOf(1),
    });
    expect(schemas["AccessToken"]).not.toHaveProperty("required");
  });

  it("AccessTokens is items and count", () => {
    expect(schemas["AccessTokens"]?.["properties"]).toEqual({
      items: { type: "array", items: { $ref: "#/components/schemas/AccessToken" } },
      count: { type: "integer" },
    });
  });

  it("AccessTokenPost requires name and allows nothing else", () => {
    expect(schemas["AccessTokenPost"]).toMatchObject({
      properties: { name, expirationDate: dateTime, scope, status },
      required: ["name"],
      additionalProperties: false,
    });
    expect(Object.keys(schemas["AccessTokenPost"]?.["properties"] as object)).toHaveLength(4);
  });

  it("AccessTokenPatch allows name and status only, none required", () => {
    expect(schemas["AccessTokenPatch"]).toMatchObject({ properties: { name, status }, additionalProperties: false });
    expect(Object.keys(schemas["AccessTokenPatch"]?.["properties"] as object)).toHaveLength(2);
    expect(schemas["AccessTokenPatch"]).not.toHaveProperty("required");
  });

  it("Error and Success are as published", () => {
    expect(schemas["Error"]?.["properties"]).toMatchObject({ type: { type: "string" }, message: { type: "string" } });
    expect(schemas["Success"]?.["properties"]).toEqual({ success: { type: "boolean", const: true } });
  });
});

describe("examples", () => {
  it.each(Object.entries(published))("the published %s example validates against the spec's schema", (name, value) => {
    expect(validate(name, value)).toEqual([]);
  });

  it("the POST body example is the seed's body exactly", () => {
    const seed = readFileSync(repoPath("test/fixtures/seed-post-curl.txt"), "utf8");
    const seedBody = JSON.parse(/-d '(\{.*\})'/.exec(seed)?.[1] ?? "null") as unknown;
    const post = spec.paths["/access-tokens"]?.["post"] as Operation;
    const media = post.requestBody?.content["application/json"];
    expect(media && examplesOf(media)).toEqual([seedBody]);
  });

  it("every request body and response has an example, and each validates against its own schema", () => {
    let checked = 0;
    for (const [method, path, op] of operations(spec)) {
      const bodies = [op.requestBody?.content, ...Object.values(op.responses).map((r) =>
        r.$ref ? resolveRef<{ content: Record<string, MediaType> }>(spec, r.$ref).content : r.content,
      )];
      for (const content of bodies) {
        if (!content) continue;
        const media = content["application/json"];
        expect(media, `${method} ${path}`).toBeDefined();
        const values = examplesOf(media as MediaType);
        expect(values.length, `${method} ${path} example`).toBeGreaterThan(0);
        for (const value of values) {
          expect(validate(schemaName(media), value), `${method} ${path}`).toEqual([]);
          checked += 1;
        }
      }
    }
    expect(checked).toBe(2 + 5 + 5 + 5 + 3);
  });

  it("the examples are the published ones", () => {
    const byName = (name: string) => spec.components.examples[name]?.value;
    for (const name of ["AccessToken", "AccessTokens", "AccessTokenPost", "AccessTokenPatch", "Success"]) {
      expect(byName(name), name).toEqual(published[name]);
    }
    expect(byName("NotFoundError")).toEqual(published["Error"]);
  });

  it("the schemas reject what the reference forbids", () => {
    const post = published["AccessTokenPost"] as Record<string, unknown>;
    expect(validate("AccessTokenPost", { ...post, name: "" })).not.toEqual([]);
    expect(validate("AccessTokenPost", { ...post, name: "x".repeat(256) })).not.toEqual([]);
    expect(validate("AccessTokenPost", { ...post, name: "x".repeat(255) })).toEqual([]);
    expect(validate("AccessTokenPost", { scope: [] })).not.toEqual([]);
    expect(validate("AccessTokenPost", { ...post, status: "paused" })).not.toEqual([]);
    expect(validate("AccessTokenPost", { ...post, extra: 1 })).not.toEqual([]);
    expect(validate("AccessTokenPost", { ...post, expirationDate: "tomorrow" })).not.toEqual([]);
    expect(validate("AccessTokenPatch", { scope: ["devices"] })).not.toEqual([]);
    expect(validate("AccessTokenPatch", {})).toEqual([]);
    expect(validate("AccessToken", { id: "575ec7417ae143cd83dc4a9" })).not.toEqual([]);
    expect(validate("AccessToken", { token: "" })).not.toEqual([]);
    expect(validate("Success", { success: false })).not.toEqual([]);
  });
});
