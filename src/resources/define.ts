import type { paths } from "../../generated/openapi.js";
import { buildClient, type AccessTokensClient } from "../client.js";
import { LosantApiError, LosantPageLimitError } from "../errors.js";
import { refuse, resolveOptions, type CallOptions, type ClientOptions, type ListAllOptions } from "../core/options.js";
import { pathSerializer } from "../core/path.js";

/** How many pages `listAll` reads at most, unless its `maxPages` option says otherwise. */
const MAX_PAGES = 1_000;

type Json<T> = T extends { content: { "application/json": infer Body } } ? Body : never;
/** The body of an operation's success response. */
type Ok<Op> = Op extends { responses: infer R } ? Json<R[Extract<keyof R, 200 | 201>]> : never;
/** The body an operation requires (an optional body, such as DELETE's, is not asked for). */
type Body<Op> = Op extends { requestBody: { content: { "application/json": infer B } } } ? B : never;
/** The query parameters of an operation. */
type Query<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** One named argument per path parameter, so that editors show `applicationId`, not `args_0`. */
type Id<Name> = Name extends "applicationId"
  ? [applicationId: string]
  : Name extends "apiTokenId"
    ? [apiTokenId: string]
    : Name extends "accessTokenId"
      ? [accessTokenId: string]
      : Name extends "instanceId"
        ? [instanceId: string]
        : Name extends "oauthTokenId"
          ? [oauthTokenId: string]
          : [id: string];
type Ids<Path> = Path extends `${string}{${infer Name}}${infer Rest}` ? [...Id<Name>, ...Ids<Rest>] : [];

/** A collection path with GET and POST, and its item path with GET, PATCH and DELETE. */
type Get<P extends keyof paths> = paths[P] extends { get: infer Op } ? Op : never;
type Post<P extends keyof paths> = paths[P] extends { post: infer Op } ? Op : never;
type Patch<P extends keyof paths> = paths[P] extends { patch: infer Op } ? Op : never;
type Delete<P extends keyof paths> = paths[P] extends { delete: infer Op } ? Op : never;
type ListArgs<C extends keyof paths, Paged extends boolean> = [
  ...Ids<C>,
  ...(Paged extends true ? [query?: Query<Get<C>>] : []),
  options?: CallOptions,
];

/** The facade of one resource: resource methods that resolve to the success body and reject with `LosantApiError`. */
export type ResourceApi<C extends keyof paths, I extends keyof paths, Paged extends boolean> = {
  /** The typed client underneath, for anything the facade does not cover. */
  readonly client: AccessTokensClient;
  list(...args: ListArgs<C, Paged>): Promise<Ok<Get<C>>>;
  create(...args: [...Ids<C>, body: Body<Post<C>>, options?: CallOptions]): Promise<Ok<Post<C>>>;
  get(...args: [...Ids<I>, options?: CallOptions]): Promise<Ok<Get<I>>>;
  update(...args: [...Ids<I>, body: Body<Patch<I>>, options?: CallOptions]): Promise<Ok<Patch<I>>>;
  delete(...args: [...Ids<I>, options?: CallOptions]): Promise<Ok<Delete<I>>>;
} & (Paged extends true
  ? {
      /**
       * Every item of the collection, page after page, until the API's `totalCount` or a short page;
       * rejects with `LosantPageLimitError` after `maxPages` pages (1,000 by default) of a list not yet ended.
       */
      listAll(
        ...args: [...Ids<C>, query?: Query<Get<C>>, options?: ListAllOptions]
      ): AsyncIterable<NonNullable<Ok<Get<C>> extends { items?: (infer Item)[] } ? Item : never>>;
    }
  : unknown);

/** One page of a collection, as far as `listAll` reads it. */
interface Page {
  items?: ({ id?: unknown } | null)[];
  totalCount?: number;
}

/**
 * Defines the facade of a resource from its two paths: every method's arguments, body and result
 * types come from the spec's operations on them. `paged` adds the list query and `listAll`.
 */
export function defineResource<C extends keyof paths, I extends keyof paths, Paged extends boolean>(
  collection: C,
  item: I,
  paged: Paged,
): (options: ClientOptions) => ResourceApi<C, I, Paged> {
  return (options) => {
    const resolved = resolveOptions(options);
    const client = buildClient(resolved);
    const calls = client as unknown as Record<
      string,
      (url: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>
    >;

    /** The path ids of a template, by name, from the positional arguments. */
    const idsOf = (template: string, args: unknown[]) =>
      Object.fromEntries((template.match(/\w+(?=\})/g) ?? []).map((name, i) => [name, args[i]]));
    /** The request an error names: the method, and the path as sent. */
    const summary = (method: string, template: string, path: Record<string, unknown>) => ({
      method,
      path: new URL(resolved.baseUrl + pathSerializer(template, path)).pathname,
    });

    /** One operation with positional arguments: the path ids, then the body or the query, then the call options. */
    const operation = (method: string, template: string, extra?: "body" | "query") => {
      const ids = template.match(/\w+(?=\})/g) ?? [];
      return async (...args: unknown[]): Promise<unknown> => {
        const path = idsOf(template, args);
        const value = extra && args[ids.length];
        const init = args[ids.length + (extra ? 1 : 0)];
        const { data, error, response } = await calls[method]!(template, {
          ...(init as CallOptions),
          params: { path, query: extra === "query" ? value : undefined },
          body: extra === "body" ? value : undefined,
        });
        // The method and path come from this call, not from the response, which middleware may replace.
        if (!response.ok)
          throw new LosantApiError(summary(method, template, path), { status: response.status, body: error });
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
      async *listAll(...args: unknown[]): AsyncGenerator<unknown> {
        const ids = collection.split("{").length - 1;
        const query = (args[ids] ?? {}) as { page?: number; perPage?: number };
        const { maxPages = MAX_PAGES, ...init } = (args[ids + 1] ?? {}) as ListAllOptions;
        if (!Number.isInteger(maxPages) || maxPages < 1)
          refuse(`listAll: maxPages must be a whole number from 1, got ${typeof maxPages} ${String(maxPages)}`);
        // Sent every time, so that a short page means the last one whatever the API's default.
        const perPage = query.perPage ?? 100;
        const first = query.page ?? 0;
        let total = Infinity;
        const seen = new Set<unknown>();
        for (let page = first; ; page += 1) {
          init.signal?.throwIfAborted();
          const result = (await list(...args.slice(0, ids), { ...query, page, perPage }, init)) as Page;
          const items = Array.isArray(result.items) ? result.items : [];
          if (!items.length || items.some((token) => seen.has(token?.id))) return;
          for (const token of items) seen.add(token?.id);
          // Only the first page's count: a count that grows from page to page cannot prolong the walk.
          if (page === first && Number.isInteger(result.totalCount)) total = result.totalCount as number;
          yield* items;
          if (items.length < perPage || (page + 1) * perPage >= total) return;
          // A server that claims a huge count and serves new pages forever would keep the walk going: it ends here, loudly.
          if (page - first + 1 >= maxPages)
            throw new LosantPageLimitError(summary("GET", collection, idsOf(collection, args)), { maxPages });
        }
      },
    };
    return api as unknown as ResourceApi<C, I, Paged>;
  };
}

/** The facade of a collection that is only read: `list` and `listAll`, and the typed client underneath. */
export type ListApi<C extends keyof paths> = Pick<ResourceApi<C, C, true>, "client" | "list" | "listAll">;

/** Defines the facade of a collection the API only lists (the owners of tokens), from its path. */
export function defineList<C extends keyof paths>(collection: C): (options: ClientOptions) => ListApi<C> {
  // The same list and walk as a resource's; the item methods, which such a path has none of, are left out.
  const define = defineResource(collection, collection, true);
  return (options) => {
    const { client, list, listAll } = define(options);
    return { client, list, listAll };
  };
}
