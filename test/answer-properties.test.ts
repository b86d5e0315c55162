import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createAccessTokensApi,
  createAccessTokensClient,
  LosantApiError,
  LosantConnectionError,
  type ClientOptions,
} from "../src/index.js";
import { serveRaw } from "./support/fault-server.js";
import { TOKEN } from "./support/clients.js";
import { renderings } from "./support/renderings.js";

const SEED = 20_261_128;
const RUNS = 300;

/** The token as a server might echo it: as sent, JSON-escaped, or cut in two. */
const echo = fc.constantFrom(
  TOKEN,
  [...TOKEN].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join(""),
  `${TOKEN.slice(0, 50)}","b":"${TOKEN.slice(50)}`,
  "",
);
const body = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.jsonValue({ maxDepth: 4 }).map((value) => Buffer.from(JSON.stringify(value) ?? "")),
  fc
    .tuple(fc.string({ maxLength: 40 }), echo, fc.string({ maxLength: 40 }))
    .map(([type, token, tail]) =>
      Buffer.from(`{"type":${JSON.stringify(type)},"message":"${token}${tail.replace(/["\\]/g, "")}"}`),
    ),
  fc
    .tuple(fc.constantFrom('{"items":[', "[", '{"a":'), fc.integer({ min: 1, max: 5_000 }))
    .map(([open, depth]) => Buffer.from(open.repeat(depth))),
  fc.constant(Buffer.alloc(0)),
);
const headerName = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/)
  .filter((name) => !/^(content-length|transfer-encoding|connection)$/i.test(name));
const headerValue = fc.oneof(
  fc.stringMatching(/^[\x20-\x7e]{0,40}$/),
  echo.filter((value) => !value.includes('"')),
);
const answer = fc.record({
  // Every status a status line can carry, with the ones the API uses drawn more often.
  status: fc.oneof(
    fc.integer({ min: 100, max: 999 }),
    fc.constantFrom(200, 201, 204, 400, 401, 404, 429, 500, 502, 503),
  ),
  // Any byte but CR and LF, which would end the status line: control characters and Latin-1 included.
  reason: fc.oneof(fc.stringMatching(/^[\x20-\x7e]{0,20}$/), fc.stringMatching(/^[^\r\n\u0100-\uffff]{0,20}$/), echo),
  headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 }),
  contentType: fc.constantFrom("application/json", "text/html", "text/plain", "application/octet-stream"),
  framing: fc.constantFrom("length", "close"),
  body,
});
type Answer = typeof answer extends fc.Arbitrary<infer A> ? A : never;

/** What an answer may end as: a value, the typed client's error body, or one of the two error classes. */
function checkEnding(outcome: PromiseSettledResult<unknown>): void {
  if (outcome.status === "fulfilled") {
    const { error } = (outcome.value ?? {}) as { error?: unknown };
    if (error !== undefined) for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
    return;
  }
  const failure = outcome.reason as Error;
  expect(
    [LosantApiError, LosantConnectionError].some((type) => failure instanceof type),
    `${String(failure)}\n${failure?.stack ?? ""}`,
  ).toBe(true);
  for (const text of renderings(failure)) expect(text).not.toContain(TOKEN);
}

describe("any answer a server can send", () => {
  it(`ends, in both styles, as a body or one of the two errors, with the token in no rendering (${RUNS} generated answers)`, async () => {
    let next: Answer | undefined;
    const { url } = await serveRaw((_request, socket) => {
      const { status, reason, headers, contentType, framing, body: bytes } = next as Answer;
      const lines = [
        `HTTP/1.1 ${status} ${reason}`,
        `content-type: ${contentType}`,
        ...headers.map(([name, value]) => `${name}: ${value}`),
      ];
      if (framing === "length") lines.push(`content-length: ${bytes.length}`);
      socket.end(Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), bytes]));
    });
    const options: ClientOptions = {
      token: TOKEN,
      baseUrl: url,
      retries: 0,
      timeoutMs: 2_000,
      maxResponseBytes: 64 * 1024,
    };
    const api = createAccessTokensApi(options);
    const client = createAccessTokensClient(options);
    await fc.assert(
      fc.asyncProperty(answer, async (generated) => {
        next = generated;
        checkEnding((await Promise.allSettled([api.list()]))[0] as PromiseSettledResult<unknown>);
        checkEnding((await Promise.allSettled([client.GET("/access-tokens")]))[0] as PromiseSettledResult<unknown>);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
