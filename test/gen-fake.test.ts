import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateFake } from "../scripts/gen-fake.mjs";
import { readSpec } from "../scripts/gen-spec.mjs";

const dir = await mkdtemp(path.join(tmpdir(), "losant-gen-fake-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A spec with one path and the given operations (YAML, indented under the path). */
async function specWith(name: string, operations: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths:\n  /things:\n${operations}`);
  return file;
}
const json = (schema: string) => `content: { application/json: { schema: ${schema} } }`;

describe("the fake's generator (scripts/gen-fake.mjs)", () => {
  it("refuses an operationId that would export a validator under another's name, rather than lose one", async () => {
    // `list`'s success body is exported as list_200; so would `list_200`'s request body be.
    const file = await specWith(
      "clash.yaml",
      `    get:\n      operationId: list\n      responses: { "200": { description: ok, ${json("{ type: object }")} } }\n` +
        `    post:\n      operationId: list_200\n      requestBody: { required: true, ${json("{ type: string }")} }\n      responses: { "201": { description: ok, ${json("{ type: object }")} } }\n`,
    );
    await expect(async () => generateFake(await readSpec(file))).rejects.toThrow(
      "two schemas would both be exported as list_200: rename an operationId",
    );
  });

  it("gives a request body and another operation's error response of one export name each its own validator", async () => {
    // `get`'s 404 goes to the responses as get_404; `get_404`'s request body goes to the bodies, whose Ajv the responses share.
    const file = await specWith(
      "cross.yaml",
      `    get:\n      operationId: get\n      responses: { "200": { description: ok, ${json("{ type: object }")} }, "404": { description: no, ${json("{ type: array }")} } }\n` +
        `    post:\n      operationId: get_404\n      requestBody: { required: true, ${json("{ type: string }")} }\n      responses: { "201": { description: ok, ${json("{ type: object }")} } }\n`,
    );
    const files = generateFake(await readSpec(file));
    // Under their own names, in a folder of their own: fake-bodies.js imports the success bodies from responses.js.
    const folder = await mkdtemp(path.join(dir, "cross-"));
    for (const module of ["fake-bodies.js", "responses.js", "fake-responses.js"] as const)
      await writeFile(path.join(folder, module), files[module]);
    const load = async (module: "fake-bodies.js" | "fake-responses.js") =>
      (await import(path.join(folder, module))) as Record<string, (data: unknown) => boolean>;
    const bodies = await load("fake-bodies.js");
    const responses = await load("fake-responses.js");
    expect([bodies["get_404"]?.("text"), bodies["get_404"]?.([])]).toEqual([true, false]);
    expect([responses["get_404"]?.([]), responses["get_404"]?.("text")]).toEqual([true, false]);
    // The schemas both modules have still compile once, and each module exports them under its own names.
    expect([bodies["get_200"]?.({}), responses["get_200"]?.({}), responses["get_404_201"]?.({})]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("writes every format the schemas use into the validators, from ajv-formats' own table, and nothing else", async () => {
    const schema =
      "{ type: object, properties: { site: { type: string, format: uri }, mail: { type: string, format: email }, at: { type: string, format: date-time } } }";
    const file = await specWith(
      "formats.yaml",
      `    get:\n      operationId: get\n      responses: { "200": { description: ok, ${json(schema)} } }\n`,
    );
    const files = generateFake(await readSpec(file));
    const at = path.join(dir, "formats-responses.js");
    await writeFile(at, files["responses.js"]);
    const { get_200: check } = (await import(at)) as Record<string, (data: unknown) => boolean>;
    const good = { site: "https://www.losant.com/docs", mail: "ops@example.com", at: "2026-01-15T09:30:00Z" };
    expect(check?.(good)).toBe(true);
    expect([
      check?.({ ...good, site: "not a uri" }),
      check?.({ ...good, mail: "nobody" }),
      check?.({ ...good, at: "not-a-date" }),
    ]).toEqual([false, false, false]);
    // The module imports nothing, and carries only the formats asked for.
    expect(files["responses.js"].replace(/\/\*\*[\s\S]*?\*\//g, "")).not.toMatch(/\b(?:import|require)\b[ (]/);
    // (Ajv writes a format that is a plain regular expression, such as email, into its own code.)
    expect(files["responses.js"]).toContain(
      'fullFormats: { "uri": uri, "date-time": fmtDef(getDateTime(true), compareDateTime) }',
    );
    expect(files["responses.js"]).not.toContain("ipv6");
  });
});
