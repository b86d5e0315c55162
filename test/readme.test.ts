import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { repoPath } from "./support/spec.js";
import { prismUrl } from "./support/prism.js";
import { writeSnippets, type Snippets } from "./support/snippets.js";

/** The TypeScript blocks of one README section, pointed at this run's Prism and at src/ instead of the installed package. */
async function readmeExamples(heading: string): Promise<string[]> {
  const readme = await readFile(repoPath("README.md"), "utf8");
  const start = readme.indexOf(`## ${heading}`);
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, code = ""]) =>
    code.replaceAll('from "losant-access-tokens"', 'from "../../src/index.js"').replaceAll("http://127.0.0.1:4010", prismUrl),
  );
}

describe("README example", () => {
  let usage: Snippets;
  let install: Snippets;

  beforeAll(async () => {
    const named = (prefix: string, blocks: string[]) => Object.fromEntries(blocks.map((code, i) => [`${prefix}-${i + 1}`, code]));
    usage = await writeSnippets(".readme", named("usage", await readmeExamples("Usage")));
    // The install section's snippets need a real token to run; they are compiled, not run.
    install = await writeSnippets(".readme", named("install", await readmeExamples("Install and import")));
  });
  afterAll(() => usage.remove());

  it("has the facade example and the typed-client example, in Usage and in Install and import", () => {
    expect(Object.keys(usage.files)).toHaveLength(2);
    expect(Object.keys(install.files)).toHaveLength(2);
  });

  it("compiles, every TypeScript block of it, under the project's strict settings", async () => {
    // Both sets share the folder, and its tsconfig includes every file in it.
    expect(await usage.typecheck()).toBe("compiles");
  });

  it("runs as written against the mock and gets typed data back", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      for (const file of Object.values(usage.files)) await import(pathToFileURL(file).href);
      const lines = log.mock.calls.map((args) => args.map(String).join(" "));
      expect(lines).toEqual([
        "created My Access Token (575ec7417ae143cd83dc4a95)",
        "1 token(s): My Access Token",
        "400 Validation: The request is malformed",
        "My Access Token active",
      ]);
      expect(error).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
