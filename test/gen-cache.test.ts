import { mkdtemp, mkdir, readFile, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { moduleClosure, readEntry, stepKey, writeEntry } from "../scripts/gen-cache.mjs";

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "losant-gen-cache-"));
  temps.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A small repository: a generator that imports a helper, one tool, npm's record of what is installed. */
async function repository(): Promise<string> {
  const root = await tempDir();
  await mkdir(path.join(root, "scripts"));
  await mkdir(path.join(root, "node_modules/tool"), { recursive: true });
  await writeFile(path.join(root, "scripts/generator.mjs"), 'import { helper } from "./helper.mjs";\nexport const generate = () => helper();\n');
  await writeFile(path.join(root, "scripts/helper.mjs"), "export const helper = () => 1;\n");
  await writeFile(path.join(root, "node_modules/tool/package.json"), '{ "name": "tool", "version": "1.0.0" }');
  await writeFile(path.join(root, "node_modules/.package-lock.json"), '{ "packages": { "node_modules/tool/node_modules/nested": { "version": "2.0.0" } } }');
  return root;
}

const SPEC = Buffer.from("openapi: 3.1.0\ninfo: { title: t, version: '1' }\n");
const keyOf = (root: string, spec = SPEC) =>
  stepKey({ step: "types", inputs: { spec }, scripts: [path.join(root, "scripts/generator.mjs")], packages: ["tool"], root });

describe("gen's cache key", () => {
  it("is the same for the same inputs, wherever the repository is", async () => {
    const [one, two] = [await repository(), await repository()];
    expect(keyOf(one)).toBe(keyOf(one));
    expect(keyOf(two)).toBe(keyOf(one));
  });

  it("changes when the spec changes by one byte", async () => {
    const root = await repository();
    expect(keyOf(root, Buffer.from(SPEC.toString().replace("'1'", "'2'")))).not.toBe(keyOf(root));
  });

  it("changes when the generator script changes", async () => {
    const root = await repository();
    const before = keyOf(root);
    await writeFile(path.join(root, "scripts/generator.mjs"), 'import { helper } from "./helper.mjs";\nexport const generate = () => helper() + 1;\n');
    expect(keyOf(root)).not.toBe(before);
  });

  it("changes when a module the generator imports changes", async () => {
    const root = await repository();
    const before = keyOf(root);
    await writeFile(path.join(root, "scripts/helper.mjs"), "export const helper = () => 2;\n");
    expect(keyOf(root)).not.toBe(before);
  });

  it("changes when a tool the step runs is upgraded", async () => {
    const root = await repository();
    const before = keyOf(root);
    await writeFile(path.join(root, "node_modules/tool/package.json"), '{ "name": "tool", "version": "1.0.1" }');
    expect(keyOf(root)).not.toBe(before);
  });

  it("changes when any installed package changes, nested ones included (npm's node_modules/.package-lock.json)", async () => {
    const root = await repository();
    const before = keyOf(root);
    await writeFile(path.join(root, "node_modules/.package-lock.json"), '{ "packages": { "node_modules/tool/node_modules/nested": { "version": "2.0.1" } } }');
    expect(keyOf(root)).not.toBe(before);
  });

  it("follows the generator's local imports, and skips a specifier that names no file", async () => {
    const root = await repository();
    await writeFile(path.join(root, "scripts/helper.mjs"), 'export const helper = () => `import x from "./written-out.js"`;\n');
    expect(moduleClosure(path.join(root, "scripts/generator.mjs"))).toEqual([path.join(root, "scripts/generator.mjs"), path.join(root, "scripts/helper.mjs")]);
  });
});

describe("gen's cache entries", () => {
  const outputs = { "openapi.ts": "export interface paths {}\n", "fake-params.js": "export const x = 1;\n" };

  it("give back what was stored under the same key", async () => {
    const dir = await tempDir();
    writeEntry(dir, "types-abc", outputs);
    expect(readEntry(dir, "types-abc")).toEqual(outputs);
    expect(readEntry(dir, "types-abd")).toBeUndefined();
  });

  /** Stores `outputs`, damages the entry's file with `damage`, and resolves with what reading it gives and reports. */
  async function damaged(damage: (text: string) => string) {
    const dir = await tempDir();
    writeEntry(dir, "types-abc", outputs);
    const file = path.join(dir, "types-abc.json");
    await writeFile(file, damage(await readFile(file, "utf8")));
    const reasons: string[] = [];
    return { read: readEntry(dir, "types-abc", (reason: string) => reasons.push(reason)), reasons };
  }

  it("are ignored, and reported, when an output was altered after it was stored", async () => {
    const { read, reasons } = await damaged((text) => text.replace("paths {}", "paths { hacked: 1 }"));
    expect(read).toBeUndefined();
    expect(reasons.join()).toMatch(/types-abc\.json: its outputs do not match their digest/);
  });

  it("are ignored when cut short", async () => {
    const { read, reasons } = await damaged((text) => text.slice(0, text.length >> 1));
    expect(read).toBeUndefined();
    expect(reasons).toHaveLength(1);
  });

  it("are ignored when the file holds another key's entry", async () => {
    const { read, reasons } = await damaged((text) => text.replace('"key":"types-abc"', '"key":"types-xyz"'));
    expect(read).toBeUndefined();
    expect(reasons.join()).toMatch(/another key/);
  });

  it("keep the newest six of a step, whatever the other steps hold", async () => {
    const dir = await tempDir();
    for (let i = 0; i < 9; i += 1) {
      writeEntry(dir, `types-${i}`, outputs);
      // mtimes one apart, so that the order is certain on any file system
      await utimes(path.join(dir, `types-${i}.json`), 1_000 + i, 1_000 + i);
    }
    writeEntry(dir, "lint-0", {});
    writeEntry(dir, "types-9", outputs);
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(["lint-0.json", "types-4.json", "types-5.json", "types-6.json", "types-7.json", "types-8.json", "types-9.json"]);
  });
});
