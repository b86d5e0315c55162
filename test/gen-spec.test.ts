import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSpec } from "../scripts/gen-spec.mjs";

const dir = await mkdtemp(path.join(tmpdir(), "losant-gen-spec-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Writes a spec file of its own for one test and returns its path. */
async function specFile(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

describe("the spec as gen's generators read it (scripts/gen-spec.mjs)", () => {
  it("keeps date-like and other untagged scalars as YAML 1.2's core schema does: a date stays a string", async () => {
    const file = await specFile(
      "scalars.yaml",
      "example: 2016-06-13T04:00:00.000Z\nday: 2016-06-13\non: yes\nn: 0x1F\nnothing: ~\n",
    );
    expect(await readSpec(file)).toEqual({
      example: "2016-06-13T04:00:00.000Z",
      day: "2016-06-13",
      on: "yes",
      n: 31,
      nothing: null,
    });
  });

  it("parses a file once while its text is unchanged, and again once it changes", async () => {
    const file = await specFile("changing.yaml", "a: 1\n");
    const first = await readSpec(file);
    expect(await readSpec(file)).toBe(first);
    await writeFile(file, "a: 2\n");
    expect(await readSpec(file)).toEqual({ a: 2 });
  });

  it("hands out a spec frozen at every depth, so that one step cannot change what another reads", async () => {
    const spec = (await readSpec(await specFile("nested.yaml", "paths:\n  /x:\n    get:\n      tags: [a]\n"))) as {
      paths: Record<string, { get: { tags: string[] } }>;
    };
    expect(Object.isFrozen(spec)).toBe(true);
    expect(Object.isFrozen(spec.paths["/x"]?.get.tags)).toBe(true);
    expect(() => spec.paths["/x"]?.get.tags.push("b")).toThrow(TypeError);
  });

  it("names the file and line of a YAML syntax error", async () => {
    const file = await specFile("broken.yaml", "a: 1\nb: [\n");
    await expect(readSpec(file)).rejects.toThrow(/broken\.yaml" \(3:1\)/);
  });
});
