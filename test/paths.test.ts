import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClientOptions } from "../src/index.js";
import { callClient, callFacade } from "./support/facades.js";
import { rejection } from "./support/fault-server.js";
import { TOKEN } from "./support/clients.js";
import { loadSpec, operationFacts } from "./support/spec.js";

const spec = loadSpec();
const withIds = operationFacts(spec).filter((op) => op.pathParams.length > 0);
const bodyOf = (op: (typeof withIds)[number]) => op.bodyExample;

/** Options whose fetch records each request's URL and answers as the API would, without a network. */
function recorded(): { options: ClientOptions; urls: string[] } {
  const urls: string[] = [];
  const fetch = async (request: Request) => {
    urls.push(request.url);
    return request.method === "DELETE" ? Response.json({ success: true }) : Response.json({ id: "x" });
  };
  return { options: { token: TOKEN, baseUrl: "https://api.example.com/api/v1", fetch, retries: 0 }, urls };
}

const wellFormed = (value: string) => {
  try {
    return encodeURIComponent(value) !== undefined;
  } catch {
    return false;
  }
};

const styles = [
  ["the facade", callFacade],
  ["the typed client", callClient],
] as const;
const cases = withIds.flatMap((op) => styles.map(([style, call]) => [op.id, style, op, call] as const));

describe("a path parameter", () => {
  it.each(cases)(
    "of %s through %s: a missing or empty id, '.' or '..' is refused with a TypeError before any request",
    async (_id, _style, op, call) => {
      for (const bad of [undefined, null, "", ".", ".."]) {
        for (const position of op.pathParams.keys()) {
          const { options, urls } = recorded();
          const ids = op.pathParams.map(({ example }, i) => (i === position ? bad : example)) as string[];
          const error = await rejection(call(options, op, ids, bodyOf(op)));
          expect(error).toBeInstanceOf(TypeError);
          expect((error as Error).message).toBe(
            `losant-access-tokens: path parameter ${op.pathParams[position]?.name} must not be empty, "." or ".."`,
          );
          expect(urls).toEqual([]);
        }
      }
    },
  );

  it.each(cases)(
    "of %s through %s: encoded dot segments and every other id travel as exactly one segment",
    async (_id, _style, op, call) => {
      const prefix = "/api/v1";
      const id = fc
        .oneof(
          fc.constantFrom(
            "%2e",
            "%2E",
            "%2e%2e",
            ".%2e",
            "%2e.",
            "%2E%2E",
            "..%2f..",
            "../..",
            "./",
            "/",
            "\\..",
            "..\\",
            "?",
            "#",
            "%00",
            ". .",
            "...",
          ),
          fc.string({ unit: "binary", minLength: 1, maxLength: 30 }),
          fc.string({
            unit: fc.constantFrom(".", "/", "\\", "%", "2", "e", "?", "#", ";"),
            minLength: 1,
            maxLength: 8,
          }),
        )
        .filter((value) => value !== "." && value !== ".." && wellFormed(value));
      await fc.assert(
        fc.asyncProperty(
          fc.array(id, { minLength: op.pathParams.length, maxLength: op.pathParams.length }),
          async (ids) => {
            const { options, urls } = recorded();
            await call(options, op, ids, bodyOf(op));
            const [url] = urls;
            const segments = new URL(url ?? "").pathname.slice(prefix.length).split("/");
            const template = op.path.split("/");
            expect(segments).toHaveLength(template.length);
            template.forEach((part, i) => {
              const param = op.pathParams.findIndex(({ name }) => part === `{${name}}`);
              expect(decodeURIComponent(segments[i] ?? "")).toBe(param === -1 ? part : ids[param]);
            });
          },
        ),
        { seed: 20_261_128, numRuns: 200 },
      );
    },
  );

  it.each(cases)("of %s through %s: a lone surrogate is refused before any request", async (_id, _style, op, call) => {
    const { options, urls } = recorded();
    const error = await rejection(
      call(
        options,
        op,
        op.pathParams.map(() => "\ud800"),
        bodyOf(op),
      ),
    );
    expect((error as Error).message).toMatch(/path parameter \w+ is not well-formed Unicode/);
    expect(urls).toEqual([]);
  });
});
