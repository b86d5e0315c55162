// The shape of src/: every module's imports, read with TypeScript's own pre-parser, checked against the
// layer order and for circles. A module uses the ones below it, never one above, and no import circles.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * The layers, lowest first; a module imports its own layer or a lower one. Layers of one rank are
 * siblings that do not import each other. `fake` stands apart: of the package's other modules it imports
 * only core ones that import nothing but generated/ (the types, the glob, the quoting rule), never the
 * client's machinery.
 */
const RANKS: Record<string, number> = {
  // Tool output: the spec's types, validators and tables.
  generated: 0,
  // Options, retry policy, senders, transport, redaction, validation; and the root's types and errors.
  core: 1,
  // The typed openapi-fetch client over the transport.
  client: 2,
  // The facades, and the audit beside them.
  resources: 3,
  audit: 3,
  // The main entry's re-exports.
  entry: 4,
  cli: 5,
};

/**
 * The layer of a file, from its folder; the root's modules are placed one by one. The spec's named types
 * and the error family stay at the root, where the CLI and the entry import them, but belong to core:
 * core throws the errors, and the errors quote by core's rule.
 */
function layerOf(file: string): string | undefined {
  if (file.startsWith("generated/")) return "generated";
  const [, folder] = /^src\/([^/]+)\//.exec(file) ?? [];
  if (folder) return ["core", "resources", "audit", "cli", "fake"].includes(folder) ? folder : undefined;
  return {
    "src/types.ts": "core",
    "src/errors.ts": "core",
    "src/validation-error.ts": "core",
    "src/client.ts": "client",
    "src/index.ts": "entry",
  }[file];
}

const sources = (readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" }) as string[])
  .filter((name) => name.endsWith(".ts"))
  .map((name) => `src/${name.split("\\").join("/")}`)
  .sort();

/** What an import specifier names, from the repository's root: `#send` is either sender, as the import conditions pick it. */
function targets(from: string, specifier: string): string[] {
  if (specifier === "#send") return ["src/core/send.ts", "src/core/send.node.ts"];
  if (!specifier.startsWith(".")) return [];
  const file = relative(root, resolve(root, dirname(from), specifier))
    .split("\\")
    .join("/");
  // Sources are named by what they compile to; generated/ holds .js beside its .d.ts.
  return [file.startsWith("src/") ? file.replace(/\.js$/, ".ts") : file];
}

/** Every module of src/ and the modules it imports: `import`, `export … from`, `import type` and `import("…")`. */
const graph = new Map(
  sources.map((file) => {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), "utf8"), true, true);
    return [file, [...new Set(importedFiles.flatMap(({ fileName }) => targets(file, fileName)))]] as const;
  }),
);

/** The import circles of the graph, each as its files in order, the first repeated at the end. */
function circles(): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string) => {
    const at = path.indexOf(file);
    if (at >= 0) return void found.push([...path.slice(at), file]);
    if (done.has(file)) return;
    path.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    path.pop();
    done.add(file);
  };
  for (const file of sources) visit(file);
  return found;
}

/** Whether a module of layer `layer` may import `target`. */
function allowed(layer: string, target: string): boolean {
  const below = layerOf(target);
  if (below === undefined) return false;
  if (layer === "fake") {
    const pure = below === "core" && (graph.get(target) ?? []).every((next) => layerOf(next) === "generated");
    return below === "fake" || below === "generated" || pure;
  }
  if (below === layer) return true;
  return below !== "fake" && RANKS[below]! < RANKS[layer]!;
}

describe("the shape of src/", () => {
  it("reads every kind of import: static, type-only, export-from, dynamic and the #send condition", () => {
    expect(graph.get("src/client.ts")).toEqual(
      expect.arrayContaining(["src/core/transport.ts", "src/core/validate.ts"]),
    );
    expect(graph.get("src/core/transport.ts")).toEqual(
      expect.arrayContaining(["src/core/send.ts", "src/core/send.node.ts"]),
    );
    expect(graph.get("src/index.ts")).toEqual(expect.arrayContaining(["src/types.ts", "generated/openapi.js"]));
  });

  it("places every module of src/ in a layer", () => {
    expect(sources.filter((file) => layerOf(file) === undefined)).toEqual([]);
  });

  it("has no import circle", () => {
    expect(circles().map((files) => files.join(" → "))).toEqual([]);
  });

  it("has each module import only its own layer or one below it, and the fake only pure helpers", () => {
    const wrong = [...graph].flatMap(([file, imports]) => {
      const layer = layerOf(file)!;
      return imports
        .filter((target) => !allowed(layer, target))
        .map((target) => `${file} (${layer}) imports ${target} (${layerOf(target) ?? "no layer"})`);
    });
    expect(wrong).toEqual([]);
  });
});
