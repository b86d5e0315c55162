import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSnippets, type Snippets } from "./support/snippets.js";
import { repoPath } from "./support/spec.js";

const SECTION = "Test against the fake";
// readme.test.ts compiles these examples with every other block of the docs; here they are run and named.

/**
 * Stands in for vitest in the README's example: its `test` is collected here and run by this file
 * (vitest refuses a test declared inside a running one); its `expect` is vitest's own.
 */
const HARNESS = `export { expect } from "vitest";
/** The README's tests, as the example declares them. */
export const collected: { name: string; run: () => unknown }[] = [];
/** Collects a test of the example. */
export function test(name: string, run: () => unknown): void {
  collected.push({ name, run });
}
`;

/** The TypeScript blocks of a text, pointed at src/ instead of the installed package, and at the harness instead of vitest. */
const examplesOf = (text: string): string[] =>
  [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, code = ""]) =>
    code
      .replaceAll('from "losant-access-tokens/fake"', 'from "../../src/fake/index.js"')
      .replaceAll('from "losant-access-tokens"', 'from "../../src/index.js"')
      .replaceAll('from "vitest"', 'from "./fake-harness.js"'),
  );

/** The TypeScript blocks of the README's section. */
async function sectionExamples(): Promise<string[]> {
  const readme = await readFile(repoPath("README.md"), "utf8");
  const start = readme.indexOf(`## ${SECTION}\n`);
  if (start < 0) return [];
  return examplesOf(readme.slice(start, readme.indexOf("\n## ", start + 1)));
}

describe(`the README's "${SECTION}"`, () => {
  let snippets: Snippets;
  let examples: string[];

  beforeAll(async () => {
    examples = await sectionExamples();
    const named = Object.fromEntries(examples.map((code, i) => [`fake-example-${i + 1}`, code]));
    snippets = await writeSnippets(".readme-fake", { ...named, "fake-harness": HARNESS });
  });
  afterAll(() => snippets?.remove());

  it("follows the quick starts and The CLI, and shows one test-style example that uses createFakeLosant with a facade", async () => {
    const readme = await readFile(repoPath("README.md"), "utf8");
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map(([, heading]) => heading);
    // The front page's order: the two quick starts, the CLI, then the fake.
    const typed = headings.indexOf("Quick start: the typed client");
    expect(headings.slice(typed - 1, typed + 3)).toEqual([
      "Quick start: the facades",
      "Quick start: the typed client",
      "The CLI",
      SECTION,
    ]);
    expect(examples).toHaveLength(1);
    expect(examples[0]).toMatch(/createFakeLosant\(/);
    expect(examples[0]).toMatch(/fetch: fake\.fetch/);
  });

  it("passes, run as the test it is", async () => {
    for (const [name, file] of Object.entries(snippets.files))
      if (name.startsWith("fake-example")) await import(pathToFileURL(file).href);
    const harness = (await import(pathToFileURL(snippets.files["fake-harness"] ?? "").href)) as {
      collected: { name: string; run: () => unknown }[];
    };
    expect(harness.collected.map((test) => test.name)).toEqual(["a deploy key is created, found, and revoked"]);
    for (const test of harness.collected) await test.run();
  });
});

describe("docs/testing.md, the guide to the fake and the mock", () => {
  let snippets: Snippets;
  let examples: string[];

  beforeAll(async () => {
    examples = examplesOf(await readFile(repoPath("docs/testing.md"), "utf8"));
    const named = Object.fromEntries(examples.map((code, i) => [`guide-example-${i + 1}`, code]));
    snippets = await writeSnippets(".guide-fake", { ...named, "fake-harness": HARNESS });
  });
  afterAll(() => snippets?.remove());

  it("is linked from the README's section, and shows the README's example and a gate built on auditTokens", async () => {
    const readme = await readFile(repoPath("README.md"), "utf8");
    expect(readme).toContain("[docs/testing.md](docs/testing.md)");
    expect(examples).toHaveLength(2);
    expect(examples[0]).toEqual((await sectionExamples())[0]);
    expect(examples[1]).toMatch(/auditTokens\(/);
  });

  it("passes, every example run as the test it is", async () => {
    for (const [name, file] of Object.entries(snippets.files))
      if (name.startsWith("guide-example")) await import(pathToFileURL(file).href);
    const harness = (await import(pathToFileURL(snippets.files["fake-harness"] ?? "").href)) as {
      collected: { name: string; run: () => unknown }[];
    };
    expect(harness.collected.map((test) => test.name)).toEqual([
      "a deploy key is created, found, and revoked",
      "the nightly gate flags a grant never authorized and an instance token that never expires",
    ]);
    for (const test of harness.collected) await test.run();
  });
});
