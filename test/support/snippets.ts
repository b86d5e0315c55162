import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { repoPath } from "./spec.js";

const run = promisify(execFile);

/** Code shown to users (README blocks, x-codeSamples), written out as files that tsc checks. */
export interface Snippets {
  /** The absolute path of each snippet file, by the name it was given. */
  files: Record<string, string>;
  /** Type-checks every snippet under the project's strict settings: "compiles", or tsc's report. */
  typecheck(): Promise<string>;
  remove(): Promise<void>;
}

/**
 * Writes the snippets into a scratch folder of test/ (git-ignored), with a tsconfig that extends the
 * project's and maps the package name, `losant-access-tokens`, to this repository's src/.
 */
export async function writeSnippets(folder: string, sources: Record<string, string>): Promise<Snippets> {
  const dir = repoPath(`test/${folder}`);
  await mkdir(dir, { recursive: true });
  const files: Record<string, string> = {};
  for (const [name, code] of Object.entries(sources)) {
    files[name] = path.join(dir, `${name}.ts`);
    await writeFile(files[name], code);
  }
  const compilerOptions = { noEmit: true, paths: { "losant-access-tokens": ["../../src/index.ts"] } };
  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ extends: "../../tsconfig.json", include: ["*.ts"], compilerOptions }),
  );
  const tsc = repoPath("node_modules/typescript/bin/tsc");
  return {
    files,
    typecheck: () =>
      run(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json"), "--pretty", "false"]).then(
        () => "compiles",
        (error: { stdout: string }) => error.stdout.replaceAll(`${dir}/`, ""),
      ),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
