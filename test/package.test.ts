import { execFile, spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismUrl } from "./support/prism.js";
import { repoPath } from "./support/spec.js";
import { bundleForBrowser } from "../scripts/browser-bundle.mjs";
import { freePort } from "./support/ports.js";

const run = promisify(execFile);
const node = (script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) =>
  run(process.execPath, [script, ...args], { cwd, env, maxBuffer: 16 * 1024 * 1024 });
const tsc = repoPath("node_modules/typescript/bin/tsc");

// What a user writes, in both import styles; the @ts-expect-error lines prove the types are real, not `any`.
const consumer = `
import { createAccessTokensApi, createAccessTokensClient, LosantApiError, type AccessToken } from "losant-access-tokens";

declare const process: { env: Record<string, string | undefined> };
const baseUrl = process.env["LOSANT_BASE_URL"] ?? "http://127.0.0.1:4010";

const api = createAccessTokensApi({ token: "consumer-token", baseUrl });
const listed = await api.list();
const created: AccessToken = await api.create({ name: "From the tarball", scope: ["devices"] });
const read = await api.get(created.id ?? "");
const updated = await api.update(read.id ?? "", { status: "inactive" });
const deleted = await api.delete(updated.id ?? "");

const client = createAccessTokensClient({ token: "consumer-token", baseUrl });
const { data } = await client.GET("/access-tokens/{accessTokenId}", { params: { path: { accessTokenId: read.id ?? "" } } });
const status: "active" | "inactive" | undefined = data?.status;

let caught = "";
try {
  await api.get("not-an-id");
} catch (error) {
  if (error instanceof LosantApiError) caught = \`\${error.status} \${error.type}\`;
}

// @ts-expect-error name is required
void (() => api.create({ status: "active" }));
// @ts-expect-error data has no such property
void data?.nope;

console.log(JSON.stringify({ listed: listed.count, created: created.name, read: read.id, updated: updated.name, deleted: deleted.success, status, caught }));
`;

const tsconfig = (moduleResolution: "nodenext" | "bundler") => ({
  compilerOptions: {
    target: "ES2022",
    module: moduleResolution === "nodenext" ? "nodenext" : "esnext",
    moduleResolution,
    lib: ["ES2022", "DOM"],
    types: [],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    outDir: "out",
    noEmit: moduleResolution === "bundler",
  },
  files: ["consumer.ts"],
});

/** The folders in node_modules that hold a package's dependencies and theirs, found as Node finds them. */
async function dependencyFolders(folder: string, found = new Set<string>()): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(folder, "package.json"), "utf8")) as { dependencies?: object };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    let dir = folder;
    while (!existsSync(path.join(dir, "node_modules", name))) {
      if (dir === repoPath("."))
        throw new Error(`${name}, a dependency of ${folder}, is not in node_modules: run npm ci.`);
      dir = path.dirname(dir);
    }
    const dependency = path.join(dir, "node_modules", name);
    if (!found.has(dependency)) await dependencyFolders(dependency, found.add(dependency));
  }
  return [...found];
}

let work = "";
let tarball = "";
let project = "";
let installed = "";

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "losant-package-"));
  // A newcomer's machine: an npm cache with nothing in it, and no registry within reach.
  const newcomer = {
    ...process.env,
    npm_config_cache: path.join(work, "empty-npm-cache"),
    npm_config_registry: "http://127.0.0.1:9/",
  };
  const pack = async (args: string[]) => {
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work, ...args], {
      cwd: repoPath("."),
      env: newcomer,
    });
    return (JSON.parse(stdout) as { filename: string }[]).map(({ filename }) => path.join(work, filename));
  };
  // From a tree without dist/, as a git install or a fresh clone has it: packing must build it.
  await rm(repoPath("dist"), { recursive: true, force: true });
  [tarball = ""] = await pack([]);
  // The dependencies as npm ci installed them, so that installing needs neither the registry nor a warm cache.
  const dependencies = await pack(["--ignore-scripts", ...(await dependencyFolders(repoPath(".")))]);
  project = path.join(work, "consumer");
  await mkdir(project);
  await writeFile(
    path.join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  const install = ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball, ...dependencies];
  await run("npm", install, { cwd: project, env: newcomer });
  installed = path.join(project, "node_modules/losant-access-tokens");
  await writeFile(path.join(project, "consumer.ts"), consumer);
  await writeFile(path.join(project, "tsconfig.nodenext.json"), JSON.stringify(tsconfig("nodenext")));
  await writeFile(path.join(project, "tsconfig.bundler.json"), JSON.stringify(tsconfig("bundler")));
}, 180_000);

afterAll(() => rm(work, { recursive: true, force: true }));

describe("the packed package", () => {
  it("holds only what users need", async () => {
    const { stdout } = await run("tar", ["-tzf", tarball]);
    const files = stdout.trim().split("\n").sort();
    expect(files).toContain("package/dist/src/index.js");
    expect(files).toContain("package/dist/src/index.d.ts");
    expect(files).toContain("package/dist/generated/openapi.d.ts");
    expect(files).toContain("package/openapi/openapi.yaml");
    expect(files).toContain("package/LICENSE");
    expect(
      files.filter(
        (file) =>
          /\/(test|scripts|src)\/|\.ts$/.test(file.replace(/^package\/dist\/src\//, "")) && !file.endsWith(".d.ts"),
      ),
    ).toEqual([]);
  });

  it("is built by packing it (the prepare script), so a git install and a fresh clone's pack ship dist/", async () => {
    // beforeAll removed dist/ before packing.
    const { stdout } = await run("tar", ["-tzf", tarball]);
    expect(stdout.split("\n")).toEqual(
      expect.arrayContaining(["package/dist/src/index.js", "package/dist/generated/openapi.d.ts"]),
    );
  });

  it("installs into a fresh project with its dependencies, from a cold npm cache with no registry", async () => {
    const pkg = JSON.parse(await readFile(path.join(installed, "package.json"), "utf8")) as { dependencies: object };
    // openapi-fetch for the client, get-east-asian-width for the CLI's tables alone (the two tests below
    // prove the main entry and the fake never reach it), and nothing else: the fake's validators carry their own helpers.
    expect(Object.keys(pkg.dependencies).sort()).toEqual(["get-east-asian-width", "openapi-fetch"]);
    expect((await readdir(path.join(project, "node_modules"))).sort()).toEqual(
      expect.arrayContaining(["losant-access-tokens", "openapi-fetch"]),
    );
    expect(await readdir(path.join(project, "node_modules"))).not.toContain("ajv");
  });

  it("keeps openapi-fetch the main entry's only import: the fake's dependencies stay out of it", async () => {
    const { inputs } = await bundleForBrowser('export * from "losant-access-tokens";', project);
    const packages = new Set(
      inputs.map((input) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(input)?.[1]).filter(Boolean),
    );
    expect([...packages].sort()).toEqual(["losant-access-tokens", "openapi-fetch"]);
  });

  it("keeps the fake's entry free of any import outside the package: its validators are self-contained", async () => {
    const { inputs } = await bundleForBrowser('export * from "losant-access-tokens/fake";', project);
    const packages = new Set(
      inputs.map((input) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(input)?.[1]).filter(Boolean),
    );
    expect([...packages]).toEqual(["losant-access-tokens"]);
    // And in the files themselves, as Node loads them: every import of the fake's modules is relative.
    const files = [
      ...(await readdir(path.join(installed, "dist/src/fake"))).map((name) => `dist/src/fake/${name}`),
      ...(await readdir(path.join(installed, "dist/generated"))).map((name) => `dist/generated/${name}`),
    ];
    const specifiers = new Set<string>();
    for (const file of files.filter((name) => name.endsWith(".js"))) {
      const code = await readFile(path.join(installed, file), "utf8");
      const found = [
        ...code.matchAll(/^\s*(?:import|export)\b[^;"']*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm),
        ...code.matchAll(/\b(?:import|require)\(\s*["']([^"']+)["']/g),
      ];
      for (const [, specifier, bare] of found) specifiers.add(specifier ?? bare ?? "");
    }
    expect([...specifiers].filter((specifier) => !specifier.startsWith("."))).toEqual([]);
  });

  it("runs the fake from the installed package: losant-access-tokens/fake behind a facade", async () => {
    const script = [
      'import { createUserTokensApi } from "losant-access-tokens";',
      'import { createFakeLosant } from "losant-access-tokens/fake";',
      "const fake = createFakeLosant();",
      'const api = createUserTokensApi({ token: "t", fetch: fake.fetch });',
      'const created = await api.create({ name: "from the tarball" });',
      "const { totalCount, items } = await api.list();",
      "console.log(JSON.stringify({ totalCount, names: items.map((token) => token.name), secret: typeof created.token }));",
    ].join("\n");
    await writeFile(path.join(project, "fake.mjs"), script);
    const { stdout } = await node("fake.mjs", [], project);
    expect(JSON.parse(stdout)).toEqual({ totalCount: 1, names: ["from the tarball"], secret: "string" });
  });

  it("validates answers from the installed package: the validators ship, and load on demand", async () => {
    const script = [
      'import { createUserTokensApi, LosantValidationError } from "losant-access-tokens";',
      'const fetch = async () => Response.json({ items: "nope", totalCount: 1 });',
      'const error = await createUserTokensApi({ token: "t", fetch, validateResponses: true }).list().catch((caught) => caught);',
      "console.log(JSON.stringify({ validation: error instanceof LosantValidationError, pointer: error.pointer, expected: error.expected }));",
    ].join("\n");
    await writeFile(path.join(project, "validate.mjs"), script);
    const { stdout } = await node("validate.mjs", [], project);
    expect(JSON.parse(stdout)).toEqual({ validation: true, pointer: "/items", expected: "must be array" });
  });

  it("installs the losant-tokens bin, executable, and runs it against `npm run fake`: help, create, list", async () => {
    const bin = path.join(project, "node_modules/.bin/losant-tokens");
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const help = await run(bin, ["--help"], { cwd: project });
    expect(help.stdout).toContain("Usage:\n  losant-tokens <command> [options]");
    // The fake as an operator starts it (scripts/fake.mjs, what `npm run fake` runs), on a free port.
    const port = await freePort();
    const fake = spawn(process.execPath, [repoPath("scripts/fake.mjs")], {
      env: { ...process.env, PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = "";
        fake.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()).includes("listening on") && resolve());
        fake.once("exit", (code) => reject(new Error(`the fake exited with ${code}: ${out}`)));
      });
      const env = { ...process.env, LOSANT_TOKEN: "operator-token", LOSANT_API_URL: `http://127.0.0.1:${port}` };
      const created = JSON.parse(
        (
          await run(bin, ["create", "--name", "from-the-bin", "--scope", "all.Application", "--json"], {
            cwd: project,
            env,
          })
        ).stdout,
      ) as { token: string };
      expect(created.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const listed = await run(bin, ["list", "--json"], { cwd: project, env });
      // The demo world's four tokens of the user, and the one just created.
      expect((JSON.parse(listed.stdout) as { name: string }[]).map((token) => token.name)).toEqual([
        "Deploy",
        "Deploy",
        "Laptop",
        "Legacy script",
        "from-the-bin",
      ]);
      expect(listed.stdout).not.toContain(created.token);
    } finally {
      fake.kill();
    }
  });

  it.each(["nodenext", "bundler"] as const)("type-checks a consumer with moduleResolution %s", async (resolution) => {
    await expect(node(tsc, ["-p", `tsconfig.${resolution}.json`], project)).resolves.toBeDefined();
  });

  it("runs in the consumer against Prism: lists, creates, reads, updates and deletes, with typed data back", async () => {
    const { stdout } = await node("out/consumer.js", [], project, { ...process.env, LOSANT_BASE_URL: prismUrl });
    expect(JSON.parse(stdout)).toEqual({
      listed: 1,
      created: "My Access Token",
      read: "575ec7417ae143cd83dc4a95",
      updated: "My Access Token",
      deleted: true,
      status: "active",
      caught: "400 Validation",
    });
  });

  it("exports the spec itself as losant-access-tokens/openapi.yaml", async () => {
    const resolved = createRequire(path.join(project, "package.json")).resolve("losant-access-tokens/openapi.yaml");
    expect(await readFile(resolved, "utf8")).toBe(await readFile(repoPath("openapi/openapi.yaml"), "utf8"));
  });

  it("passes publint with no message at all", async () => {
    const { messages, pkg } = await publint({ pkgDir: installed, pack: false, strict: true, level: "suggestion" });
    expect(messages.map((message) => formatMessage(message, pkg))).toEqual([]);
  });

  it("passes Are the Types Wrong for its JavaScript entry points (an ESM-only package)", async () => {
    const attw = repoPath("node_modules/@arethetypeswrong/cli/dist/index.js");
    // esm-only: `require()` of an ESM package is not a goal; the spec entry has no types by nature.
    const args = [
      tarball,
      "--profile",
      "esm-only",
      "--exclude-entrypoints",
      "./openapi.yaml",
      "--format",
      "ascii",
      "--no-color",
    ];
    const { stdout } = await node(attw, args, work).catch((error: { stdout: string }) => ({
      stdout: `attw failed:\n${error.stdout}`,
    }));
    // attw also exits 0 for a package without types at all ("This package does not contain types"):
    // each entry point must be there, and resolve with types for ESM and for bundlers.
    for (const entry of ["losant-access-tokens", "losant-access-tokens/fake"]) {
      expect(stdout, stdout).toContain(`"${entry}"\n\nnode16 (from ESM): 🟢 (ESM)\nbundler: 🟢 \n`);
    }
    // Problems only in the resolutions an ESM-only package leaves out (node10, require) are marked "(ignored".
    expect(
      stdout
        .split("\n")
        .filter((line) => /does not contain types|❌|💀|🥴|🐛/.test(line) && !line.includes("(ignored")),
    ).toEqual([]);
  });

  it("bundles for the browser from the installed package with no Node built-in", async () => {
    const { inputs, builtins } = await bundleForBrowser('export * from "losant-access-tokens";', project);
    expect(builtins).toEqual([]);
    expect(inputs.some((input) => input.includes("openapi-fetch"))).toBe(true);
  });
});

describe("the library guide's example runner", () => {
  it("runs a TypeScript file that imports the package by name, with docs/library.md's command, against Prism", async () => {
    const guide = await readFile(repoPath("docs/library.md"), "utf8");
    const section = guide.slice(guide.indexOf("## Run the examples"));
    const [, runner = ""] = /^(npx tsx) example\.ts\b/m.exec(section) ?? [];
    expect(runner).toBe("npx tsx");
    const [command = "", ...args] = runner.split(" ");
    // In build/ (git-ignored) rather than beside package.json: it is inside the package all the same.
    const example = repoPath(`build/example-${process.pid}.ts`);
    await mkdir(path.dirname(example), { recursive: true });
    await writeFile(
      example,
      `import { createAccessTokensApi, type AccessTokens } from "losant-access-tokens";
const api = createAccessTokensApi({ token: "example-token", baseUrl: ${JSON.stringify(prismUrl)} });
const listed: AccessTokens = await api.list();
console.log(JSON.stringify({ count: listed.count, from: import.meta.resolve("losant-access-tokens") }));
`,
    );
    try {
      // npm_config_yes=false: npx fails, rather than downloading tsx, if it is not a dev dependency.
      const { stdout } = await run(command, [...args, example], {
        cwd: repoPath("."),
        env: { ...process.env, npm_config_yes: "false" },
      });
      expect(JSON.parse(stdout)).toEqual({ count: 1, from: pathToFileURL(repoPath("dist/src/index.js")).href });
    } finally {
      await rm(example, { force: true });
    }
  });
});
