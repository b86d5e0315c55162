import { invalid } from "./errors.js";
import { globMatches } from "../core/glob.js";

/** The list query once the spec's defaults are filled in (see generated/fake-params.js). */
export interface ListQuery {
  sortField: string;
  sortDirection: string;
  page: number;
  perPage: number;
  filterField?: string;
  filter?: string;
}

/** One page of a collection, and how many items the filter let through. */
export interface Page<T> {
  items: T[];
  totalCount: number;
}

/**
 * Orders two stored values by code point, as MongoDB (behind Losant's API) orders strings: upper case
 * before lower, a missing value before any other.
 */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const [x, y] = [[...String(a)], [...String(b)]];
  // Stryker disable next-line EqualityOperator,MethodExpression: past the shorter string a missing character counts as 0, no more than any character's code point, so the first difference found there, like the end, has the sign of the length difference: all a sort reads
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d) return d;
  }
  return x.length - y.length;
}

/**
 * Filters, sorts and pages a collection as the list operations describe: `filter` globs against
 * `filterField` (both needed, a blank one means no filtering), ties sort by id (so that pages never
 * overlap), and `page` counts from 0. A negative `page` or a `perPage` below 1 is refused: the spec
 * sets no bound, and no page could answer them.
 */
export function listPage<T extends Record<string, unknown>>(all: T[], query: ListQuery): Page<T> {
  const { sortField, sortDirection, page, perPage, filterField, filter } = query;
  if (page < 0) throw invalid(`query parameter page must be 0 or more, got ${page}`);
  if (perPage < 1) throw invalid(`query parameter perPage must be 1 or more, got ${perPage}`);
  const kept = filterField && filter ? all.filter((item) => globMatches(filter, String(item[filterField] ?? ""))) : all;
  const order = (a: T, b: T) => compareValues(a[sortField], b[sortField]) || compareValues(a["id"], b["id"]);
  const sorted = [...kept].sort(sortDirection === "desc" ? (a, b) => order(b, a) : order);
  return { items: sorted.slice(page * perPage, (page + 1) * perPage), totalCount: sorted.length };
}
