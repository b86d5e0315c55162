import { escapeUnsafe } from "../core/quote.js";

/**
 * Text as one Markdown table cell shows it, and only as text: the terminal sanitiser's escapes first
 * (controls and newlines as `\u000a`), then every backslash doubled so that those escapes show as they
 * do on a terminal, then every character Markdown or HTML would act on made literal: `|` (a new cell),
 * backticks, `*`, `_`, `~`, `[`, `]`, `!`, `#` (code, emphasis, links, images), `<`, `>`, `&` (HTML and
 * entities), and the `:`, `.` and `@` of bare web addresses and mail addresses (GitHub links them).
 */
export function markdownCell(text: string): string {
  return escapeUnsafe(text)
    .replace(/\\/g, "\\\\")
    .replace(/[|`*_~[\]!#]/g, (char) => `\\${char}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/:(?=\/\/)/g, "&#58;")
    .replace(/(www)\./gi, "$1&#46;")
    .replace(/@/g, "&#64;");
}

/** A Markdown table (GitHub's): a header row, its rule, and one row per line, every cell escaped. */
export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(" | ")} |`;
  return `${[line(header), `|${header.map(() => " --- ").join("|")}|`, ...rows.map(line)].join("\n")}\n`;
}
