import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { prismUrl } from "./support/prism.js";
import {
  inlineRefs,
  loadSpec,
  operations,
  parametersOf,
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

// Losant's JSON Schemas, copied unchanged from its client (see test/fixtures/losant-schemas/README.md).
const losantSchemaFiles = readdirSync(repoPath("test/fixtures/losant-schemas")).filter((file) =>
  file.endsWith(".json"),
);
const losantSchema = (file: string) =>
  JSON.parse(readFileSync(repoPath(`test/fixtures/losant-schemas/${file}`), "utf8")) as Record<string, unknown>;
// The spec's name for each of Losant's schema files.
const specNameOf: Record<string, string> = {
  "apiToken.json": "ApiToken",
  "apiTokens.json": "ApiTokens",
  "apiTokenPost.json": "ApiTokenPost",
  "apiTokenPatch.json": "ApiTokenPatch",
  "error.json": "Error",
  "success.json": "Success",
  "userOauthToken.json": "OauthToken",
  "userOauthTokens.json": "OauthTokens",
  "userOauthTokenPost.json": "OauthTokenPost",
  "userOauthTokenPatch.json": "OauthTokenPatch",
  "applications.json": "Applications",
  "instances.json": "Instances",
};

const SEED = "Access Tokens";
const USER = "User API Tokens";
const APPLICATION = "Application API Tokens";
const USER_ITEM = "/me/tokens/{apiTokenId}";
const APPLICATION_LIST = "/applications/{applicationId}/tokens";
const APPLICATION_ITEM = "/applications/{applicationId}/tokens/{apiTokenId}";
const INSTANCE = "Instance API Tokens";
const OAUTH = "OAuth Tokens";
const APPLICATIONS = "Applications";
const INSTANCES = "Instances";
const INSTANCE_LIST = "/instances/{instanceId}/tokens";
const INSTANCE_ITEM = "/instances/{instanceId}/tokens/{apiTokenId}";
const OAUTH_ITEM = "/me/oauth-tokens/{oauthTokenId}";

// The reference's operation tables: method, path, operationId, tag, success status and schema, errors
// (401 added to every operation, as the reference does for the seed's), request body schema.
const expectedOperations = [
  ["get", "/access-tokens", "listAccessTokens", SEED, "200", "AccessTokens", ["400", "401"], undefined],
  ["post", "/access-tokens", "createAccessToken", SEED, "201", "AccessToken", ["400", "401"], "AccessTokenPost"],
  [
    "get",
    "/access-tokens/{accessTokenId}",
    "getAccessToken",
    SEED,
    "200",
    "AccessToken",
    ["400", "401", "404"],
    undefined,
  ],
  [
    "patch",
    "/access-tokens/{accessTokenId}",
    "updateAccessToken",
    SEED,
    "200",
    "AccessToken",
    ["400", "401", "404"],
    "AccessTokenPatch",
  ],
  [
    "delete",
    "/access-tokens/{accessTokenId}",
    "deleteAccessToken",
    SEED,
    "200",
    "Success",
    ["400", "401", "404"],
    undefined,
  ],
  ["get", "/me/tokens", "listUserTokens", USER, "200", "ApiTokens", ["400", "401"], undefined],
  ["post", "/me/tokens", "createUserToken", USER, "201", "ApiToken", ["400", "401"], "ApiTokenPost"],
  ["get", USER_ITEM, "getUserToken", USER, "200", "ApiToken", ["400", "401", "404"], undefined],
  ["patch", USER_ITEM, "updateUserToken", USER, "200", "ApiToken", ["400", "401", "404"], "ApiTokenPatch"],
  ["delete", USER_ITEM, "deleteUserToken", USER, "200", "Success", ["400", "401", "404"], "EmptyObject"],
  ["get", APPLICATION_LIST, "listApplicationTokens", APPLICATION, "200", "ApiTokens", ["400", "401"], undefined],
  ["post", APPLICATION_LIST, "createApplicationToken", APPLICATION, "201", "ApiToken", ["400", "401"], "ApiTokenPost"],
  ["get", APPLICATION_ITEM, "getApplicationToken", APPLICATION, "200", "ApiToken", ["400", "401", "404"], undefined],
  [
    "patch",
    APPLICATION_ITEM,
    "updateApplicationToken",
    APPLICATION,
    "200",
    "ApiToken",
    ["400", "401", "404"],
    "ApiTokenPatch",
  ],
  [
    "delete",
    APPLICATION_ITEM,
    "deleteApplicationToken",
    APPLICATION,
    "200",
    "Success",
    ["400", "401", "404"],
    "EmptyObject",
  ],
  ["get", INSTANCE_LIST, "listInstanceTokens", INSTANCE, "200", "ApiTokens", ["400", "401"], undefined],
  ["post", INSTANCE_LIST, "createInstanceToken", INSTANCE, "201", "ApiToken", ["400", "401"], "ApiTokenPost"],
  ["get", INSTANCE_ITEM, "getInstanceToken", INSTANCE, "200", "ApiToken", ["400", "401", "404"], undefined],
  ["patch", INSTANCE_ITEM, "updateInstanceToken", INSTANCE, "200", "ApiToken", ["400", "401", "404"], "ApiTokenPatch"],
  ["delete", INSTANCE_ITEM, "deleteInstanceToken", INSTANCE, "200", "Success", ["400", "401", "404"], "EmptyObject"],
  ["get", "/me/oauth-tokens", "listOauthTokens", OAUTH, "200", "OauthTokens", ["400", "401"], undefined],
  ["post", "/me/oauth-tokens", "createOauthToken", OAUTH, "201", "OauthToken", ["400", "401"], "OauthTokenPost"],
  ["get", OAUTH_ITEM, "getOauthToken", OAUTH, "200", "OauthToken", ["400", "401", "404"], undefined],
  ["patch", OAUTH_ITEM, "updateOauthToken", OAUTH, "200", "OauthToken", ["400", "401", "404"], "OauthTokenPatch"],
  ["delete", OAUTH_ITEM, "deleteOauthToken", OAUTH, "200", "Success", ["400", "401", "404"], "EmptyObject"],
  ["get", "/applications", "listApplications", APPLICATIONS, "200", "Applications", ["400", "401"], undefined],
  ["get", "/instances", "listInstances", INSTANCES, "200", "Instances", ["400", "401"], undefined],
] as const;
const seedOperations = expectedOperations.filter(([, , , tag]) => tag === SEED);
// Every operation of today's API: the four token resources and the two lists of their owners.
const tokenOperations = expectedOperations.filter(([, , , tag]) => tag !== SEED);
// The operations on API tokens, which have a secret; OAuth tokens have none.
const apiTokenOperations = expectedOperations.filter(
  ([, , , tag]) => tag === USER || tag === APPLICATION || tag === INSTANCE,
);
const listOperations = tokenOperations.filter(([method, path]) => method === "get" && !path.endsWith("}"));

const operationAt = (method: string, path: string) => spec.paths[path]?.[method] as Operation;
const schemaName = (media: MediaType | undefined): string => (media?.schema.$ref ?? "").split("/").pop() ?? "";
const examplesOf = (media: MediaType): unknown[] =>
  Object.values(media.examples ?? {}).map((example) => resolveRef<{ value: unknown }>(spec, example.$ref).value);
const successMedia = (op: Operation) => {
  const [, ok] = Object.entries(op.responses).find(([status]) => status.startsWith("2")) ?? [];
  return ok?.content?.["application/json"] as MediaType;
};

describe("openapi.yaml", () => {
  it("is OpenAPI 3.1.0 served from https://api.losant.com", () => {
    expect(spec.openapi).toBe("3.1.0");
    expect(spec.servers.map((server) => server.url)).toEqual(["https://api.losant.com"]);
  });

  it("says in info.version which Losant API version it describes: the one Losant's client asks for", () => {
    expect(spec.info.version).toBe("1.30.0");
    expect(spec.components.parameters["AcceptVersion"]?.example).toBe(`^${spec.info.version}`);
    expect(spec.info.description).toContain(`Accept-Version: ^${spec.info.version}`);
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

  it("has exactly the seed's five operations, the twenty of the four token resources and the two owner lists", () => {
    const found = operations(spec).map(([method, path, op]) => [method, path, op.operationId]);
    expect(found.sort()).toEqual(expectedOperations.map(([method, path, id]) => [method, path, id]).sort());
  });

  it("groups them under seven tags, one per resource, each describing its resource", () => {
    expect(spec.tags.map((tag) => tag.name).sort()).toEqual(
      [APPLICATION, SEED, USER, INSTANCE, OAUTH, APPLICATIONS, INSTANCES].sort(),
    );
    for (const tag of spec.tags) expect(tag.description?.length, tag.name).toBeGreaterThan(60);
    for (const [method, path, id, tag] of expectedOperations) expect(operationAt(method, path).tags, id).toEqual([tag]);
  });

  it.each(expectedOperations)(
    "describes %s %s (%s) with exactly the published responses",
    (method, path, _id, _tag, ok, okSchema, errors) => {
      const op = operationAt(method, path);
      expect(op.summary).toMatch(/^(List|Create|Get|Update|Delete) (an? )?[\w ]+$/);
      expect(op.description.length).toBeGreaterThan(10);
      expect(op.security).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(op.responses).sort()).toEqual([ok, ...errors].sort());
      expect(schemaName(op.responses[ok]?.content?.["application/json"])).toBe(okSchema);
      for (const status of errors) {
        const response = resolveRef<{ content: Record<string, MediaType> }>(spec, op.responses[status]?.$ref ?? "");
        expect(schemaName(response.content["application/json"])).toBe("Error");
      }
    },
  );

  it.each(["/me/tokens", INSTANCE_LIST])(
    "describes the %s list's 200 as the collection the API returns, and says why",
    (path) => {
      const op = operationAt("get", path);
      expect(schemaName(op.responses["200"]?.content?.["application/json"])).toBe("ApiTokens");
      // Losant's metadata names apiToken (one token) here; the spec must say why it differs.
      expect(op.description).toMatch(/metadata names a single API token/);
      expect(op.description).toMatch(/the API returns\s+the\s+collection/);
    },
  );

  it("describes no scopes for the operations Losant publishes none for: instance tokens, OAuth tokens, the owner lists", () => {
    for (const [method, path, id, tag] of tokenOperations) {
      const described = /Scopes that allow it/.test(operationAt(method, path).description);
      expect(described, id).toBe(tag === USER || tag === APPLICATION);
    }
  });

  it("describes no ownerType for an instance token: Losant publishes none, and says so", () => {
    const tag = spec.tags.find((t) => t.name === INSTANCE);
    expect(tag?.description).toMatch(/publishes no `ownerType`/);
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

  it.each(tokenOperations)("constrains every path parameter of %s %s to 24 hexadecimal characters", (method, path) => {
    const inPath = parametersOf(spec, path, method).filter((parameter) => parameter.in === "path");
    expect(inPath.map((parameter) => `{${parameter.name}}`).sort()).toEqual((path.match(/\{\w+\}/g) ?? []).sort());
    for (const parameter of inPath) {
      expect(parameter.required).toBe(true);
      expect(parameter.schema).toEqual({ type: "string", pattern: ID_PATTERN });
    }
    // The reference's example ids.
    const examples = Object.fromEntries(inPath.map((parameter) => [parameter.name, parameter.example]));
    expect(examples).toEqual({
      apiTokenId: path.includes("{apiTokenId}") ? "575ec7417ae143cd83dc4a95" : undefined,
      applicationId: path.includes("{applicationId}") ? "575ec8687ae143cd83dc4a97" : undefined,
      instanceId: path.includes("{instanceId}") ? "575ec7417ae143cd83dc4a96" : undefined,
      oauthTokenId: path.includes("{oauthTokenId}") ? "575ec7417ae143cd83dc4a96" : undefined,
    });
  });

  it("takes the request bodies the reference names, POST and PATCH bodies required", () => {
    for (const [method, path, id, , , , , body] of expectedOperations) {
      const requestBody = operationAt(method, path).requestBody;
      expect(schemaName(requestBody?.content["application/json"]), id).toBe(body ?? "");
      if (method === "post" || method === "patch") expect(requestBody?.required, id).toBe(true);
    }
  });

  it("lets the DELETEs of API tokens carry `{}`, as Losant's client sends, and no other body", () => {
    for (const [method, path] of tokenOperations.filter(([method]) => method === "delete")) {
      const requestBody = operationAt(method, path).requestBody;
      expect(requestBody?.required).toBe(false);
      expect(Object.keys(requestBody?.content ?? {})).toEqual(["application/json"]);
      const name = schemaName(requestBody?.content["application/json"]);
      expect(validate(name, {})).toEqual([]);
      for (const other of [{ name: "x" }, [], "", 0, null])
        expect(validate(name, other), JSON.stringify(other)).not.toEqual([]);
    }
  });

  it("marks the seed's five operations deprecated, telling the history and mapping the fields", () => {
    for (const [method, path, id] of seedOperations) {
      const op = operationAt(method, path);
      expect(op.deprecated, id).toBe(true);
      const text = op.description.replace(/\s+/g, " ");
      expect(text).toMatch(
        /^Losant retired `\/access-tokens` from its API in February 2017, [^.]+\. User API tokens [^.]+ followed in May 2021\./,
      );
      expect(text).toContain("`accessTokenId` → `apiTokenId`");
      expect(text).toContain('`userId` → `ownerId` with `ownerType: "user"`');
      for (const [, , replacement, tag] of expectedOperations)
        if (tag === USER) expect(text).toContain(`\`${replacement}\``);
    }
    for (const [method, path, id] of tokenOperations) expect(operationAt(method, path).deprecated, id).toBeUndefined();
  });
});

describe("parameters", () => {
  // Losant's client sends _actions=false&_links=true&_embedded=true on every request.
  it.each(expectedOperations)("%s %s takes the hypermedia query parameters with their defaults", (method, path) => {
    const query = Object.fromEntries(
      parametersOf(spec, path, method)
        .filter((parameter) => parameter.in === "query" && parameter.name?.startsWith("_"))
        .map((parameter) => [parameter.name, [parameter.required, parameter.schema]]),
    );
    expect(query).toEqual({
      _actions: [false, { type: "boolean", default: false }],
      _links: [false, { type: "boolean", default: true }],
      _embedded: [false, { type: "boolean", default: true }],
    });
  });

  it.each(tokenOperations)(
    "%s %s takes the optional headers Losant's client sends: Accept-Version and losantdomain",
    (method, path) => {
      const headers = parametersOf(spec, path, method).filter((parameter) => parameter.in === "header");
      expect(headers.map(({ name, required, schema }) => ({ name, required, schema }))).toEqual([
        { name: "Accept-Version", required: false, schema: { type: "string" } },
        { name: "losantdomain", required: false, schema: { type: "string" } },
      ]);
      expect(headers[1]?.description).toBe("Domain scope of request (rarely needed).");
    },
  );

  // The reference's table of list query parameters: values, default, example.
  const listQuery = {
    sortField: {
      schema: {
        type: "string",
        enum: ["name", "status", "id", "creationDate", "lastUpdated", "expirationDate"],
        default: "name",
      },
      example: "name",
    },
    sortDirection: { schema: { type: "string", enum: ["asc", "desc"], default: "asc" }, example: "asc" },
    // Typed as strings in Losant's metadata, but numbers: they arrive as query strings of digits.
    page: { schema: { type: "integer", default: 0 }, example: 0 },
    perPage: { schema: { type: "integer", default: 100 }, example: 10 },
    filterField: { schema: { type: "string", enum: ["name", "status"] }, example: undefined },
    filter: { schema: { type: "string" }, example: "my*token" },
  };
  // The other lists' differences, as the reference gives them: fewer sort fields, filtering by name only,
  // and the application list's organization and summary parameters.
  const sortBy = (...fields: string[]) => ({
    schema: { type: "string", enum: fields, default: "name" },
    example: "name",
  });
  const byName = { schema: { type: "string", enum: ["name"] }, example: "name" };
  const text = (example: string) => ({ schema: { type: "string" }, example });
  const listQueries: Record<string, Record<string, unknown>> = {
    "/me/tokens": listQuery,
    [APPLICATION_LIST]: listQuery,
    [INSTANCE_LIST]: listQuery,
    "/me/oauth-tokens": {
      ...listQuery,
      sortField: sortBy("name", "status", "id", "creationDate", "lastUpdated"),
      filterField: byName,
    },
    "/applications": {
      ...listQuery,
      sortField: sortBy("name", "id", "creationDate", "ownerId", "lastUpdated"),
      filterField: byName,
      orgId: text("575ecdf07ae143cd83dc4a9a"),
      summaryExclude: text("payloadCount"),
      summaryInclude: text("payloadCount"),
    },
    "/instances": { ...listQuery, sortField: sortBy("name", "id", "creationDate", "lastUpdated"), filterField: byName },
  };

  it("knows the query of every list", () => {
    expect(listOperations.map(([, path]) => path).sort()).toEqual(Object.keys(listQueries).sort());
  });

  it.each(listOperations)(
    "%s %s takes the published list query parameters, with their defaults, enums and examples",
    (method, path) => {
      const query = parametersOf(spec, path, method).filter(
        (parameter) => parameter.in === "query" && !parameter.name?.startsWith("_"),
      );
      expect(Object.fromEntries(query.map(({ name, schema, example }) => [name, { schema, example }]))).toEqual(
        listQueries[path],
      );
      for (const parameter of query) expect(parameter.required, parameter.name).toBe(false);
      expect(query.find((parameter) => parameter.name === "filter")?.description).toMatch(/Supports globbing/);
    },
  );

  it("no operation but the lists takes a query parameter other than the hypermedia ones", () => {
    for (const [method, path, id] of expectedOperations) {
      const query = parametersOf(spec, path, method).filter(
        (parameter) => parameter.in === "query" && !parameter.name?.startsWith("_"),
      );
      const isList = listOperations.some(([m, p]) => m === method && p === path);
      expect(query.length > 0, id).toBe(isList);
    }
  });
});

describe("components.schemas", () => {
  const schemas = spec.components.schemas;
  const stringOf = (min: number, max?: number) => ({
    type: "string",
    minLength: min,
    ...(max ? { maxLength: max } : {}),
  });
  const name = stringOf(1, 255);
  const dateTime = { type: "string", format: "date-time" };
  const status = { type: "string", enum: ["active", "inactive"] };
  const scope = { type: "array", items: { type: "string" } };
  const id = { type: "string", pattern: ID_PATTERN };

  it("has the seed's six schemas, the four of API tokens, the four of OAuth tokens, the owner lists, and the parts these share, nothing else", () => {
    expect(Object.keys(schemas).sort()).toEqual(
      [
        ...["AccessToken", "AccessTokenPatch", "AccessTokenPost", "AccessTokens", "Error", "Success"],
        ...["ApiToken", "ApiTokens", "ApiTokenPost", "ApiTokenPatch", "EmptyObject"],
        ...["Role", "OrgRoles", "OrgRole", "ResourceRoles"],
        ...["ApiTokenScope", "ApplicationScope", "OrganizationScope", "InstanceScope", "UserScope"],
        ...["OauthToken", "OauthTokens", "OauthTokenPost", "OauthTokenPatch", "OauthGrant", "OauthScope"],
        ...["Applications", "Application", "Instances", "Instance"],
      ].sort(),
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

  it("names a spec schema for every one of Losant's schema files", () => {
    expect(losantSchemaFiles.sort()).toEqual(Object.keys(specNameOf).sort());
  });

  /**
   * What the comparison with Losant's files sets aside, and nothing more:
   * - `$schema`: Losant's files declare draft-07; the spec's schemas are OpenAPI 3.1 (JSON Schema
   *   2020-12). None of the keywords used here changed meaning between the two.
   * - annotations (`title`, `description`, `examples`, `$comment`): documentation, not constraints.
   *   Only keyword positions are touched: a property *named* `description` stays.
   * - `const: x` is written `enum: [x]`: the same constraint (the seed's Success says `const: true`,
   *   Losant's success.json `enum: [true]`).
   * `$ref`s are resolved first, so a shared component counts once per place it is used.
   */
  const ANNOTATIONS = new Set(["title", "description", "examples", "$comment"]);
  function constraints(schema: unknown): unknown {
    if (Array.isArray(schema)) return schema.map(constraints);
    if (schema === null || typeof schema !== "object") return schema;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key === "$schema" || ANNOTATIONS.has(key)) continue;
      if (key === "properties") {
        out[key] = Object.fromEntries(
          Object.entries(value as object).map(([property, sub]) => [property, constraints(sub)]),
        );
      } else if (key === "const") out["enum"] = [value];
      else out[key] = constraints(value);
    }
    return out;
  }

  it.each(Object.entries(specNameOf))(
    "%s: the spec's schema has exactly the constraints of Losant's file, every one",
    (file, specName) => {
      const ours = inlineRefs(spec, schemas[specName]);
      expect(constraints(ours)).toEqual(constraints(losantSchema(file)));
    },
  );

  it.each([
    ["ApiTokens", "ApiToken"],
    ["OauthTokens", "OauthToken"],
    ["Applications", "Application"],
    ["Instances", "Instance"],
  ])("the collection %s's items $ref the one %s schema (Losant's file inlines a copy)", (collection, one) => {
    expect(schemas[collection]?.["properties"]).toMatchObject({
      items: { type: "array", items: { $ref: `#/components/schemas/${one}` } },
    });
  });

  it("an OAuth token has no token secret, and no owner or creator fields", () => {
    const fields = Object.keys(schemas["OauthToken"]?.["properties"] as object);
    for (const field of ["token", "ownerId", "ownerType", "creatorId", "creatorType", "creatorName"])
      expect(fields).not.toContain(field);
  });

  /** Every object in the spec, wherever it is. */
  function* nodes(node: unknown): Generator<Record<string, unknown>> {
    if (node === null || typeof node !== "object") return;
    if (!Array.isArray(node)) yield node as Record<string, unknown>;
    for (const child of Object.values(node)) yield* nodes(child);
  }

  it("writes the scope vocabulary once: each published scope is in one enum of the whole spec", () => {
    const post = losantSchema("apiTokenPost.json") as { properties: { scope: { items: unknown } } };
    const vocabulary = [...nodes(post.properties.scope.items)].flatMap((node) =>
      Array.isArray(node["enum"]) ? (node["enum"] as string[]) : [],
    );
    expect(vocabulary.length).toBeGreaterThan(0);
    // OAuth tokens have their own, shorter list of seven scopes (OauthScope), Losant's separate vocabulary.
    const { OauthScope: oauthScope, ...others } = schemas;
    const rest = { ...spec, components: { ...spec.components, schemas: others } };
    const enums = [...nodes(rest)].flatMap((node) => (Array.isArray(node["enum"]) ? (node["enum"] as unknown[]) : []));
    const occurrences = new Map<unknown, number>();
    for (const value of enums) occurrences.set(value, (occurrences.get(value) ?? 0) + 1);
    for (const value of vocabulary) expect(occurrences.get(value), value).toBe(1);
    // The OAuth list is written once too, and each of its scopes is one an API token can have.
    expect([...nodes(spec)].filter((node) => node === oauthScope)).toHaveLength(1);
    for (const value of (oauthScope?.["enum"] ?? []) as string[]) expect(vocabulary, value).toContain(value);
  });

  it("writes the orgRoles shapes once: one organization role, one resource role", () => {
    const withProperty = (property: string) =>
      [...nodes(spec)].filter((node) => Object.hasOwn((node["properties"] as object | undefined) ?? {}, property));
    expect(withProperty("orgId")).toHaveLength(1);
    expect(withProperty("resourceId")).toHaveLength(1);
  });

  it("the API token schemas refuse what Losant's schemas refuse, and accept what they accept", () => {
    // Losant's files as they are, draft-07, judged by Ajv's draft-07 validator.
    const draft07 = new Ajv({ allErrors: true, strict: true });
    addFormats.default(draft07);
    const post = { name: "x", scope: ["all.User.read"] };
    const orgRole = { orgId: "sandbox", role: "view" };
    const grant = {
      client_id: "575ec7417ae143cd83dc4a98",
      redirect_uri: "https://assistant.example.com/callback",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    };
    const probes: [string, unknown][] = [
      ["ApiTokenPost", post],
      ["ApiTokenPost", { ...post, name: "" }],
      ["ApiTokenPost", { ...post, name: "x".repeat(256) }],
      ["ApiTokenPost", { ...post, description: "x".repeat(32768) }],
      ["ApiTokenPost", { scope: ["all.User"] }],
      ["ApiTokenPost", { ...post, scope: ["all.User", "all.User"] }],
      ["ApiTokenPost", { ...post, scope: ["devices"] }],
      ["ApiTokenPost", { ...post, scope: ["all.Application", "all.Organization", "all.Instance", "all.User"] }],
      ["ApiTokenPost", { ...post, extra: 1 }],
      ["ApiTokenPost", { ...post, expirationDate: "tomorrow" }],
      ["ApiTokenPost", { ...post, defaultRole: "owner" }],
      ["ApiTokenPost", { ...post, orgRoles: Array.from({ length: 25 }, () => orgRole) }],
      ["ApiTokenPost", { ...post, orgRoles: Array.from({ length: 26 }, () => orgRole) }],
      ["ApiTokenPost", { ...post, orgRoles: [{ orgId: "somewhere", role: "view" }] }],
      ["ApiTokenPost", { ...post, orgRoles: [{ orgId: "575ed6e87ae143cd83dc4aa8" }] }],
      [
        "ApiTokenPost",
        {
          ...post,
          orgRoles: [{ ...orgRole, applicationRoles: [{ resourceId: "575ec8687ae143cd83dc4a97", role: "edit" }] }],
        },
      ],
      [
        "ApiTokenPost",
        {
          ...post,
          orgRoles: [
            {
              ...orgRole,
              dashboardRoles: Array.from({ length: 101 }, () => ({
                resourceId: "575ec8687ae143cd83dc4a97",
                role: "view",
              })),
            },
          ],
        },
      ],
      ["ApiTokenPatch", {}],
      ["ApiTokenPatch", { scope: ["all.User"] }],
      ["ApiTokenPatch", { expirationDate: "2027-01-15T09:30:00.000Z" }],
      ["ApiTokenPatch", { status: "paused" }],
      ["ApiToken", { token: "" }],
      ["ApiToken", { ownerType: "organization" }],
      ["ApiToken", { creatorName: "x".repeat(1025) }],
      ["ApiToken", { scope: [""] }],
      ["ApiTokens", { sortDirection: "" }],
      ["ApiTokens", { sortDirection: "up" }],
      ["ApiTokens", { count: 1.5 }],
      ["OauthToken", { oauth: { client_id: "575ec7417ae143cd83dc4a98", authorizationStatus: "pending" } }],
      ["OauthToken", { oauth: { client_id: "short" } }],
      ["OauthToken", { oauth: { authorizationStatus: "denied" } }],
      ["OauthToken", { oauth: { redirect_uri: "not a uri" } }],
      ["OauthToken", { scope: ["all.Application.read", "only.User.read"] }],
      ["OauthToken", { scope: ["all.User"] }],
      ["OauthToken", { scope: ["only.User.read", "only.User.read"] }],
      ["OauthToken", { token: "a-secret" }],
      ["OauthTokenPost", { name: "x", oauth: grant }],
      ["OauthTokenPost", { name: "x", oauth: grant, expirationDate: null }],
      ["OauthTokenPost", { name: "x", oauth: grant, expirationDate: "2027-01-15T09:30:00.000Z" }],
      ["OauthTokenPost", { name: "x", oauth: grant, expirationDate: "soon" }],
      ["OauthTokenPost", { name: "x" }],
      ["OauthTokenPost", { oauth: grant }],
      ["OauthTokenPost", { name: "x", oauth: { ...grant, code_challenge: "too-short" } }],
      ["OauthTokenPost", { name: "x", oauth: { ...grant, code_challenge: `${"a".repeat(42)}!` } }],
      ["OauthTokenPost", { name: "x", oauth: { ...grant, code_challenge_method: "plain" } }],
      [
        "OauthTokenPost",
        { name: "x", oauth: { ...grant, resource: Array.from({ length: 11 }, () => "https://api.losant.com") } },
      ],
      ["OauthTokenPost", { name: "x", oauth: { ...grant, authorizationStatus: "authorized" } }],
      ["OauthTokenPost", { name: "x", oauth: grant, status: "active" }],
      ["OauthTokenPatch", { status: "inactive" }],
      ["OauthTokenPatch", { scope: ["only.User.read"] }],
      ["Applications", { items: [{ endpointSlug: "my-app" }] }],
      ["Applications", { items: [{ endpointSlug: "My App" }] }],
      ["Applications", { items: [{ ownerType: "organization", blobUrlTTL: 3600 }] }],
      ["Applications", { items: [{ blobUrlTTL: 60 }] }],
      [
        "Instances",
        { items: [{ mfaMode: "required", members: [{ userId: "575ed70c7ae143cd83dc4aa9", role: "admin" }] }] },
      ],
      ["Instances", { items: [{ mfaMode: "sometimes" }] }],
      ["Instances", { items: [{ limits: { unknownLimit: 1 } }] }],
    ];
    const file = Object.fromEntries(Object.entries(specNameOf).map(([name, specName]) => [specName, name]));
    const verdicts = probes.map(([schema, value]) => [
      schema,
      JSON.stringify(value).slice(0, 80),
      validate(schema, value).length === 0,
    ]);
    const losant = probes.map(([schema, value]) => [
      schema,
      JSON.stringify(value).slice(0, 80),
      draft07.validate(losantSchema(file[schema] ?? ""), value),
    ]);
    expect(verdicts).toEqual(losant);
    // Both verdicts occur, so the comparison says something.
    expect(new Set(verdicts.map(([, , ok]) => ok))).toEqual(new Set([true, false]));
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
    // Every body the operations declare, counted from the spec: a request body and each response.
    const declared = operations(spec).flatMap(([method, path, op]) => [
      ...(op.requestBody ? [`${method} ${path} request`] : []),
      ...Object.keys(op.responses).map((status) => `${method} ${path} ${status}`),
    ]);
    const checked: string[] = [];
    for (const [method, path, op] of operations(spec)) {
      const bodies: [string, Record<string, MediaType> | undefined][] = [
        ["request", op.requestBody?.content],
        ...Object.entries(op.responses).map(([status, r]): [string, Record<string, MediaType> | undefined] => [
          status,
          r.$ref ? resolveRef<{ content: Record<string, MediaType> }>(spec, r.$ref).content : r.content,
        ]),
      ];
      for (const [label, content] of bodies) {
        if (!content) continue;
        const media = content["application/json"];
        expect(media, `${method} ${path} ${label}`).toBeDefined();
        const values = examplesOf(media as MediaType);
        expect(values.length, `${method} ${path} ${label} example`).toBeGreaterThan(0);
        for (const value of values)
          expect(validate(schemaName(media), value), `${method} ${path} ${label}`).toEqual([]);
        checked.push(`${method} ${path} ${label}`);
      }
    }
    expect(checked.sort()).toEqual(declared.sort());
  });

  it.each(listOperations)(
    "the %s %s example holds a token and counts that agree, so paging through it ends",
    (method, path) => {
      for (const example of examplesOf(successMedia(operationAt(method, path)))) {
        const {
          items = [],
          count,
          totalCount,
          page,
          perPage,
        } = example as { items?: unknown[] } & Record<"count" | "totalCount" | "page" | "perPage", number>;
        expect(items.length).toBeGreaterThan(0);
        expect(count).toBe(items.length);
        // This page ends the collection: the tokens before it and on it are all there are.
        expect(page * perPage + count).toBe(totalCount);
        expect(count).toBeLessThanOrEqual(perPage);
      }
    },
  );

  it("only the creation's response shows the token string: Losant keeps no copy to show later", () => {
    for (const [method, path, id] of apiTokenOperations) {
      const op = operationAt(method, path);
      for (const example of examplesOf(successMedia(op))) {
        const tokens = (example as { items?: object[] }).items ?? [example as object];
        for (const token of tokens) expect(Object.hasOwn(token, "token"), id).toBe(method === "post");
      }
    }
  });

  it("each resource's examples are owned by that resource: the user, or the application in the path", () => {
    const applicationId = spec.components.parameters["ApplicationId"]?.example;
    for (const [method, path, id, tag] of apiTokenOperations.filter(([, , , tag]) => tag !== INSTANCE)) {
      for (const example of examplesOf(successMedia(operationAt(method, path)))) {
        const body = example as {
          ownerType?: string;
          ownerId?: string;
          items?: { ownerType?: string; ownerId?: string }[];
        };
        for (const owned of [...(body.items ?? []), ...(body.ownerType ? [body] : [])]) {
          expect(owned.ownerType, id).toBe(tag === USER ? "user" : "application");
          if (tag === APPLICATION) expect(owned.ownerId, id).toBe(applicationId);
        }
      }
    }
  });

  it("no instance token or OAuth token example shows an owner: Losant publishes none for them", () => {
    for (const [method, path, id] of tokenOperations.filter(([, , , tag]) => tag === INSTANCE || tag === OAUTH)) {
      for (const example of examplesOf(successMedia(operationAt(method, path)))) {
        const body = example as { items?: object[] };
        for (const token of [...(body.items ?? []), body]) {
          expect(token, id).not.toHaveProperty("ownerType");
          expect(token, id).not.toHaveProperty("ownerId");
        }
      }
    }
  });

  it("no OAuth token example holds a token secret, the creation's included", () => {
    for (const [method, path, id] of tokenOperations.filter(([, , , tag]) => tag === OAUTH)) {
      for (const example of examplesOf(successMedia(operationAt(method, path)))) {
        for (const token of [...((example as { items?: object[] }).items ?? []), example as object])
          expect(token, id).not.toHaveProperty("token");
      }
    }
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

describe("the mock, sent exactly what Losant's own client sends", () => {
  // losant-rest's lib/api/index.js: these headers and this query on every request, and a JSON body on
  // every request but GET: the operation's body, or `{}` where it has none (DELETE).
  const LOSANT_QUERY = "_actions=false&_links=true&_embedded=true";
  const losantHeaders = (method: string): Record<string, string> => ({
    Accept: "application/json",
    "Accept-Version": "^1.30.0",
    Authorization: "Bearer a-losant-api-token",
    ...(method === "get" ? {} : { "Content-Type": "application/json" }),
  });
  const concretePath = (method: string, path: string) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) =>
      String(parametersOf(spec, path, method).find((p) => p.name === name)?.example),
    );
  const send = (
    method: string,
    path: string,
    body: string | undefined,
    headers = losantHeaders(method),
    query = LOSANT_QUERY,
  ) =>
    fetch(`${prismUrl}${concretePath(method, path)}?${query}`, {
      method: method.toUpperCase(),
      headers,
      ...(body === undefined ? {} : { body }),
    });
  const losantBody = (method: string, path: string) => {
    if (method === "get") return undefined;
    const media = operationAt(method, path).requestBody?.content["application/json"];
    const example = method === "delete" || !media ? undefined : examplesOf(media)[0];
    return JSON.stringify(example ?? {});
  };

  it.each(tokenOperations)(
    "%s %s (%s): accepted, answered with its documented success status",
    async (method, path, _id, _tag, ok) => {
      const response = await send(method, path, losantBody(method, path));
      await response.arrayBuffer();
      expect(response.headers.get("sl-violations")).toBeNull();
      expect(response.status).toBe(Number(ok));
    },
  );

  it("accepts the rarely needed losantdomain header", async () => {
    const response = await send("get", "/me/tokens", undefined, {
      ...losantHeaders("get"),
      losantdomain: "example.com",
    });
    await response.arrayBuffer();
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(response.status).toBe(200);
  });

  it("accepts every published list query parameter, page and perPage as digits", async () => {
    const query = `${LOSANT_QUERY}&sortField=lastUpdated&sortDirection=desc&page=2&perPage=10&filterField=name&filter=my*token`;
    const response = await send("get", APPLICATION_LIST, undefined, losantHeaders("get"), query);
    await response.arrayBuffer();
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(response.status).toBe(200);
  });

  it.each(tokenOperations.filter(([method]) => method === "delete"))(
    "%s %s refuses a body other than `{}`",
    async (method, path) => {
      for (const body of ['{"name":"x"}', "[]", '"x"']) {
        const response = await send(method, path, body);
        await response.arrayBuffer();
        expect(response.headers.get("sl-violations"), body).toContain("body");
        expect(response.status, body).toBe(400);
      }
    },
  );

  it("still refuses what the API refuses: an unknown scope, an id of the wrong shape, a page that is not a number", async () => {
    const refusals: [string, string, string | undefined, string][] = [
      ["post", "/me/tokens", JSON.stringify({ name: "x", scope: ["devices"] }), LOSANT_QUERY],
      ["patch", USER_ITEM, JSON.stringify({ scope: ["all.User"] }), LOSANT_QUERY],
      ["get", "/me/tokens", undefined, `${LOSANT_QUERY}&page=first`],
      ["get", "/me/tokens", undefined, `${LOSANT_QUERY}&sortField=owner`],
    ];
    for (const [method, path, body, query] of refusals) {
      const response = await send(method, path, body, losantHeaders(method), query);
      await response.arrayBuffer();
      expect(response.headers.get("sl-violations"), `${method} ${path} ${body ?? query}`).not.toBeNull();
    }
    const badId = await fetch(`${prismUrl}/me/tokens/not-a-token-id?${LOSANT_QUERY}`, {
      headers: losantHeaders("get"),
    });
    await badId.arrayBuffer();
    expect(badId.headers.get("sl-violations")).toMatch(/apiTokenId/i);
  });
});
