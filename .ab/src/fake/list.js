import { invalid } from "./errors.js";
import { globMatches } from "./glob.js";
/**
 * Orders two stored values by code point, as MongoDB (behind Losant's API) orders strings: upper case
 * before lower, a missing value before any other.
 */
function compareValues(a, b) {
    if (a === b)
        return 0;
    if (a === undefined)
        return -1;
    if (b === undefined)
        return 1;
    const [x, y] = [[...String(a)], [...String(b)]];
    for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
        const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
        if (d)
            return d;
    }
    return x.length - y.length;
}
/**
 * Filters, sorts and pages a collection as the list operations describe: `filter` globs against
 * `filterField` (both needed, a blank one means no filtering), ties sort by id (so that pages never
 * overlap), and `page` counts from 0. A negative `page` or a `perPage` below 1 is refused: the spec
 * sets no bound, and no page could answer them.
 */
export function listPage(all, query) {
    const { sortField, sortDirection, page, perPage, filterField, filter } = query;
    if (page < 0)
        throw invalid(`query parameter page must be 0 or more, got ${page}`);
    if (perPage < 1)
        throw invalid(`query parameter perPage must be 1 or more, got ${perPage}`);
    const kept = filterField && filter ? all.filter((item) => globMatches(filter, String(item[filterField] ?? ""))) : all;
    const sign = sortDirection === "desc" ? -1 : 1;
    const sorted = [...kept].sort((a, b) => sign * (compareValues(a[sortField], b[sortField]) || compareValues(a["id"], b["id"])));
    return { items: sorted.slice(page * perPage, (page + 1) * perPage), totalCount: sorted.length };
}
