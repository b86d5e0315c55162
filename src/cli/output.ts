import { escapeJson, escapeUnsafe } from "../core/quote.js";
import { displayWidth, fit as fitText, pad } from "./width.js";

/**
 * Where the CLI writes: a stream, or anything that collects text (the tests). `done` is called once the
 * text is handed to the system, with the error when it could not be (a stream's write callback).
 */
export interface Out {
  write(text: string, done?: (error?: Error | null) => void): unknown;
  isTTY?: boolean;
  /** The terminal's width in columns, when it is one. */
  columns?: number;
}

/**
 * Writes `text` and resolves once the system has taken it; rejects with the write's error (EPIPE, ENOSPC,
 * a closed stream), whether the write calls back with it or throws it (the promise's executor rejects then).
 */
export const handOver = (out: Out, text: string): Promise<void> =>
  new Promise((resolve, reject) => {
    out.write(text, (error) => (error ? reject(error) : resolve()));
  });

const WRITE_REASONS: Record<string, string> = {
  EPIPE: "the reader of stdout has gone away (EPIPE)",
  ENOSPC: "no space left on device (ENOSPC)",
  EBADF: "stdout is closed (EBADF)",
  ERR_STREAM_DESTROYED: "stdout is closed",
  EIO: "input/output error (EIO)",
  EDQUOT: "disk quota exceeded (EDQUOT)",
  EACCES: "permission denied (EACCES)",
};

/** Why a write failed, in words: the reason for a known code, else the code (never a stack or an internal message). */
export const writeFailure = (error: unknown): string => {
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  return WRITE_REASONS[code] ?? (code ? `error ${code}` : "the write failed");
};

/** Server text as a terminal shows it: every control, escape, bidi, zero-width and separator character as a visible escape. */
export const clean = (text: unknown): string => escapeUnsafe(String(text ?? ""));

/**
 * Whether to colour stdout: FORCE_COLOR (any value but 0 or false) turns it on anywhere; else a terminal,
 * unless NO_COLOR is set (any non-empty value, as no-color.org says) or TERM is dumb.
 */
export const colourOn = (out: Out, env: Record<string, string | undefined>): boolean => {
  const force = env["FORCE_COLOR"];
  if (force !== undefined && force !== "0" && force !== "false") return true;
  return out.isTTY === true && !env["NO_COLOR"] && env["TERM"] !== "dumb";
};

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
export type Colour = keyof typeof CODES;

/** Colours a text when `on`. */
export const paint = (text: string, colour: Colour, on: boolean): string =>
  on ? `\x1b[${CODES[colour]}m${text}\x1b[0m` : text;

/** A cell: its text, and the colour it takes on a terminal. */
export type Cell = string | { text: string; colour?: Colour };

/** How a table fits: the terminal's width (undefined: no limit), and the columns never cut (ids, dates). */
export interface Fit {
  width?: number | undefined;
  keep?: readonly number[];
}

/** Narrowest a cut column gets: its header, or this many columns. */
const NARROWEST = 8;

/** Column widths that fit `room`: the widest column that may be cut is narrowed first, down to NARROWEST. */
function fitted(
  widths: number[],
  header: readonly string[],
  room: number | undefined,
  keep: readonly number[],
): number[] {
  if (room === undefined) return widths;
  const out = [...widths];
  const total = () => out.reduce((sum, width) => sum + width, 0) + 2 * (out.length - 1);
  while (total() > room) {
    let widest = -1;
    out.forEach((width, i) => {
      if (
        !keep.includes(i) &&
        // Stryker disable next-line StringLiteral: every table's rows have a header for each cell, so header[i] is there
        width > Math.max(NARROWEST, displayWidth(header[i] ?? "")) &&
        (widest < 0 || width > out[widest]!)
      )
        widest = i;
    });
    if (widest < 0) break;
    out[widest]! -= 1;
  }
  return out;
}

/**
 * Aligned columns, a header row first. Cells are cleaned of everything that could drive a terminal,
 * measured in display columns, cut with … to fit the width; colour is added after padding.
 */
export function table(header: readonly string[], rows: readonly Cell[][], colour: boolean, fit: Fit = {}): string {
  const cells = rows.map((row) =>
    row.map((cell) => (typeof cell === "string" ? { text: clean(cell) } : { ...cell, text: clean(cell.text) })),
  );
  const natural = header.map((title) => displayWidth(title));
  for (const row of cells) {
    for (const [i, cell] of row.entries()) natural[i] = Math.max(natural[i] ?? 0, displayWidth(cell.text));
  }
  const widths = fitted(natural, header, fit.width, fit.keep ?? []);
  const line = (row: { text: string; colour?: Colour }[]) =>
    row
      .map((cell, i) => {
        const text = cut(cell.text, widths[i] ?? 0);
        const padded = i === row.length - 1 ? text : pad(text, widths[i] ?? 0);
        return cell.colour ? paint(padded, cell.colour, colour) : padded;
      })
      .join("  ")
      .trimEnd();
  return `${[line(header.map((text) => ({ text, colour: "bold" as const }))), ...cells.map(line)].join("\n")}\n`;
}

/** `key: value` lines, keys aligned, for one object; values cut to the width when one is given. */
export function fields(pairs: readonly [string, Cell][], colour: boolean, width?: number): string {
  const keys = Math.max(...pairs.map(([key]) => key.length));
  return `${pairs
    .map(([key, cell]) => {
      const { text, colour: tint } = typeof cell === "string" ? { text: cell, colour: undefined } : cell;
      const shown = width === undefined ? clean(text) : cut(clean(text), Math.max(NARROWEST, width - keys - 3));
      return `${`${key}:`.padEnd(keys + 1)}  ${tint ? paint(shown, tint, colour) : shown}`;
    })
    .join("\n")}\n`;
}

const cut = fitText;

/** One JSON document, as `--json` prints it: every unsafe character a \\u escape, so it parses back to the exact text. */
export const json = (value: unknown): string => `${escapeJson(JSON.stringify(value, null, 2))}\n`;
