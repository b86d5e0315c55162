/** Where the CLI writes: a stream, or anything that collects text (the tests). */
export interface Out {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Server text as a terminal shows it: control and bidi characters blanked, so no answer can move the cursor or recolour the screen. */
export const clean = (text: unknown): string => String(text ?? "").replace(/[\0-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/g, " ");

/** Whether to colour: a terminal, and no NO_COLOR (any non-empty value turns colour off, as no-color.org says). */
export const colourOn = (out: Out, env: Record<string, string | undefined>): boolean => out.isTTY === true && !env["NO_COLOR"];

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
export type Colour = keyof typeof CODES;

/** Colours a text when `on`. */
export const paint = (text: string, colour: Colour, on: boolean): string => (on ? `\x1b[${CODES[colour]}m${text}\x1b[0m` : text);

/** A cell: its text, and the colour it takes on a terminal. */
export type Cell = string | { text: string; colour?: Colour };

/** Aligned columns, a header row first; cells are cleaned of control characters, colour is added after padding. */
export function table(header: readonly string[], rows: readonly Cell[][], colour: boolean): string {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === "string" ? { text: clean(cell) } : { ...cell, text: clean(cell.text) })));
  const widths = header.map((title) => title.length);
  for (const row of cells) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell.text].length)));
  const line = (row: { text: string; colour?: Colour }[]) =>
    row
      .map((cell, i) => {
        const padded = i === row.length - 1 ? cell.text : cell.text.padEnd(widths[i] ?? 0);
        return cell.colour ? paint(padded, cell.colour, colour) : padded;
      })
      .join("  ")
      .trimEnd();
  return [line(header.map((text) => ({ text, colour: "bold" as const }))), ...cells.map(line)].join("\n") + "\n";
}

/** `key: value` lines, keys aligned, for one object. */
export function fields(pairs: readonly [string, Cell][], colour: boolean): string {
  const width = Math.max(...pairs.map(([key]) => key.length));
  return pairs
    .map(([key, cell]) => {
      const { text, colour: tint } = typeof cell === "string" ? { text: cell, colour: undefined } : cell;
      return `${`${key}:`.padEnd(width + 1)}  ${tint ? paint(clean(text), tint, colour) : clean(text)}`;
    })
    .join("\n") + "\n";
}

/** One JSON document, as `--json` prints it. */
export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
