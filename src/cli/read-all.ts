import type { ApiToken, ApiTokensQuery } from "../types.js";
import { checkPage, TOKENS, type ItemCheck } from "./answers.js";
import type { Tokens } from "./tokens.js";
import type { CallOptions } from "../core/options.js";

/** Most requests `audit --all` keeps in flight at once: enough to be quick, few enough not to trip Losant's rate limits. */
export const CONCURRENCY = 4;
/** Page size asked for. */
const PER_PAGE = 100;
/** Most tokens a list or an audit reads: memory stays bounded whatever a server claims or sends. */
export const MAX_TOKENS = 10_000;
/** Most characters of tokens kept, as JSON: a bound on memory even when every token is huge. */
const MAX_CHARS = 64 * 1024 * 1024;

/** A list cut off by the CLI's bound: an error, never a silent partial result. */
export class ListTooLong extends Error {}

/** What one command has read so far, over all its lists: the bounds hold for the whole, not per list. */
export interface Budget {
  read: number;
  chars: number;
  /** How to narrow what is read, for the message of a list too long. */
  narrow: string;
}

/** A fresh budget; `narrow` says how to read less. */
export const budget = (narrow = "narrow it with --filter or --status, or pass --limit"): Budget => ({
  read: 0,
  chars: 0,
  narrow,
});

/** How a list is read: the most items wanted (`--limit`), which to keep, the progress callback, and the budget shared with other lists. */
export interface ReadOptions<T = ApiToken> {
  limit?: number | undefined;
  keep?: (item: T) => boolean;
  progress?: (read: number, total: number | undefined) => void;
  call?: CallOptions;
  budget?: Budget;
}

/** One list, page by page: its operation's name, how a page is asked for, and how its items are checked. */
export interface Pages<T> {
  operation: string;
  page(query: { page: number; perPage: number }, call?: CallOptions): Promise<unknown>;
  kind: ItemCheck<T>;
}

/**
 * Reads a list page by page, each page checked, until a short page, the `totalCount`, or `limit` items
 * kept. Past MAX_TOKENS read, or MAX_CHARS kept, in the whole budget, it throws ListTooLong.
 */
export async function readPages<T>(list: Pages<T>, options: ReadOptions<T> = {}): Promise<T[]> {
  const spent = options.budget ?? budget();
  const found: T[] = [];
  let read = 0;
  for (let page = 0; ; page += 1) {
    const answer = await list.page({ page, perPage: PER_PAGE }, options.call);
    const { items, totalCount } = checkPage(answer, list.operation, PER_PAGE, list.kind);
    for (const item of items) {
      read += 1;
      spent.read += 1;
      if (spent.read > MAX_TOKENS)
        throw new ListTooLong(
          `the list has more than ${MAX_TOKENS} ${list.kind.noun}, the most this tool reads: ${spent.narrow}`,
        );
      if (options.keep && !options.keep(item)) continue;
      spent.chars += JSON.stringify(item).length;
      if (spent.chars > MAX_CHARS)
        throw new ListTooLong(
          `the list's ${list.kind.noun} exceed ${MAX_CHARS / 1024 / 1024} MiB, the most this tool keeps: ${spent.narrow}`,
        );
      found.push(item);
      if (options.limit !== undefined && found.length >= options.limit) return found;
    }
    options.progress?.(read, totalCount);
    if (items.length < PER_PAGE || (totalCount !== undefined && read >= totalCount)) return found;
  }
}

/** Reads a token list, every page, checked: see readPages. */
export function readAll(tokens: Tokens, query: ApiTokensQuery, options: ReadOptions = {}): Promise<ApiToken[]> {
  return readPages(
    { operation: tokens.names.list, page: (paging, call) => tokens.page({ ...query, ...paging }, call), kind: TOKENS },
    options,
  );
}
