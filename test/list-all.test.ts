import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createApplicationTokensApi,
  createUserTokensApi,
  isLosantError,
  LosantApiError,
  LosantPageLimitError,
  type ApiToken,
} from "../src/index.js";
import { json, rejection, serve } from "./support/fault-server.js";
import { TOKEN } from "./support/clients.js";
import { loadSpec, parameterExample } from "./support/spec.js";

const APPLICATION = parameterExample(loadSpec(), "applicationId");
const tokens = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: i.toString(16).padStart(24, "0"), name: `token ${i}` }));

/** How a server answers one page: what it returns for the page and perPage it was asked. */
type Pager = (page: number, perPage: number) => { items?: unknown; totalCount?: unknown };

/** A server that pages as `pager` says, recording each query it was sent. */
async function pagingServer(pager: Pager) {
  const { url, requests } = await serve((request, response) => {
    const query = new URL(request.url ?? "", "http://x").searchParams;
    const answer = pager(Number(query.get("page")), Number(query.get("perPage")));
    json(response, 200, { count: Array.isArray(answer.items) ? answer.items.length : 0, ...answer });
  });
  const queries = () => requests.map((request) => Object.fromEntries(new URL(request.url, "http://x").searchParams));
  return { url, requests, queries };
}
/** The honest server: `total` tokens, paged as asked. */
const honest =
  (total: number): Pager =>
  (page, perPage) => ({ items: tokens(total).slice(page * perPage, (page + 1) * perPage), totalCount: total });

async function collect(iterable: AsyncIterable<ApiToken>): Promise<ApiToken[]> {
  const all: ApiToken[] = [];
  for await (const token of iterable) all.push(token);
  return all;
}
const users = (url: string) => createUserTokensApi({ token: TOKEN, baseUrl: url, retries: 0 });

describe("listAll", () => {
  it("yields every token across pages, in order, asking for the next page until totalCount", async () => {
    const { url, queries } = await pagingServer(honest(250));
    expect(await collect(users(url).listAll())).toEqual(tokens(250));
    expect(queries().map(({ page, perPage }) => [page, perPage])).toEqual([
      ["0", "100"],
      ["1", "100"],
      ["2", "100"],
    ]);
  });

  it("stops without another request when a full last page reaches totalCount", async () => {
    const { url, requests } = await pagingServer(honest(200));
    expect(await collect(users(url).listAll())).toHaveLength(200);
    expect(requests).toHaveLength(2);
  });

  it("keeps the caller's query on every page, and starts at the caller's page", async () => {
    const { url, queries } = await pagingServer(honest(30));
    const query = {
      filter: "ci-*",
      filterField: "name",
      sortField: "creationDate",
      sortDirection: "desc",
      perPage: 10,
      page: 1,
    } as const;
    expect(await collect(users(url).listAll(query))).toEqual(tokens(30).slice(10));
    expect(queries()).toEqual([
      {
        filter: "ci-*",
        filterField: "name",
        sortField: "creationDate",
        sortDirection: "desc",
        perPage: "10",
        page: "1",
      },
      {
        filter: "ci-*",
        filterField: "name",
        sortField: "creationDate",
        sortDirection: "desc",
        perPage: "10",
        page: "2",
      },
    ]);
  });

  it("pages an application's tokens under its path", async () => {
    const { url, requests } = await pagingServer(honest(3));
    const api = createApplicationTokensApi({ token: TOKEN, baseUrl: url });
    expect(await collect(api.listAll(APPLICATION, { perPage: 2 }))).toEqual(tokens(3));
    expect(requests.map((request) => new URL(request.url, "http://x").pathname)).toEqual([
      `/applications/${APPLICATION}/tokens`,
      `/applications/${APPLICATION}/tokens`,
    ]);
  });

  it("stops at a short page even when totalCount says there is more", async () => {
    const { url, requests } = await pagingServer((page, perPage) => ({
      items: tokens(150).slice(page * perPage, (page + 1) * perPage),
      totalCount: 10_000,
    }));
    expect(await collect(users(url).listAll())).toHaveLength(150);
    expect(requests).toHaveLength(2);
  });

  it("stops at an empty page", async () => {
    const { url, requests } = await pagingServer((page) => ({
      items: page === 0 ? tokens(100) : [],
      totalCount: 10_000,
    }));
    expect(await collect(users(url).listAll())).toHaveLength(100);
    expect(requests).toHaveLength(2);
  });

  it("stops when a server ignores page and sends the same page again", async () => {
    const { url, requests } = await pagingServer(() => ({ items: tokens(100), totalCount: 10_000 }));
    expect(await collect(users(url).listAll())).toEqual(tokens(100));
    expect(requests).toHaveLength(2);
  });

  it("stops at the first page's totalCount when the count grows from page to page", async () => {
    const { url, requests } = await pagingServer((page, perPage) => ({
      items: tokens(1_000).slice(page * perPage, (page + 1) * perPage),
      totalCount: 200 + page * 100,
    }));
    expect(await collect(users(url).listAll())).toHaveLength(200);
    expect(requests).toHaveLength(2);
  });

  it("stops when a page brings back any token already seen (pages that overlap)", async () => {
    const { url, requests } = await pagingServer((page, perPage) => ({
      items: tokens(1_000).slice((page * perPage) / 2, (page * perPage) / 2 + perPage),
    }));
    expect(await collect(users(url).listAll())).toEqual(tokens(100));
    expect(requests).toHaveLength(2);
  });

  it("pages on without totalCount until a short page", async () => {
    const { url, requests } = await pagingServer((page, perPage) => ({
      items: tokens(120).slice(page * perPage, (page + 1) * perPage),
    }));
    expect(await collect(users(url).listAll())).toHaveLength(120);
    expect(requests).toHaveLength(2);
  });

  it("stops when items is not a list", async () => {
    const { url, requests } = await pagingServer(() => ({ items: "not a list", totalCount: 5 }));
    expect(await collect(users(url).listAll())).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it("rejects with the page's LosantApiError, after yielding the pages before it", async () => {
    const { url } = await serve((request, response) =>
      request.url?.includes("page=1")
        ? json(response, 400, { type: "Validation", message: "bad page" })
        : json(response, 200, { items: tokens(100), count: 100, totalCount: 300 }),
    );
    const seen: ApiToken[] = [];
    const error = await rejection(
      (async () => {
        for await (const token of users(url).listAll()) seen.push(token);
      })(),
    );
    expect(error).toBeInstanceOf(LosantApiError);
    expect(error).toMatchObject({ status: 400, apiMessage: "bad page" });
    expect(seen).toHaveLength(100);
  });

  it("stops at once when the call's signal aborts between pages", async () => {
    const { url, requests } = await pagingServer(honest(500));
    const controller = new AbortController();
    const seen: ApiToken[] = [];
    const error = await rejection(
      (async () => {
        for await (const token of users(url).listAll({}, { signal: controller.signal })) {
          seen.push(token);
          if (seen.length === 150) controller.abort(new Error("enough"));
        }
      })(),
    );
    expect(error).toEqual(new Error("enough"));
    expect(requests).toHaveLength(2);
  });

  it("ends, whatever a server says about its pages and counts (200 generated servers)", async () => {
    const item = fc.oneof(
      fc.record({ id: fc.oneof(fc.stringMatching(/^[0-9a-f]{24}$/), fc.constant(undefined)), name: fc.string() }),
      fc.constant(null),
      fc.integer(),
    );
    const page = fc.record(
      {
        items: fc.oneof(fc.array(item, { maxLength: 12 }), fc.constant(undefined), fc.constant(null)),
        totalCount: fc.oneof(fc.integer(), fc.constant(undefined), fc.string()),
      },
      { requiredKeys: [] },
    );
    let pages: { items?: unknown; totalCount?: unknown }[] = [];
    const { url, requests } = await pagingServer((n) => pages[n % pages.length] ?? {});
    await fc.assert(
      fc.asyncProperty(
        fc.array(page, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 10 }),
        async (generated, perPage) => {
          pages = generated;
          const before = requests.length;
          await collect(users(url).listAll({ perPage }));
          // Each request either adds at least one new token or is the last: bounded by the first count
          // (or the endless supply), and a repeated page ends it.
          expect(requests.length - before).toBeLessThanOrEqual(generated.length + 50);
        },
      ),
      { seed: 20_261_128, numRuns: 200 },
    );
  });
});

describe("listAll against a server that claims a billion tokens and serves new, unique pages forever", () => {
  /** Every page is full of tokens never seen before, and the count says there are far more. */
  const endless: Pager = (page, perPage) => ({
    items: tokens(perPage).map((token, i) => ({ ...token, id: (page * perPage + i).toString(16).padStart(24, "0") })),
    totalCount: 1e9,
  });
  /** The same server in process: a fetch that answers as `endless` does, counting its calls. */
  const inProcess = () => {
    let calls = 0;
    const fetch = async (request: Request) => {
      calls += 1;
      const query = new URL(request.url).searchParams;
      return Response.json({ count: 0, ...endless(Number(query.get("page")), Number(query.get("perPage"))) });
    };
    return { api: createUserTokensApi({ token: TOKEN, fetch }), calls: () => calls };
  };
  /** Walks the list to its end, counting the tokens it yields; resolves with what ended it. */
  const walk = async (iterable: AsyncIterable<ApiToken>) => {
    let yielded = 0;
    const error = await rejection(
      (async () => {
        for await (const _token of iterable) yielded += 1;
      })(),
    );
    return { error, yielded };
  };

  it("stops after 1,000 pages by default, rejecting with LosantPageLimitError, after exactly 1,000 requests", async () => {
    const { api, calls } = inProcess();
    const { error, yielded } = await walk(api.listAll({ perPage: 1 }));
    expect(error).toBeInstanceOf(LosantPageLimitError);
    expect(isLosantError(error)).toBe(true);
    expect(error).toMatchObject({ maxPages: 1_000, method: "GET", path: "/me/tokens", mayHaveSucceeded: false });
    expect((error as Error).message).toBe(
      "listAll read 1000 pages (its maxPages) and the list had not ended: raise maxPages, or filter the list (GET /me/tokens)",
    );
    expect(calls()).toBe(1_000);
    // Every page read was yielded before the rejection: nothing is silently dropped, and nothing passes for the whole list.
    expect(yielded).toBe(1_000);
  });

  it.each([
    ["over real sockets, on the package's own sender", {}],
    ["over real sockets, on the global fetch", { fetch: globalThis.fetch }],
  ])("stops after maxPages pages %s, with exactly maxPages requests", async (_path, options) => {
    const { url, requests } = await pagingServer(endless);
    const api = createApplicationTokensApi({ token: TOKEN, baseUrl: url, retries: 0, ...options });
    const { error, yielded } = await walk(api.listAll(APPLICATION, { perPage: 3 }, { maxPages: 5 }));
    expect(error).toBeInstanceOf(LosantPageLimitError);
    expect(error).toMatchObject({ maxPages: 5, path: `/applications/${APPLICATION}/tokens` });
    expect(requests).toHaveLength(5);
    expect(yielded).toBe(15);
  });

  it("reads a single page with maxPages 1, then stops", async () => {
    const { api, calls } = inProcess();
    const { error, yielded } = await walk(api.listAll({ perPage: 4 }, { maxPages: 1 }));
    expect(error).toMatchObject({ name: "LosantPageLimitError", maxPages: 1 });
    expect([calls(), yielded]).toEqual([1, 4]);
  });

  it("counts maxPages from the caller's first page", async () => {
    const { api, calls } = inProcess();
    const { error } = await walk(api.listAll({ page: 7, perPage: 2 }, { maxPages: 3 }));
    expect(error).toBeInstanceOf(LosantPageLimitError);
    expect(calls()).toBe(3);
  });

  it("ends without an error when the list ends on the last page maxPages allows", async () => {
    const { url, requests } = await pagingServer(honest(30));
    expect(await collect(users(url).listAll({ perPage: 10 }, { maxPages: 3 }))).toEqual(tokens(30));
    expect(requests).toHaveLength(3);
  });

  it.each([0, -1, 1.5, Number.NaN, "10"])(
    "refuses maxPages %s with a TypeError, before any request",
    async (maxPages) => {
      const { api, calls } = inProcess();
      const { error } = await walk(api.listAll({}, { maxPages: maxPages as number }));
      expect(error).toEqual(
        new TypeError(
          `losant-access-tokens: listAll: maxPages must be a whole number from 1, got ${typeof maxPages} ${String(maxPages)}`,
        ),
      );
      expect(calls()).toBe(0);
    },
  );
});
