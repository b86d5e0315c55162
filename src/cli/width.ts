let eastAsianWidth: ((codePoint: number) => number) | undefined;

/** Loads the East Asian width table before any output is measured: done once, so that --help does not pay for it. */
export async function loadWidths(): Promise<void> {
  eastAsianWidth ??= (await import("get-east-asian-width")).eastAsianWidth;
}

let made: Intl.Segmenter | undefined;
// Made on first use: a command that prints no table does not pay for it at start-up. A segmenter's
// granularity is "grapheme" unless told otherwise.
const graphemes = (text: string) => (made ??= new Intl.Segmenter()).segment(text);
// A grapheme that shows as one wide emoji: a pictograph with emoji presentation (a flag's regional
// indicators and a skin tone have it too), a pictograph made emoji by VS16, a keycap, a ZWJ sequence.
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\ufe0f|\u20e3|\p{Extended_Pictographic}\u200d/u;
// Marks and format characters that take no column of their own.
const ZERO = /^[\p{Mn}\p{Me}\p{Cf}]+$/u;

/** How many terminal columns one grapheme takes: 0, 1 or 2. */
function graphemeWidth(grapheme: string): number {
  if (EMOJI.test(grapheme)) return 2;
  if (ZERO.test(grapheme)) return 0;
  if (!eastAsianWidth) throw new Error("loadWidths() must run before a width is measured");
  return eastAsianWidth(grapheme.codePointAt(0)!);
}

/** How many terminal columns a text takes (East Asian wide characters, combining marks and emoji counted as a terminal does). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes(text)) width += graphemeWidth(segment);
  return width;
}

/** `text` cut to at most `columns` columns, ending with `…` when cut; never inside a grapheme. */
export function fit(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let out = "";
  let width = 0;
  for (const { segment } of graphemes(text)) {
    const next = graphemeWidth(segment);
    if (width + next > columns - 1) break;
    out += segment;
    width += next;
  }
  return `${out}…`;
}

/** `text` padded with spaces to `columns` columns. */
export const pad = (text: string, columns: number): string =>
  text + " ".repeat(Math.max(0, columns - displayWidth(text)));
