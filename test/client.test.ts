import { describe, expect, it } from "vitest";
import { exampleOf, loadSpec, responseExample } from "./support/spec.js";
import { prefer, prismClient, prismUrl } from "./support/prism.js";

const spec = loadSpec();
const example = (name: string) => exampleOf(spec, name);
const errorExample = (response: string) => responseExample(spec, response);
const ID = "575ec7417ae143cd83dc4a95";
const byId = { params: { path: { accessTokenId: ID } } };
const client = prismClient();

const COLLECTION_ERRORS = [
  [400, "BadRequest"],
  [401, "Unauthorized"],
] as const;
const ITEM_ERRORS = [...COLLECTION_ERRORS, [404, "NotFound"]] as const;

/** One test per documented error status: Prism answers it (Prefer: code=NNN) and it arrives as the typed error. */
function surfacesErrors(
  statuses: readonly (readonly [number, string])[],
  call: (init: ReturnType<typeof prefer>) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
): void {
  it.each(statuses)("surfaces %i as the typed error", async (status, name) => {
    const { data, error, response } = await call(prefer(status));
    expect(response.status).toBe(status);
    expect(data).toBeUndefined();
    expect(error).toEqual(errorExample(name));
  });
}

describe("listAccessTokens: client.GET /access-tokens", () => {
  it("resolves 200 with the spec's AccessTokens example as data", async () => {
    const { data, error, response } = await client.GET("/access-tokens");
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data).toEqual(example("AccessTokens"));
    expect(data?.items?.[0]?.name).toBe("My Access Token");
  });

  it("passes the hypermedia query parameters", async () => {
    const { data } = await client.GET("/access-tokens", { params: { query: { _actions: false, _links: true, _embedded: true } } });
    expect(data?.count).toBe(1);
  });

  surfacesErrors(COLLECTION_ERRORS, (init) => client.GET("/access-tokens", init));
});

describe("createAccessToken: client.POST /access-tokens", () => {
  const body = example("AccessTokenPost") as { name: string };

  it("resolves 201 with the spec's AccessToken example as data", async () => {
    const { data, response } = await client.POST("/access-tokens", { body });
    expect(response.status).toBe(201);
    expect(data).toEqual(example("AccessToken"));
  });

  surfacesErrors(COLLECTION_ERRORS, (init) => client.POST("/access-tokens", { body, ...init }));
});

describe("getAccessToken: client.GET /access-tokens/{accessTokenId}", () => {
  it("resolves 200 with the spec's AccessToken example as data", async () => {
    const { data, response } = await client.GET("/access-tokens/{accessTokenId}", byId);
    expect(response.status).toBe(200);
    expect(data).toEqual(example("AccessToken"));
  });

  surfacesErrors(ITEM_ERRORS, (init) => client.GET("/access-tokens/{accessTokenId}", { ...byId, ...init }));
});

describe("updateAccessToken: client.PATCH /access-tokens/{accessTokenId}", () => {
  const body = example("AccessTokenPatch") as { name: string };

  it("resolves 200 with the spec's AccessToken example as data", async () => {
    const { data, response } = await client.PATCH("/access-tokens/{accessTokenId}", { ...byId, body });
    expect(response.status).toBe(200);
    expect(data).toEqual(example("AccessToken"));
  });

  surfacesErrors(ITEM_ERRORS, (init) => client.PATCH("/access-tokens/{accessTokenId}", { ...byId, body, ...init }));
});

describe("deleteAccessToken: client.DELETE /access-tokens/{accessTokenId}", () => {
  it("resolves 200 with the spec's Success example as data", async () => {
    const { data, response } = await client.DELETE("/access-tokens/{accessTokenId}", byId);
    expect(response.status).toBe(200);
    expect(data).toEqual({ success: true });
  });

  surfacesErrors(ITEM_ERRORS, (init) => client.DELETE("/access-tokens/{accessTokenId}", { ...byId, ...init }));
});

describe("requests", () => {
  it("send the token only as a bearer Authorization header, and Accept: application/json", async () => {
    const seen: Request[] = [];
    const spy = prismClient({
      token: "secret-token-abc",
      headers: { "X-Trace": "1" },
      fetch: (request) => {
        seen.push(request.clone());
        return fetch(request);
      },
    });
    await spy.GET("/access-tokens");
    const [request] = seen;
    expect(request?.headers.get("authorization")).toBe("Bearer secret-token-abc");
    expect(request?.headers.get("accept")).toBe("application/json");
    expect(request?.headers.get("x-trace")).toBe("1");
    expect(request?.url).not.toContain("secret-token-abc");
  });

  it("refuse a per-call Request class, which would bypass the timeout and retries", async () => {
    await expect(client.GET("/access-tokens", { Request: globalThis.Request })).rejects.toThrow(
      "losant-access-tokens: the `Request` option is not supported",
    );
  });

  it("are answered 401 by Prism when the bearer token is missing, which the client never lets happen", async () => {
    const response = await fetch(`${prismUrl}/access-tokens`);
    expect(response.status).toBe(401);
    expect(response.headers.get("sl-violations")).toContain("Invalid security scheme");
  });
});

