import { escapeJson } from "../src/core/quote.js";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { operations } from "../generated/fake-operations.js";
import { startFakeServer } from "../scripts/fake.mjs";
import { createFakeLosant, type FakeLosant } from "../src/fake/index.js";
import { quoted } from "../src/fake/errors.js";
import { answerProblem } from "./support/fake-answers.js";
import { APP, FAKE_TOKEN } from "./support/fake-scenario.js";

// The fake given what a hostile or careless client sends: every answer a JSON Error with a
// fitting 4xx, or the operation's documented answer; never a 5xx, a stack overflow, a hang, or a
// rejection but the caller's abort. Each case runs in process (fake.fetch) and over HTTP (scripts/fake.mjs).

const auth = { authorization: `Bearer ${FAKE_TOKEN}` };
const json = { ...auth, "content-type": "application/json" };
const servers: { close: () => Promise<void> }[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

/** What a test sends and sees, whichever way the fake is reached. */
interface Reached {
  fake: FakeLosant;
  send(
    method: string,
    path: string,
    init?: { headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; type: string | null; text: string }>;
}

const nested = (depth: number, open = "[", close = "]", inner = "") =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
const DEEP = 100_000;
/** Deep enough for any stack (JSON.stringify overflowed past about 4,100 levels), cheap enough to send 42 times. */
const DEEP_BODY = 20_000;
/** Under `npm run test:mutation`, which runs a test once per mutant it covers: fewer generated cases. */
const MUTATION = process.env["LOSANT_MUTATION"] === "1";

/** The fake reached by calling fake.fetch, or by HTTP through `npm run fake`'s server on a port of its own. */
const WAYS: [string, () => Promise<Reached>][] = [
  [
    "in process",
    async () => {
      const fake = createFakeLosant();
      return {
        fake,
        send: async (method, path, init = {}) => {
          const response = await fake.fetch(`https://api.losant.com${path}`, {
            method,
            headers: init.headers ?? auth,
            ...(init.body === undefined ? {} : { body: init.body }),
          });
          return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
        },
      };
    },
  ],
  [
    "over HTTP",
    async () => {
      const fake = createFakeLosant();
      const server = await startFakeServer({ fake, port: 0 });
      servers.push(server);
      return {
        fake,
        send: async (method, path, init = {}) => {
          const response = await fetch(`${server.url}${path}`, {
            method,
            headers: init.headers ?? auth,
            ...(init.body === undefined ? {} : { body: init.body }),
          });
          return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
        },
      };
    },
  ],
];

/** A 400 Validation Error body, as JSON, whose message says `words` and is short. */
function expectValidation(answer: { status: number; type: string | null; text: string }, words: RegExp): void {
  expect(answer.status, answer.text.slice(0, 300)).toBe(400);
  expect(answer.type).toBe("application/json; charset=utf-8");
  const body = JSON.parse(answer.text) as { type: string; message: string };
  expect(body.type).toBe("Validation");
  expect(body.message).toMatch(words);
  expect(body.message.length).toBeLessThan(400);
}

describe.each(WAYS)("the fake %s, given hostile input", (_way, reach) => {
  it("answers 400 to a body nested 20,000 levels deep anywhere, on every operation that takes one", async () => {
    const { fake, send } = await reach();
    const created = JSON.parse((await send("POST", "/me/tokens", { headers: json, body: '{"name":"kept"}' })).text) as {
      id: string;
    };
    const access = JSON.parse(
      (await send("POST", "/access-tokens", { headers: json, body: '{"name":"kept"}' })).text,
    ) as { id: string };
    // Still past where JSON.stringify overflowed (about 4,100 levels) when run once per mutant.
    const depth = MUTATION ? 5_000 : DEEP_BODY;
    const deepArray = nested(depth);
    const deepObject = nested(depth, '{"a":', "}", "1");
    const bodies = [
      [deepArray, /^body must be object, got \[\[\[/],
      [deepObject, /^body\.name is required|^body must not have "a"/],
      [`{"name":${deepArray}}`, /^body\.name must be string, got \[\[\[/],
      [`{"name":"x","scope":[${deepArray},${deepArray}]}`, /^body\.scope\[0\]/],
      [`{"name":"x","extra":${deepObject}}`, /must not have "extra"/],
      [
        `{"name":"x","orgRoles":[{"role":"view","orgId":${deepArray}}]}`,
        /^body\.orgRoles\[0\]\.orgId matches none of the forms the spec allows, got \[\[\[|^body must not have "orgRoles"/,
      ],
    ] as const;
    const targets = [
      ["POST", "/me/tokens"],
      ["PATCH", `/me/tokens/${created.id}`],
      ["POST", `/applications/${APP}/tokens`],
      ["PATCH", `/applications/${APP}/tokens/0123456789abcdef01234567`],
      ["POST", "/access-tokens"],
      ["PATCH", `/access-tokens/${access.id}`],
      ["DELETE", `/me/tokens/${created.id}`],
    ] as const;
    for (const [method, path] of targets) {
      for (const [body, words] of bodies) {
        const answer = await send(method, path, { headers: json, body });
        // An update takes no name, and one of an id no token has may be refused before its body: still a 4xx Error.
        if (method === "PATCH" || method === "DELETE") {
          expect([400, 404], `${method} ${path}: ${answer.text.slice(0, 200)}`).toContain(answer.status);
          expect((JSON.parse(answer.text) as { type: string }).type).toMatch(/^(Validation|NotFound)$/);
        } else expectValidation(answer, words);
      }
    }
    // Nothing was made or changed by any of them.
    expect(fake.state().userTokens.map((token) => token.name)).toEqual(["kept"]);
    expect(fake.state().accessTokens.map((token) => token.name)).toEqual(["kept"]);
    expect(fake.state().applicationTokens).toEqual({});
  });

  it("answers 400 naming the parameter to a page or perPage that is not a finite integer in decimal digits", async () => {
    const { send } = await reach();
    const refused = [
      "Infinity",
      "-Infinity",
      "1e400",
      "NaN",
      "0x10",
      "0b1",
      "%20",
      "",
      "1.5",
      "2.0e-1",
      "1e20",
      "9007199254740993",
      "+1",
      "01",
      "1_000",
      "١",
    ];
    for (const name of ["page", "perPage"]) {
      for (const value of refused) {
        for (const path of ["/me/tokens", `/applications/${APP}/tokens`]) {
          expectValidation(await send("GET", `${path}?${name}=${value}`), new RegExp(`^query parameter ${name} `));
        }
      }
    }
    // What stays allowed: decimal integers, in any notation JSON has for one.
    for (const [query, page, perPage] of [
      ["page=0&perPage=1", 0, 1],
      ["page=2&perPage=1e2", 2, 100],
      ["page=-0&perPage=10", 0, 10],
      ["perPage=9007199254740991", 0, 9007199254740991],
    ] as const) {
      const answer = await send("GET", `/me/tokens?${query}`);
      expect(answer.status, answer.text).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({ page, perPage });
    }
  });
});

describe("fake.fetch and an abort", () => {
  const fixed = () => createFakeLosant({ clock: () => new Date("2026-01-15T09:30:00.000Z") });

  it("rejects with the signal's reason, and creates, updates or deletes nothing, when the signal aborts at once after the call", async () => {
    const fake = fixed();
    const made = await (
      await fake.fetch("https://api.losant.com/me/tokens", { method: "POST", headers: json, body: '{"name":"before"}' })
    ).json();
    const before = fake.state();
    const calls = [
      ["POST", "/me/tokens", '{"name":"x"}'],
      ["PATCH", `/me/tokens/${made.id}`, '{"name":"changed"}'],
      ["DELETE", `/me/tokens/${made.id}`, undefined],
      ["POST", `/applications/${APP}/tokens`, '{"name":"x"}'],
      ["POST", "/access-tokens", '{"name":"x"}'],
    ] as const;
    for (const [method, path, body] of calls) {
      const controller = new AbortController();
      const reason = new Error(`stop ${method} ${path}`);
      const call = fake.fetch(`https://api.losant.com${path}`, {
        method,
        headers: json,
        ...(body === undefined ? {} : { body }),
        signal: controller.signal,
      });
      controller.abort(reason);
      await expect(call).rejects.toBe(reason);
    }
    expect(fake.state()).toEqual(before);
  });

  it("rejects with the signal's own reason, an AbortError by default, for a GET aborted at once", async () => {
    const controller = new AbortController();
    const call = fixed().fetch("https://api.losant.com/me/tokens", { headers: auth, signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
  });

  it("ends a body that stalls at the abort, with its reason, and creates nothing", async () => {
    const fake = fixed();
    const controller = new AbortController();
    let cancelled: unknown = "not cancelled";
    const body = new ReadableStream<Uint8Array>({
      start: (stream) => stream.enqueue(new TextEncoder().encode('{"name":')),
      cancel: (why) => void (cancelled = why),
    });
    const call = fake.fetch("https://api.losant.com/me/tokens", {
      method: "POST",
      headers: json,
      body,
      duplex: "half",
      signal: controller.signal,
    } as RequestInit);
    const settled = call.then(
      () => "resolved",
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reason = new Error("gave up");
    controller.abort(reason);
    expect(await settled).toBe(reason);
    expect(cancelled).toBe(reason);
    expect(fake.state().userTokens).toEqual([]);
  });

  it("reads the whole body, and answers, when the signal never aborts", async () => {
    const fake = fixed();
    const controller = new AbortController();
    const chunks = ['{"na', 'me":"in ', 'pieces"}'].map((text) => new TextEncoder().encode(text));
    const body = new ReadableStream<Uint8Array>({
      pull: (stream) => (chunks.length ? stream.enqueue(chunks.shift() as Uint8Array) : stream.close()),
    });
    const response = await fake.fetch("https://api.losant.com/me/tokens", {
      method: "POST",
      headers: json,
      body,
      duplex: "half",
      signal: controller.signal,
    } as RequestInit);
    expect(response.status).toBe(201);
    controller.abort();
    expect(fake.state().userTokens.map((token) => token.name)).toEqual(["in pieces"]);
  });
});

describe("quoted(): a value as an error message shows it", () => {
  // The package's one rule for quoting: 200 characters, then what JSON leaves raw that a terminal acts on, as \u escapes.
  const clipped = (text: string) => escapeJson(text.length > 200 ? `${text.slice(0, 200)}…` : text);

  it("is JSON.stringify's text, clipped to 200 characters, for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(quoted(value)).toBe(clipped(JSON.stringify(value)));
      }),
      { seed: 18, numRuns: MUTATION ? 100 : 500 },
    );
  });

  it("writes what JSON.stringify writes for what JSON has no word for, and String() for what it cannot write", () => {
    // biome-ignore lint/suspicious/noSparseArray: a hole is what this case is about
    const sparse = [1, , 3];
    const cases: unknown[] = [
      { a: undefined, b: () => 1, c: Symbol("s"), d: NaN, e: new Date(0), f: [undefined, () => 1] },
      sparse,
      -0,
      Infinity,
      'é\u2028"\\',
      null,
      true,
      { "": { "": [] } },
    ];
    for (const value of cases) expect(quoted(value)).toBe(clipped(JSON.stringify(value)));
    expect([quoted(undefined), quoted(10n), quoted(Symbol.for("s")), quoted(() => 1)]).toEqual([
      "undefined",
      "10",
      "Symbol(s)",
      "() => 1",
    ]);
    expect(quoted([10n])).toBe("[null]");
  });

  it("costs 200 characters, not the value: 100,000 levels deep, 10 million characters long, or a cycle", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < DEEP; i += 1) deep = i % 2 ? [deep] : { k: deep };
    expect(quoted(deep)).toBe(`${'[{"k":'.repeat(33)}[{…`);
    expect(quoted("x".repeat(10_000_000))).toBe(`"${"x".repeat(199)}…`);
    expect(quoted({ ["k".repeat(1000)]: 1 })).toBe(`{"${"k".repeat(198)}…`);
    const cycle: Record<string, unknown> = { a: 1 };
    cycle["self"] = cycle;
    expect(quoted(cycle)).toMatch(/^\{"a":1,"self":\{"a":1,"self":.*…$/);
    expect(quoted(cycle)).toHaveLength(201);
    expect(quoted(Array.from({ length: 1_000_000 }, () => 7))).toBe(`[${"7,".repeat(99)}7…`);
  });

  it("is exactly 200 characters and no ellipsis when the JSON is exactly that long", () => {
    const value = "y".repeat(198);
    expect(quoted(value)).toBe(`"${value}"`);
    expect(quoted([value.slice(2)])).toBe(`["${value.slice(2)}"]`);
    expect(quoted(`${value}z`)).toBe(`"${value}z…`);
  });
});

describe("seeds, hostile too", () => {
  it("refuses a seed nested 100,000 levels deep with a TypeError that names it, not a stack overflow", () => {
    let deep: unknown = 1;
    for (let i = 0; i < DEEP; i += 1) deep = [deep];
    for (const seed of [{ name: "deep", ownerType: deep }, { name: deep }, { name: "x", orgRoles: deep }]) {
      expect(() => createFakeLosant({ initial: { userTokens: [seed as never] } })).toThrow(
        /^losant-access-tokens\/fake: options\.initial\.userTokens\[0\]/,
      );
    }
  });

  it("refuses a seed nested deeper than 32 levels, or holding a cycle, which no answer could write out; takes one 32 deep", () => {
    const nest = (depth: number) => {
      let value: unknown = "leaf";
      for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { k: value };
      return value;
    };
    const seeded = (extra: unknown) => () =>
      createFakeLosant({ initial: { userTokens: [{ name: "x", extra } as never] } });
    const refusal =
      /^losant-access-tokens\/fake: options\.initial\.userTokens\[0\] is nested deeper than 32 levels \(or holds a cycle\)/;
    for (const depth of [32, 3_000]) expect(seeded(nest(depth))).toThrow(refusal);
    const cycle: Record<string, unknown> = {};
    cycle["self"] = cycle;
    expect(seeded(cycle)).toThrow(refusal);
    // 31 below the seed (the seed itself is level 0, its field level 1): answered, and listed in full.
    const fake = seeded(nest(31))();
    expect(JSON.stringify(fake.state().userTokens[0]?.["extra" as never])).toBe(JSON.stringify(nest(31)));
  });
});

/** Every operation's id, method and path template, from the spec. */
const OPERATIONS = Object.entries(operations).map(([id, op]) => ({
  id,
  method: op.method as string,
  path: op.path as string,
}));

/** One generated call: an operation, what fills its path, a query, a body, and whether it carries credentials. */
interface Call {
  op: number;
  pick: number;
  idKind: "known" | "hex" | "odd";
  odd: string;
  appKind: "app" | "hex" | "odd";
  query: [string, string][];
  body: string | undefined;
  authorized: boolean;
}

const oddText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    "%",
    "%zz",
    "..",
    "%2F",
    "Infinity",
    "1e400",
    "-1",
    "0x10",
    "__proto__",
    "constructor",
    "*",
    "a".repeat(300),
  ),
);
const queryValue = fc.oneof(
  fc.constantFrom(
    "0",
    "1",
    "2",
    "100",
    "-1",
    "1.5",
    "Infinity",
    "1e400",
    "NaN",
    "true",
    "false",
    "asc",
    "desc",
    "name",
    "status",
    "creationDate",
    "lastUpdated",
    "id",
    "*",
    "a*",
    "?",
  ),
  oddText,
);
const queryName = fc.constantFrom(
  "page",
  "perPage",
  "sortField",
  "sortDirection",
  "filter",
  "filterField",
  "_actions",
  "_links",
  "_embedded",
  "other",
  "__proto__",
);
const tokenBody = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 })),
    description: fc.oneof(fc.string({ maxLength: 20 }), fc.constant("d".repeat(40_000))),
    status: fc.constantFrom("active", "inactive", "other"),
    expirationDate: fc.constantFrom(
      "2030-01-01T00:00:00Z",
      "2030-02-30T00:00:00Z",
      "2016-12-31T23:59:60Z",
      "2030-01-01T00:00:00",
      "soon",
    ),
    scope: fc.oneof(
      fc.constant(["all.Application"]),
      fc.constant(["all.User", "all.User"]),
      fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
    ),
    defaultRole: fc.constantFrom("admin", "edit", "collaborate", "view", "none", "root"),
    // An OAuth grant's client: valid, or wrong in one of the ways its schema refuses.
    oauth: fc.record(
      {
        client_id: fc.constantFrom("575ec7417ae143cd83dc4a98", "short", "https://client.example.com/metadata.json"),
        redirect_uri: fc.constantFrom("https://client.example.com/cb", "not a uri"),
        code_challenge: fc.constantFrom("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "short"),
        code_challenge_method: fc.constantFrom("S256", "plain"),
        resource: fc.constantFrom(["https://api.losant.com"], ["relative"]),
      },
      { requiredKeys: [] },
    ),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  { weight: 5, arbitrary: tokenBody.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.constantFrom("", "{", "null", "[]", nested(5000), "\u0000") },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const call: fc.Arbitrary<Call> = fc.record({
  op: fc.nat({ max: OPERATIONS.length - 1 }),
  pick: fc.nat(),
  idKind: fc.constantFrom("known" as const, "known" as const, "hex" as const, "odd" as const),
  odd: oddText,
  appKind: fc.constantFrom("app" as const, "app" as const, "hex" as const, "odd" as const),
  query: fc.array(fc.tuple(queryName, queryValue), { maxLength: 4 }),
  body,
  authorized: fc.nat({ max: 9 }).map((n) => n > 0),
});

/** Runs a generated sequence of calls on all the operations; every answer must be the spec's, for its operation and status. */
async function runCalls(send: Reached["send"], calls: Call[]): Promise<string[]> {
  const problems: string[] = [];
  const known: string[] = [];
  for (const c of calls) {
    const op = OPERATIONS[c.op] as (typeof OPERATIONS)[number];
    const id =
      c.idKind === "known" && known.length
        ? (known[c.pick % known.length] as string)
        : c.idKind === "odd"
          ? encodeURIComponent(c.odd) || "x"
          : "0123456789abcdef01234567";
    const app =
      c.appKind === "app" ? APP : c.appKind === "hex" ? "abcdefabcdefabcdefabcdef" : encodeURIComponent(c.odd) || "x";
    const path = op.path
      .replace(/\{(applicationId|instanceId)\}/, app)
      .replace(/\{(apiTokenId|accessTokenId|oauthTokenId)\}/, id);
    const search = new URLSearchParams(c.query).toString();
    const url = `${path}${search ? `?${search}` : ""}`;
    const headers = c.authorized ? { ...json } : { "content-type": "application/json" };
    const answer = await send(op.method, url, {
      headers,
      ...(c.body === undefined || op.method === "GET" ? {} : { body: c.body }),
    });
    if (answer.status >= 500) problems.push(`${op.method} ${url}: ${answer.status} ${answer.text.slice(0, 200)}`);
    if (answer.type !== "application/json; charset=utf-8")
      problems.push(`${op.method} ${url}: Content-Type ${answer.type}`);
    const problem = answerProblem(op.method, `https://api.losant.com${url}`, answer.status, answer.text);
    if (problem) problems.push(`${op.method} ${url}: ${problem}`);
    if (op.method === "POST" && answer.status === 201) known.push((JSON.parse(answer.text) as { id: string }).id);
  }
  return problems;
}

describe.each(WAYS)(
  "every answer of the fake %s, for generated sequences of calls on all the operations",
  (way, reach) => {
    it("validates against the spec's response schema for its operation and status, and is never a 5xx", async () => {
      const reached = await reach();
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 25 }), async (calls) => {
          reached.fake.reset();
          for (const c of calls) seen.add((OPERATIONS[c.op] as { id: string }).id);
          expect(await runCalls(reached.send, calls)).toEqual([]);
        }),
        // Over HTTP, 40 sequences are the fewest that reach every operation with this seed: not cut for mutation runs.
        { seed: 18, numRuns: way === "in process" ? (MUTATION ? 30 : 120) : 40 },
      );
      expect(seen.size).toBe(OPERATIONS.length);
    });
  },
);
