import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { repoPath } from "./support/spec.js";
import { prismUrl } from "./support/prism.js";
import { writeSnippets, type Snippets } from "./support/snippets.js";
import { startFakeServer } from "../scripts/fake.mjs";
import { demoWorld } from "../scripts/fake-demo.mjs";

/** The TypeScript blocks of one README section, pointed at `baseUrl` and at src/ instead of the installed package. */
async function readmeExamples(heading: string, baseUrl = "http://127.0.0.1:4011"): Promise<string[]> {
  const readme = await readFile(repoPath("README.md"), "utf8");
  const start = readme.indexOf(`## ${heading}`);
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, code = ""]) =>
    code.replaceAll('from "losant-access-tokens"', 'from "../../src/index.js"').replaceAll("http://127.0.0.1:4011", baseUrl),
  );
}
const named = (prefix: string, blocks: string[]) => Object.fromEntries(blocks.map((code, i) => [`${prefix}-${i + 1}`, code]));

/** Runs each file in turn, as a reader would run each block, and resolves with what they printed. */
async function runAll(files: string[]): Promise<{ logged: string[]; errors: unknown[][] }> {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    // Each file is run once: the fake's and the mock's runs import files of their own folders. (No query
    // string to force a fresh import: with one, the transform no longer reads the file as TypeScript.)
    for (const file of files) await import(pathToFileURL(file).href);
    return { logged: log.mock.calls.map((args) => args.map(String).join(" ")), errors: error.mock.calls };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("README example", () => {
  let fake: { url: string; close(): Promise<void> };
  let usage: Snippets;
  let mock: Snippets;
  let install: Snippets;
  let cli: Snippets;

  beforeAll(async () => {
    // What `npm run fake` serves: its demo world.
    fake = await startFakeServer({ port: 0, options: { initial: demoWorld(new Date()) } });
    usage = await writeSnippets(".readme", named("usage", await readmeExamples("Usage", fake.url)));
    // The same blocks against Prism, the mock of `npm run mock`: they run there too.
    mock = await writeSnippets(".readme-mock", named("usage", await readmeExamples("Usage", prismUrl)));
    // The install section's snippets need a real token to run; they are compiled, not run.
    install = await writeSnippets(".readme", named("install", await readmeExamples("Install and import")));
    // The CLI section's library rotation: compiled here, run against the README's CLI session by readme-cli.test.ts.
    cli = await writeSnippets(".readme", named("cli", await readmeExamples("The CLI")));
  });
  afterAll(async () => {
    await Promise.all([usage?.remove(), mock?.remove(), fake?.close()]);
  });

  it("has user tokens, application tokens, the typed client, instance tokens with the audit and the original resource in Usage, two blocks in Install and import, and one in The CLI", () => {
    const blocks = Object.values(usage.files).length;
    expect(blocks).toBe(5);
    expect(Object.keys(install.files)).toHaveLength(2);
    expect(Object.keys(cli.files)).toHaveLength(1);
  });

  it("compiles, every TypeScript block of it, under the project's strict settings", async () => {
    // Usage, install and the CLI section share the folder, and its tsconfig includes every file in it.
    expect(await usage.typecheck()).toBe("compiles");
  });

  it("runs as written against npm run fake, printing what its text says", async () => {
    const { logged, errors } = await runAll(Object.values(usage.files));
    expect(logged).toEqual([
      "created CI deploy key, secret received",
      "listed CI deploy key (active)",
      "404 NotFound: API Token was not found",
      "1 token(s); last updated: Edge gateway (inactive)",
      "created made with the typed client",
      "applications: Factory, Warehouse",
      "Usage report: no-expiry",
      "Dashboard integration: broad-scope, pending",
      "Reporting assistant: nothing found",
      "0 access token(s) of the original resource",
    ]);
    expect(errors).toEqual([]);
  });

  it("runs as written against npm run mock too, with no error", async () => {
    const { logged, errors } = await runAll(Object.values(mock.files));
    expect(errors).toEqual([]);
    // Prism answers every call with the spec's examples: the created token is the example's, and the get finds it.
    expect(logged[0]).toMatch(/^created .+, secret received$/);
    expect(logged.length).toBeGreaterThanOrEqual(4);
  });
});
