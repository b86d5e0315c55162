import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec, operations, parametersOf, schemaValidator } from "./support/spec.js";
import { writeSnippets, type Snippets } from "./support/snippets.js";

const spec = loadSpec();
const validate = schemaValidator(spec);
const ops = operations(spec);
const sample = (op: (typeof ops)[number][2], label: string) =>
  op["x-codeSamples"]?.find((s) => s.label === label)?.source ?? "";
// The facade each resource's samples use, by the resource's tag.
const facadeOf: Record<string, string> = {
  "Access Tokens": "createAccessTokensApi",
  "User API Tokens": "createUserTokensApi",
  "Application API Tokens": "createApplicationTokensApi",
  "Instance API Tokens": "createInstanceTokensApi",
  "OAuth Tokens": "createOauthTokensApi",
  Applications: "createApplicationsApi",
  Instances: "createInstancesApi",
};

describe("x-codeSamples", () => {
  it.each(ops)("%s %s has a TypeScript sample and a curl sample, in that order", (_method, _path, op) => {
    expect(op["x-codeSamples"]?.map(({ lang, label }) => [lang, label])).toEqual([
      ["TypeScript", "TypeScript"],
      ["Shell", "curl"],
    ]);
    expect(sample(op, "TypeScript")).toContain('from "losant-access-tokens"');
  });

  it.each(ops)("the TypeScript sample of %s %s calls its resource's facade", (_method, _path, op) => {
    expect(op.tags).toHaveLength(1);
    const facade = facadeOf[op.tags[0] ?? ""];
    expect(facade, op.tags[0]).toBeDefined();
    expect(sample(op, "TypeScript")).toContain(`${facade}({`);
  });

  it.each(ops)("the curl sample of %s %s sends that method to that path, with a valid body", (method, path, op) => {
    const curl = sample(op, "curl");
    expect(curl).toContain(`-X ${method.toUpperCase()}`);
    expect(curl).toContain("-H 'Authorization: Bearer YOUR_AUTH_TOKEN'");
    // The URL ends the command, quoted when it has a query.
    const url = new URL(/'?(https:\/\/[^\s']+)'?\s*$/.exec(curl)?.[1] ?? "");
    const parameters = parametersOf(spec, path, method);
    const expected = path.replace(/\{(\w+)\}/g, (_, name: string) =>
      String(parameters.find((p) => p.name === name)?.example),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`https://api.losant.com${expected}`);
    const queryNames = parameters.filter((p) => p.in === "query").map((p) => p.name);
    for (const name of url.searchParams.keys()) expect(queryNames, `query ${name}`).toContain(name);
    // A header parameter the operation declares is shown with its example, as Losant's client sends it.
    for (const header of parameters.filter((p) => p.in === "header" && p.example !== undefined)) {
      expect(curl).toContain(`-H '${header.name}: ${String(header.example)}'`);
    }
    const body = /-d '([^']*)'/.exec(curl)?.[1];
    const requestBody = op.requestBody;
    const schema = requestBody?.content["application/json"]?.schema.$ref.split("/").pop();
    if (schema && (requestBody?.required || body !== undefined))
      expect(validate(schema, JSON.parse(body ?? "null"))).toEqual([]);
    else expect(body).toBeUndefined();
  });
});

describe("the TypeScript samples", () => {
  let snippets: Snippets;
  beforeAll(async () => {
    // Each sample imports the package by name, as a user would; here that name is this repository's src/.
    snippets = await writeSnippets(
      ".samples",
      Object.fromEntries(ops.map(([, , op]) => [op.operationId, sample(op, "TypeScript")])),
    );
  });
  afterAll(() => snippets.remove());

  it("compile against this client under the project's strict settings", async () => {
    expect(await snippets.typecheck()).toBe("compiles");
  });
});
