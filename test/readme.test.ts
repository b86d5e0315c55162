import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { demoWorld } from "../scripts/fake-demo.mjs";
import { startFakeServer } from "../scripts/fake.mjs";
import { type Block, blocksOf, docPages, readPage } from "./support/docs.js";
import { prismUrl } from "./support/prism.js";
import { type Snippets, writeSnippets } from "./support/snippets.js";

// Every TypeScript block of the README, CONTRIBUTING.md and docs/ is compiled under the project's strict
// settings and run, in the page's order, against a fake serving `npm run fake`'s demo world, as a reader
// would run them. A block whose first line is `// needs …` (a real token, say) is compiled, not run; one
// that imports vitest is run as the test it is. CONTRIBUTING.md ("Code blocks in the docs") says so.

/** The fenced block languages the pages may use: TypeScript is run; the others are shown (docs/cli.md's console session runs in readme-cli.test.ts). */
const LANGUAGES = new Set(["ts", "sh", "console", "json", "yaml", "text"]);

/** What the library guide's blocks print against the demo world, in order: what its text says they print. */
const LIBRARY_PRINTS = [
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
];

/**
 * Stands in for vitest in a test-style block: its `test` is collected here and run by this file
 * (vitest refuses a test declared inside a running one); its `expect` is vitest's own.
 */
const HARNESS = `export { expect } from "vitest";
/** The tests a block declares. */
export const collected: { name: string; run: () => unknown }[] = [];
/** Collects a block's test. */
export function test(name: string, run: () => unknown): void {
  collected.push({ name, run });
}
`;

const PAGES = docPages();
const blocks: Block[] = PAGES.flatMap((page) => blocksOf(page, readPage(page)));
const typescript = blocks.filter((block) => block.lang === "ts");
/** The pages with blocks to run, each once. */
const RUN = [...new Set(typescript.filter((block) => !block.needs).map((block) => block.page))];

/** A block's file name: its page and its line (`docs-library-md-28`). */
const nameOf = (block: Block): string => `${block.page.replace(/[^\w]+/g, "-")}-${block.line}`;

/** A block's code pointed at `baseUrl`, at src/ instead of the installed package, and at the harness instead of vitest. */
const pointed = (block: Block, baseUrl: string): string =>
  block.code
    .replaceAll('from "losant-access-tokens/fake"', 'from "../../src/fake/index.js"')
    .replaceAll('from "losant-access-tokens"', 'from "../../src/index.js"')
    .replaceAll('from "vitest"', 'from "./docs-harness.js"')
    .replaceAll("http://127.0.0.1:4011", baseUrl);

/** Runs one page's blocks in order, as a reader would, and resolves with what they printed; a failing block names its page and line. */
async function runPage(page: string, files: Snippets): Promise<{ logged: string[]; errors: unknown[][] }> {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const harness = (await import(pathToFileURL(files.files["docs-harness"] ?? "").href)) as {
    collected: { name: string; run: () => unknown }[];
  };
  try {
    for (const block of typescript.filter((block) => block.page === page && !block.needs)) {
      const where = `${block.page}:${block.line}`;
      harness.collected.length = 0;
      // Each file is run once: every block has a file of its own. (No query string to force a fresh
      // import: with one, the transform no longer reads the file as TypeScript.)
      await import(pathToFileURL(files.files[nameOf(block)] ?? "").href).catch((cause: unknown) => {
        throw new Error(`${where}: the block fails: ${String(cause)}`, { cause });
      });
      for (const test of harness.collected) {
        await Promise.resolve()
          .then(test.run)
          .catch((cause: unknown) => {
            throw new Error(`${where}: the block's test "${test.name}" fails: ${String(cause)}`, { cause });
          });
      }
      expect(error.mock.calls, `${where}: the block printed an error`).toEqual([]);
    }
    return { logged: log.mock.calls.map((args) => args.map(String).join(" ")), errors: error.mock.calls };
  } finally {
    harness.collected.length = 0;
    log.mockRestore();
    error.mockRestore();
  }
}

describe("the code blocks of the README and docs/", () => {
  let fakes: { url: string; close(): Promise<void> }[] = [];
  /** Every TypeScript block, against a fake of its page's own. */
  let written: Snippets;
  /** The library guide's runnable blocks, against Prism, the mock of `npm run mock`. */
  let mock: Snippets;

  beforeAll(async () => {
    // One fake per page, serving what `npm run fake` serves: its demo world.
    fakes = await Promise.all(RUN.map(() => startFakeServer({ port: 0, options: { initial: demoWorld(new Date()) } })));
    const urlOf = (page: string) => fakes[RUN.indexOf(page)]?.url ?? "http://127.0.0.1:4011";
    written = await writeSnippets(".readme", {
      ...Object.fromEntries(typescript.map((block) => [nameOf(block), pointed(block, urlOf(block.page))])),
      "docs-harness": HARNESS,
    });
    const library = typescript.filter((block) => block.page === "docs/library.md" && !block.needs);
    mock = await writeSnippets(".readme-mock", {
      ...Object.fromEntries(library.map((block) => [nameOf(block), pointed(block, prismUrl)])),
      "docs-harness": HARNESS,
    });
  });
  afterAll(async () => {
    await Promise.all([written?.remove(), mock?.remove(), ...fakes.map((fake) => fake.close())]);
  });

  it("uses only the block languages it knows, so that no TypeScript block goes unrun under another name", () => {
    const unknown = blocks
      .filter((block) => !LANGUAGES.has(block.lang))
      .map((block) => `${block.page}:${block.line} (${block.lang || "no language"})`);
    expect(unknown).toEqual([]);
  });

  it("finds the README's two quick starts and fake test, and the library guide's runnable examples", () => {
    const readme = typescript.filter((block) => block.page === "README.md");
    expect(readme.map((block) => block.needs ?? (block.code.includes('from "vitest"') ? "test" : "run"))).toEqual([
      "a real token",
      "a real token",
      "test",
    ]);
    expect(typescript.filter((block) => block.page === "docs/library.md" && !block.needs)).toHaveLength(5);
  });

  it("compiles, every TypeScript block of every page, under the project's strict settings", async () => {
    expect(await written.typecheck()).toBe("compiles");
  });

  it.each(RUN)("runs every block of %s in order against npm run fake, with no error", async (page) => {
    const { logged } = await runPage(page, written);
    if (page === "docs/library.md") expect(logged).toEqual(LIBRARY_PRINTS);
  });

  it("runs the library guide's blocks against npm run mock too, with no error", async () => {
    const { logged, errors } = await runPage("docs/library.md", mock);
    expect(errors).toEqual([]);
    // Prism answers every call with the spec's examples: the created token is the example's, and the get finds it.
    expect(logged[0]).toMatch(/^created .+, secret received$/);
    expect(logged.length).toBeGreaterThanOrEqual(4);
  });
});
