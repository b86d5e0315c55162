import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec, operations, schemaValidator } from "./support/spec.js";
import { writeSnippets, type Snippets } from "./support/snippets.js";

const spec = loadSpec();
const validate = schemaValidator(spec);
const ops = operations(spec);
const sample = (op: (typeof ops)[number][2], label: string) => op["x-codeSamples"]?.find((s) => s.label === label)?.source ?? "";

describe("x-codeSamples", () => {
  it.each(ops)("%s %s has a TypeScript sample and a curl sample, in that order", (_method, _path, op) => {
    expect(op["x-codeSamples"]?.map(({ lang, label }) => [lang, label])).toEqual([
      ["TypeScript", "TypeScript"],
      ["Shell", "curl"],
    ]);
    expect(sample(op, "TypeScript")).toContain('from "losant-access-tokens"');
  });

  it.each(ops)("the curl sample of %s %s sends that method to that path, with a valid body", (method, path, op) => {
    const curl = sample(op, "curl");
    expect(curl).toContain(`-X ${method.toUpperCase()}`);
    expect(curl).toContain("-H 'Authorization: Bearer YOUR_AUTH_TOKEN'");
    const url = /(https:\/\/\S+)\s*$/.exec(curl)?.[1] ?? "";
    expect(url.replace("575ec7417ae143cd83dc4a95", "{accessTokenId}")).toBe(`https://api.losant.com${path}`);
    const body = /-d '([^']*)'/.exec(curl)?.[1];
    const schema = op.requestBody?.content["application/json"]?.schema.$ref.split("/").pop();
    if (schema) expect(validate(schema, JSON.parse(body ?? "null"))).toEqual([]);
    else expect(body).toBeUndefined();
  });
});

describe("the TypeScript samples", () => {
  let snippets: Snippets;
  beforeAll(async () => {
    // Each sample imports the package by name, as a user would; here that name is this repository's src/.
    snippets = await writeSnippets(".samples", Object.fromEntries(ops.map(([, , op]) => [op.operationId, sample(op, "TypeScript")])));
  });
  afterAll(() => snippets.remove());

  it("compile against this client under the project's strict settings", async () => {
    expect(await snippets.typecheck()).toBe("compiles");
  });
});
