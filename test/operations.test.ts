import { describe, expect, it } from "vitest";
import { LosantApiError, type ClientOptions } from "../src/index.js";
import { callClient, callFacade } from "./support/facades.js";
import { contractFetch, prefer, prismOptions } from "./support/prism.js";
import { rejection } from "./support/fault-server.js";
import { loadSpec, operationFacts } from "./support/spec.js";

const spec = loadSpec();

// Every operation of the spec, through both styles, with every documented status: derived from the
// spec, so a new operation is covered as soon as it is described (and its facade exists).
describe.each(operationFacts(spec))("$id: $method $path", (op) => {
  const ids = op.pathParams.map(({ example }) => example);
  const body = op.bodyExample;
  const path = op.examplePath;

  it(`resolves ${op.success} with the spec's example as data (typed client)`, async () => {
    const { data, error, response } = (await callClient(prismOptions(), op, ids, body)) as {
      data: unknown;
      error: unknown;
      response: Response;
    };
    expect([response.status, error]).toEqual([op.success, undefined]);
    expect(data).toEqual(op.successExample);
  });

  it("resolves to the spec's example (facade)", async () => {
    expect(await callFacade(prismOptions(), op, ids, body)).toEqual(op.successExample);
  });

  it.each(op.errors)("surfaces $status as the typed error (typed client)", async ({ status, example }) => {
    const { data, error, response } = (await callClient(prismOptions(prefer(status)), op, ids, body)) as {
      data: unknown;
      error: unknown;
      response: Response;
    };
    expect([response.status, data, error]).toEqual([status, undefined, example]);
  });

  it.each(op.errors)(
    "rejects $status with LosantApiError carrying status, type, message, method and path (facade)",
    async ({ status, example }) => {
      const error = await rejection(callFacade(prismOptions(prefer(status)), op, ids, body));
      expect(error).toBeInstanceOf(LosantApiError);
      expect(error).toMatchObject({
        name: "LosantApiError",
        status,
        type: example.type,
        apiMessage: example.message,
        method: op.method,
        path,
        body: example,
      });
      expect((error as Error).message).toBe(
        `Losant API ${status} ${example.type}: ${example.message} (${op.method} ${path})`,
      );
    },
  );
});

describe("requests", () => {
  /** Options against Prism whose fetch also keeps a copy of each request. */
  const recording = (extra: Partial<ClientOptions> = {}) => {
    const seen: Request[] = [];
    const options = prismOptions({
      fetch: (request) => (seen.push(request.clone()), contractFetch(request)),
      ...extra,
    });
    return { options, seen };
  };
  const [list] = operationFacts(spec);

  it("send the token only as a bearer Authorization header, with Accept: application/json and the caller's headers", async () => {
    const { options, seen } = recording({ token: "secret-token-abc", headers: { "X-Trace": "1" } });
    await callClient(options, list!, []);
    const [request] = seen;
    expect(request?.headers.get("authorization")).toBe("Bearer secret-token-abc");
    expect(request?.headers.get("accept")).toBe("application/json");
    expect(request?.headers.get("x-trace")).toBe("1");
    expect(request?.url).not.toContain("secret-token-abc");
  });

  it("pass the hypermedia query parameters in the query string", async () => {
    const { options, seen } = recording();
    const { data } = (await callClient(options, list!, [], undefined, {
      params: { query: { _actions: false, _links: true, _embedded: true } },
    })) as { data: unknown };
    expect(new URL(seen[0]?.url ?? "").search).toBe("?_actions=false&_links=true&_embedded=true");
    expect(data).toEqual(list!.successExample);
  });
});
