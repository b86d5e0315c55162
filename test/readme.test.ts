import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { repoPath } from "./support/spec.js";
import { prismUrl } from "./support/prism.js";

const run = promisify(execFile);
const dir = repoPath("test/.readme");

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
  let files: string[] = [];
  let installSnippets: string[] = [];

  beforeAll(async () => {
    await mkdir(dir, { recursive: true });
    const write = (prefix: string, examples: string[]) =>
      Promise.all(
        examples.map(async (code, index) => {
          const file = `${dir}/${prefix}-${index + 1}.ts`;
          await writeFile(file, code);
          return file;
        }),
      );
    files = await write("usage", await readmeExamples("Usage"));
    // The install section's snippets need a real token to run; they are compiled, not run.
    installSnippets = await write("install", await readmeExamples("Install and import"));
    await writeFile(
      `${dir}/tsconfig.json`,
      JSON.stringify({ extends: "../../tsconfig.json", include: ["*.ts"], compilerOptions: { noEmit: true } }),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("has the facade example and the typed-client example, in Usage and in Install and import", () => {
    expect(files).toHaveLength(2);
    expect(installSnippets).toHaveLength(2);
  });

  it("compiles, every TypeScript block of it, under the project's strict settings", async () => {
    const tsc = repoPath("node_modules/typescript/bin/tsc");
    await expect(run(process.execPath, [tsc, "-p", `${dir}/tsconfig.json`])).resolves.toBeDefined();
  });

  it("runs as written against the mock and gets typed data back", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      for (const file of files) await import(pathToFileURL(file).href);
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
