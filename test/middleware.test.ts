import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { createAccessTokensApi, LosantApiError } from "../src/index.js";
import { json, rejection, serve } from "./support/fault-server.js";
import { ID, TOKEN } from "./support/clients.js";

const LIST = { items: [{ id: ID, name: "My Access Token" }], count: 1 };
const NOT_FOUND = { type: "NotFound", message: "Access token was not found" };

/** A server that lists, and answers 404 for any single token. */
const api = async (...middleware: Middleware[]) => {
  const { url, requests } = await serve((request, response) =>
    request.url?.startsWith("/access-tokens/") ? json(response, 404, NOT_FOUND) : json(response, 200, LIST),
  );
  const facade = createAccessTokensApi({ token: TOKEN, baseUrl: url, retries: 0 });
  facade.client.use(...middleware);
  return { facade, requests };
};

/** Middleware in the shapes openapi-fetch's users write: logging, tracing, caching. */
const shapes: [string, Middleware][] = [
  [
    "replaces the Response with a new one over its body",
    { onResponse: ({ response }) => new Response(response.body, response) },
  ],
  [
    "clones the Response and reads the clone",
    { onResponse: async ({ response }) => void (await response.clone().text()) },
  ],
  [
    "reads the body and returns a Response of its text",
    { onResponse: async ({ response }) => new Response(await response.text(), response) },
  ],
  [
    "parses the JSON of a clone and returns nothing",
    { onResponse: async ({ response }) => void (await response.clone().json()) },
  ],
  [
    "replaces the Request with one that has another header",
    {
      onRequest: ({ request }) =>
        new Request(request, { headers: { ...Object.fromEntries(request.headers), "x-trace": "abc" } }),
    },
  ],
];

describe("openapi-fetch middleware", () => {
  it.each(shapes)("that %s leaves a success body intact", async (_shape, middleware) => {
    const { facade } = await api(middleware);
    expect(await facade.list()).toEqual(LIST);
    const { data, error } = await facade.client.GET("/access-tokens");
    expect([data, error]).toEqual([LIST, undefined]);
  });

  it.each(shapes)("that %s leaves an error status a LosantApiError naming the call", async (_shape, middleware) => {
    const { facade } = await api(middleware);
    const error = await rejection(facade.get(ID));
    expect(error).toBeInstanceOf(LosantApiError);
    expect(error).toMatchObject({
      status: 404,
      type: "NotFound",
      apiMessage: NOT_FOUND.message,
      method: "GET",
      path: `/access-tokens/${ID}`,
    });
    const { error: typed, response } = await facade.client.GET("/access-tokens/{accessTokenId}", {
      params: { path: { accessTokenId: ID } },
    });
    expect([typed, response.status]).toEqual([NOT_FOUND, 404]);
  });

  it("that replaces the Request has it sent as replaced", async () => {
    const { facade, requests } = await api(shapes[4]?.[1] as Middleware);
    await facade.list();
    expect(requests[0]?.headers["x-trace"]).toBe("abc");
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("that answers a request itself never reaches the transport, and the facade still names the call", async () => {
    const { facade, requests } = await api({
      onRequest: () => Response.json({ type: "Cached", message: "from cache" }, { status: 409 }),
    });
    await expect(facade.delete(ID)).rejects.toMatchObject({
      status: 409,
      type: "Cached",
      method: "DELETE",
      path: `/access-tokens/${ID}`,
    });
    expect(requests).toEqual([]);
  });

  it("that answers with an empty 204 gets nothing from the facade's get, and the API's { success: true } from its delete", async () => {
    const { facade, requests } = await api({ onRequest: () => new Response(null, { status: 204 }) });
    expect(await facade.get(ID)).toBeUndefined();
    expect(await facade.delete(ID)).toEqual({ success: true });
    expect(requests).toEqual([]);
  });

  it("sees transport failures in onError, as LosantConnectionError", async () => {
    const seen: unknown[] = [];
    const facade = createAccessTokensApi({ token: TOKEN, baseUrl: "http://127.0.0.1:1", retries: 0 });
    facade.client.use({ onError: ({ error }) => void seen.push(error) });
    await expect(facade.list()).rejects.toMatchObject({ name: "LosantConnectionError" });
    expect(seen).toMatchObject([{ name: "LosantConnectionError", reason: "network" }]);
  });
});

describe("the Response the typed client returns", () => {
  it("still has its success body to read: openapi-fetch took the transport's parse, not the body", async () => {
    const { facade } = await api();
    const { data, response } = await facade.client.GET("/access-tokens");
    expect(data).toEqual(LIST);
    expect(response.bodyUsed).toBe(false);
    expect(JSON.parse(await response.clone().text())).toEqual(LIST);
  });
});

describe("the Response the typed client returns, with or without middleware", () => {
  // A middleware that changes nothing still makes the client build WHATWG Requests and Responses.
  const passive: Middleware = { onRequest: () => undefined };
  /** Every member a caller may read, read in the order a caller would. */
  const read = async (response: Response) => ({
    isResponse: response instanceof Response,
    tag: Object.prototype.toString.call(response),
    status: response.status,
    ok: response.ok,
    statusText: response.statusText,
    url: response.url,
    redirected: response.redirected,
    type: response.type,
    contentType: response.headers.get("content-type"),
    unreadAtFirst: response.bodyUsed,
    clone: await response.clone().json(),
    json: await response.json(),
    text: await response.text(),
    body: new TextDecoder().decode(await response.arrayBuffer()),
    usedAfterReading: response.bodyUsed,
    readAgain: await response.arrayBuffer().then(
      () => "read twice",
      (error: unknown) => (error as Error).name,
    ),
  });

  it("reads alike whether or not a middleware is installed, every member of a success", async () => {
    const bare = await read((await (await api()).facade.client.GET("/access-tokens")).response);
    const seen = await read((await (await api(passive)).facade.client.GET("/access-tokens")).response);
    expect(bare).toEqual(seen);
    expect(bare).toEqual({
      isResponse: true,
      tag: "[object Response]",
      status: 200,
      ok: true,
      statusText: "",
      url: "",
      redirected: false,
      type: "default",
      contentType: "application/json",
      unreadAtFirst: false,
      clone: LIST,
      json: LIST,
      text: JSON.stringify(LIST),
      body: JSON.stringify(LIST),
      usedAfterReading: true,
      readAgain: "TypeError",
    });
  });

  it("keeps an error's body readable as JSON, a stream or a clone", async () => {
    const { facade } = await api();
    const { error, response } = await facade.client.GET("/access-tokens/{accessTokenId}", {
      params: { path: { accessTokenId: ID } },
    });
    expect(error).toEqual(NOT_FOUND);
    expect([response instanceof Response, response.status, response.ok]).toEqual([true, 404, false]);
    expect(await response.clone().json()).toEqual(NOT_FOUND);
    expect(JSON.parse(await new Response(response.body).text())).toEqual(NOT_FOUND);
    expect(response.bodyUsed).toBe(true);
  });
});

describe("a per-call fetch on the typed client", () => {
  it("gets the request and its answer reaches the caller, on success and on error", async () => {
    const { facade } = await api();
    const seen: string[] = [];
    const perCall = (request: Request) => (
      seen.push(`${request.method} ${new URL(request.url).pathname}`), fetch(request)
    );
    const list = await facade.client.GET("/access-tokens", { fetch: perCall });
    const one = await facade.client.GET("/access-tokens/{accessTokenId}", {
      params: { path: { accessTokenId: ID } },
      fetch: perCall,
    });
    expect([list.data, one.error, one.response.status]).toEqual([LIST, NOT_FOUND, 404]);
    expect(seen).toEqual(["GET /access-tokens", `GET /access-tokens/${ID}`]);
  });
});

describe("middleware installed, ejected, or given to one call", () => {
  /** A middleware that notes, under its name, whether it was handed a WHATWG Request, as openapi-fetch promises. */
  const noting = (name: string, seen: string[]): Middleware => ({
    onRequest: ({ request }) => void seen.push(`${name}: ${request instanceof Request ? "Request" : "other"}`),
  });
  /** On Node, a call no middleware sees resolves with the light Response; on the fetch path, always a fresh one. */
  const fresh = (response: Response) => Object.getPrototypeOf(response) === Response.prototype;
  const nodePath = process.env["LOSANT_TEST_PATH"] !== "fetch";

  it("sees a real Request while installed, and nothing once ejected", async () => {
    const seen: string[] = [];
    const [one, two] = [noting("one", seen), noting("two", seen)];
    const { facade } = await api(one, two);
    await facade.client.GET("/access-tokens");
    facade.client.eject(two);
    await facade.client.GET("/access-tokens");
    expect(seen).toEqual(["one: Request", "two: Request", "one: Request"]);
  });

  it("still sees a real Request after a middleware that was never installed is ejected", async () => {
    const seen: string[] = [];
    const { facade } = await api(noting("one", seen));
    facade.client.eject(noting("stranger", seen));
    const { data } = await facade.client.GET("/access-tokens");
    expect([data, seen]).toEqual([LIST, ["one: Request"]]);
  });

  it("once all of it is ejected, leaves calls as light as those of a client that never had any", async () => {
    const seen: string[] = [];
    const one = noting("one", seen);
    const { facade } = await api(one);
    expect(fresh((await facade.client.GET("/access-tokens")).response)).toBe(true);
    facade.client.eject(one);
    const { data, response } = await facade.client.GET("/access-tokens");
    expect([data, seen, fresh(response)]).toEqual([LIST, ["one: Request"], !nodePath]);
  });

  it("given to one call, sees a real Request for that call only, which goes to the path asked for", async () => {
    const seen: string[] = [];
    const { facade, requests } = await api();
    const one = await facade.client.GET("/access-tokens/{accessTokenId}", {
      params: { path: { accessTokenId: ID } },
      middleware: [noting("per call", seen)],
    });
    const { response } = await facade.client.GET("/access-tokens");
    expect([one.error, seen, requests.map((request) => request.url)]).toEqual([
      NOT_FOUND,
      ["per call: Request"],
      [`/access-tokens/${ID}`, "/access-tokens"],
    ]);
    expect(fresh(response)).toBe(!nodePath);
  });
});
