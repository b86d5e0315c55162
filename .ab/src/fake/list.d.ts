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
 * Filters, sorts and pages a collection as the list operations describe: `filter` globs against
 * `filterField` (both needed, a blank one means no filtering), ties sort by id (so that pages never
 * overlap), and `page` counts from 0. A negative `page` or a `perPage` below 1 is refused: the spec
 * sets no bound, and no page could answer them.
 */
export declare function listPage<T extends Record<string, unknown>>(all: T[], query: ListQuery): Page<T>;
