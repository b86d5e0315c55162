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

  it("names the file and line of a YAML syntax error", async () => {
    const file = await specFile("broken.yaml", "a: 1\nb: [\n");
    await expect(readSpec(file)).rejects.toThrow(/broken\.yaml" \(3:1\)/);
  });
});
