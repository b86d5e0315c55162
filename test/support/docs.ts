import { readdirSync, readFileSync } from "node:fs";
import { repoPath } from "./spec.js";

/** A fenced code block of a page, where it starts and what its first line asks for. */
export interface Block {
  /** The page, relative to the repository's root (`docs/cli.md`). */
  page: string;
  /** The line of the opening fence, counted from 1. */
  line: number;
  /** The info string's first word: `ts`, `sh`, `console`… */
  lang: string;
  code: string;
  /** What a block that cannot run against the fake needs, from its first line `// needs …`; else undefined. */
  needs: string | undefined;
}

/** The pages a reader reads: the README, CONTRIBUTING.md and every Markdown page of docs/. */
export function docPages(): string[] {
  const docs = readdirSync(repoPath("docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", "CONTRIBUTING.md", ...docs];
}

/** The text of a page, by its path from the repository's root. */
export const readPage = (page: string): string => readFileSync(repoPath(page), "utf8");

/** The fenced code blocks of a page's text, in order. */
export function blocksOf(page: string, text: string): Block[] {
  const blocks: Block[] = [];
  let open: { line: number; lang: string; lines: string[] } | undefined;
  text.split("\n").forEach((line, i) => {
    if (!open) {
      const fence = /^```(\S*)/.exec(line);
      if (fence) open = { line: i + 1, lang: fence[1] ?? "", lines: [] };
    } else if (line.startsWith("```")) {
      const code = open.lines.length ? `${open.lines.join("\n")}\n` : "";
      const needs = /^\/\/ needs (.+)$/.exec(open.lines[0] ?? "")?.[1];
      blocks.push({ page, line: open.line, lang: open.lang, code, needs });
      open = undefined;
    } else open.lines.push(line);
  });
  if (open) throw new Error(`${page}:${open.line}: a code block that is never closed`);
  return blocks;
}

/** The part of a page's text under a heading (`## The CLI`), up to the next heading of that level or above; fences are skipped. */
export function sectionOf(page: string, text: string, heading: string): string {
  const level = /^#+/.exec(heading)?.[0].length ?? 2;
  const lines = text.split("\n");
  let fenced = false;
  let start: number | undefined;
  for (const [i, line] of lines.entries()) {
    if (line.startsWith("```")) fenced = !fenced;
    if (fenced) continue;
    const found = /^(#+) /.exec(line);
    if (start === undefined && line === heading) start = i;
    else if (start !== undefined && found && (found[1] ?? "").length <= level) return lines.slice(start, i).join("\n");
  }
  if (start === undefined) throw new Error(`${page} has no "${heading}" section`);
  return lines.slice(start).join("\n");
}
