import { buildClient } from "../client.js";
import { LosantApiError } from "../errors.js";
import { resolveOptions } from "./options.js";
import { pathSerializer } from "./path.js";
/**
 * Defines the facade of a resource from its two paths: every method's arguments, body and result
 * types come from the spec's operations on them. `paged` adds the list query and `listAll`.
 */
export function defineResource(collection, item, paged) {
    return (options) => {
        const resolved = resolveOptions(options);
        const client = buildClient(resolved);
        const calls = client;
        /** One operation with positional arguments: the path ids, then the body or the query, then the call options. */
        const operation = (method, template, extra) => {
            const ids = template.match(/\w+(?=\})/g) ?? [];
            return async (...args) => {
                const path = Object.fromEntries(ids.map((name, i) => [name, args[i]]));
                const value = extra && args[ids.length];
                const init = args[ids.length + (extra ? 1 : 0)];
                const { data, error, response } = await calls[method](template, {
                    ...init,
                    params: { path, query: extra === "query" ? value : undefined },
                    body: extra === "body" ? value : undefined,
                });
                // The method and path come from this call, not from the response, which middleware may replace.
                if (!response.ok)
                    throw new LosantApiError(response.status, error, { method, path: new URL(resolved.baseUrl + pathSerializer(template, path)).pathname });
                // DELETE may answer with an empty body; the API's Success body is all it could have said.
                return method === "DELETE" ? (data ?? { success: true }) : data;
            };
        };
        const list = operation("GET", collection, paged ? "query" : undefined);
        const api = {
            client,
            list,
            create: operation("POST", collection, "body"),
            get: operation("GET", item),
            update: operation("PATCH", item, "body"),
            delete: operation("DELETE", item),
            // Every page in turn, until the first page's totalCount is reached, or a page is empty, short, or
            // brings back a token already seen (a server that ignores or cycles `page`): no miscount makes it endless.
            async *listAll(...args) {
                const ids = collection.split("{").length - 1;
                const query = (args[ids] ?? {});
                const init = args[ids + 1];
                // Sent every time, so that a short page means the last one whatever the API's default.
                const perPage = query.perPage ?? 100;
                const first = query.page ?? 0;
                let total = Infinity;
                const seen = new Set();
                for (let page = first;; page += 1) {
                    init?.signal?.throwIfAborted();
                    const result = (await list(...args.slice(0, ids), { ...query, page, perPage }, init));
                    const items = Array.isArray(result.items) ? result.items : [];
                    if (!items.length || items.some((token) => seen.has(token?.id)))
                        return;
                    for (const token of items)
                        seen.add(token?.id);
                    // Only the first page's count: a count that grows from page to page cannot prolong the walk.
                    if (page === first && Number.isInteger(result.totalCount))
                        total = result.totalCount;
                    yield* items;
                    if (items.length < perPage || (page + 1) * perPage >= total)
                        return;
                }
            },
        };
        return api;
    };
}
