// The budget of scripts/: its lines of code (no blank or comment-only line), read with TypeScript's own
// parser so that a `//` inside a template literal still counts as code. Lock files and JSON do not count.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoPath } from "./support/spec.js";

/** At most this many lines of code in scripts/. */
const SCRIPTS_BUDGET = 1_800;

/** The lines of `text` that hold some of a token: code, not comments or blank lines. */
function linesOfCode(file: string, text: string): number {
  if (file.endsWith(".sh")) return text.split("\n").filter((line) => line.trim() && !/^\s*#/.test(line)).length;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const texts = text.split("\n");
  const lines = new Set<number>();
  const visit = (node: ts.Node) => {
    if (ts.isJSDoc(node)) return;
    const children = node.getChildren(source);
    if (children.length > 0) return children.forEach(visit);
    const [start, end] = [node.getStart(source), node.getEnd()];
    const [first, last] = [start, end].map((at) => source.getLineAndCharacterOfPosition(at).line);
    for (let line = first ?? 0; line <= (last ?? 0); line += 1) if (texts[line]?.trim()) lines.add(line);
  };
  visit(source);
  return lines.size;
}

/** Every script of scripts/ as `[path, lines of code]`, their dependencies excluded. */
function scripts(): [string, number][] {
  return readdirSync(repoPath("scripts"), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(mjs|js|ts|sh)$/.test(file) && !file.split(path.sep).includes("node_modules"))
    .map((file) => [file, linesOfCode(file, readFileSync(repoPath(`scripts/${file}`), "utf8"))]);
}

describe("the house", () => {
  it(`keeps scripts/ to at most ${SCRIPTS_BUDGET.toLocaleString("en")} lines of code`, () => {
    const found = scripts();
    const total = found.reduce((sum, [, lines]) => sum + lines, 0);
    console.log(`scripts/: ${total} lines of code (budget ${SCRIPTS_BUDGET}):`, Object.fromEntries(found));
    expect(total).toBeLessThanOrEqual(SCRIPTS_BUDGET);
  });

  it("counts code, not blank lines or comments, and a template literal's lines as code", () => {
    const text = "// a comment\n\n/**\n * A doc comment.\n */\nconst a = `\n// inside\n`;\n/* block */ f(a);\n";
    expect(linesOfCode("x.mjs", text)).toBe(4);
  });
});
