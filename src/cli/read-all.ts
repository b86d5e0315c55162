import type { ApiToken, ApiTokensQuery } from "../types.js";
import { checkPage } from "./answers.js";
import type { Tokens } from "./tokens.js";
import type { CallOptions } from "../core/resource.js";

/** Page size asked for. */
export const PER_PAGE = 100;
/** Most tokens a list or an audit reads: memory stays bounded whatever a server claims or sends. */
export const MAX_TOKENS = 10_000;
/** Most characters of tokens kept, as JSON: a bound on memory even when every token is huge. */
const MAX_CHARS = 64 * 1024 * 1024;

/** A list cut off by the CLI's bound: an error, never a silent partial result. */
export class ListTooLong extends Error {}

/** How a list is read: the most tokens wanted (`--limit`), which to keep, and the progress callback. */
export interface ReadOptions {
  limit?: number | undefined;
  keep?: (token: ApiToken) => boolean;
  progress?: (read: number, total: number | undefined) => void;
  call?: CallOptions;
}

/**
 * Reads a list page by page, each page checked, until a short page, the `totalCount`, or `limit` tokens
 * kept. Past MAX_TOKENS read, or MAX_CHARS kept, it throws ListTooLong.
 */
export async function readAll(tokens: Tokens, query: ApiTokensQuery, options: ReadOptions = {}): Promise<ApiToken[]> {
  const found: ApiToken[] = [];
  let read = 0;
  let chars = 0;
  for (let page = 0; ; page += 1) {
    const answer = await tokens.page({ ...query, page, perPage: PER_PAGE }, options.call);
    const { items, totalCount } = checkPage(answer, tokens.names.list, PER_PAGE);
    for (const token of items) {
      read += 1;
      if (read > MAX_TOKENS) {
        throw new ListTooLong(
          `the list has more than ${MAX_TOKENS} tokens, the most this tool reads: narrow it with --filter or --status, or pass --limit`,
        );
      }
      if (options.keep && !options.keep(token)) continue;
      chars += JSON.stringify(token).length;
      if (chars > MAX_CHARS)
        throw new ListTooLong(
          `the list's tokens exceed ${MAX_CHARS / 1024 / 1024} MiB, the most this tool keeps: narrow it with --filter or --status, or pass --limit`,
        );
      found.push(token);
      if (options.limit !== undefined && found.length >= options.limit) return found;
    }
    options.progress?.(read, totalCount);
    if (items.length < PER_PAGE || (totalCount !== undefined && read >= totalCount)) return found;
  }
}
