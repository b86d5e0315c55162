import { describe, expect, it } from "vitest";
import type { ClientOptions } from "../src/index.js";
import { callFacade } from "./support/facades.js";
import { TOKEN } from "./support/clients.js";
import { loadSpec, operationFacts } from "./support/spec.js";

const spec = loadSpec();

/** Options whose fetch keeps each request and answers it as the API would, without a network. */
function recorded(status: number, body: unknown): { options: ClientOptions; sent: Request[] } {
  const sent: Request[] = [];
  const fetch = async (request: Request) => (sent.push(request), Response.json(body, { status }));
  return { options: { token: TOKEN, baseUrl: "https://api.example.com", fetch, retries: 0 }, sent };
}

// What each facade method puts on the wire, derived from the spec: every operation, in-memory.
describe.each(operationFacts(spec))("the facade's $method $path", (op) => {
  it(op.body ? "sends its body as JSON, and no query string" : "sends no body and no query string", async () => {
    const { options, sent } = recorded(op.success, op.successExample);
    await callFacade(
      options,
      op,
      op.pathParams.map(({ example }) => example),
      op.bodyExample,
    );
    expect(sent).toHaveLength(1);
    for (const request of sent) {
      const url = new URL(request.url);
      expect([request.method, url.pathname, url.search]).toEqual([op.method, op.examplePath, ""]);
      if (op.body) {
        expect(request.headers.get("content-type")).toBe("application/json");
        expect(await request.json()).toEqual(op.bodyExample);
      } else {
        expect(await request.text()).toBe("");
      }
    }
  });
});
