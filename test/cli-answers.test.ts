// The CLI fails closed on answers it cannot rely on, and its lists end: a malformed list, token or
// created token ends in exit 1 with one line naming the operation and the place, never a JavaScript
// message; audit --strict never passes on one; a list that would not end stops at a bound, as an error.
import { describe, expect, it } from "vitest";
import { cliFake, runCli } from "./support/cli.js";

const ID = "aaaaaaaaaaaaaaaaaaaaaaa1";
const TOKEN = {
  id: ID,
  name: "deploy",
  status: "active" as const,
  scope: ["devices.get"],
  creationDate: "2025-12-01T00:00:00.000Z",
};
/** A token with every field the CLI checks, each well formed: the name at its longest. */
const WHOLE = {
  ...TOKEN,
  name: "n".repeat(255),
  lastUpdated: "2025-12-02T00:00:00.000Z",
  expirationDate: "2026-12-01T00:00:00.000Z",
  description: "deploys",
  defaultRole: "view",
  orgRoles: [{ orgId: "5f1e2d3c4b5a69788796a5b4", role: "edit" }],
  ownerType: "user",
  ownerId: "5f1e2d3c4b5a69788796a5b5",
  creatorId: "5f1e2d3c4b5a69788796a5b5",
  creatorName: "Ada",
};
const page =
  (items: unknown, extra: object = {}) =>
  async () =>
    Response.json({ items, count: 1, totalCount: 1, perPage: 100, page: 0, ...extra });
const line = (stderr: string) => stderr.replace(/^losant-tokens: /gm, "").trimEnd();
const JS_INTERNAL = /is not a function|Cannot read propert|undefined|TypeError|\[object Object\]/;

describe("a malformed list", () => {
  it.each([
    ["items that are no list", { items: "nope", totalCount: 1 }, "$.items should be a list of tokens"],
    ["an object without items", { totalCount: 3 }, "$.items should be a list of tokens"],
    ["a token that is null", { items: [null] }, "$.items[0] should be a token object"],
    ["a token that is a string", { items: ["deploy"] }, "$.items[0] should be a token object"],
    ["a token that is a list", { items: [[TOKEN]] }, "$.items[0] should be a token object"],
    [
      "a scope that is a string",
      { items: [{ ...TOKEN, scope: "all.Application" }] },
      "$.items[0].scope should be a list of strings",
    ],
    [
      "an expiry that is no date",
      { items: [{ ...TOKEN, expirationDate: "not-a-date" }] },
      "$.items[0].expirationDate should be an ISO date-time",
    ],
    [
      "a status the CLI does not know",
      { items: [{ ...TOKEN, status: "suspended" }] },
      '$.items[0].status should be "active" or "inactive"',
    ],
    [
      "an id that is a number",
      { items: [{ ...TOKEN, id: 12 }] },
      "$.items[0].id should be an id of 24 hexadecimal digits",
    ],
    [
      "a name that is an object",
      { items: [{ ...TOKEN, name: { first: "x" } }] },
      "$.items[0].name should be a string of at most 255 characters",
    ],
    ["a total that is no number", { items: [TOKEN], totalCount: "many" }, "$.totalCount should be a whole number"],
    ["a total below zero", { items: [TOKEN], totalCount: -1 }, "$.totalCount should be a whole number"],
    ["a total with a fraction", { items: [TOKEN], totalCount: 1.5 }, "$.totalCount should be a whole number"],
    [
      "more tokens than the page holds",
      { items: Array.from({ length: 101 }, () => TOKEN) },
      "$.items should be at most 100 tokens, the page size asked for",
    ],
  ])(
    "with %s ends list and audit --strict in exit 1, naming the operation and the place",
    async (_what, body, place) => {
      const fetch = async () => Response.json(body);
      for (const argv of [["list"], ["list", "--json"], ["audit", "--strict"], ["audit", "--json"]]) {
        const run = await runCli(argv, undefined, { fetch });
        expect([run.code, line(run.stderr), run.stdout]).toEqual([
          1,
          `the answer to listUserTokens does not match Losant's API: ${place}`,
          "",
        ]);
        expect(run.stderr).not.toMatch(JS_INTERNAL);
      }
    },
  );

  it("names an application's list operation", async () => {
    const run = await runCli(["list", "--application", ID], undefined, { fetch: page("nope") });
    expect(line(run.stderr)).toBe(
      "the answer to listApplicationTokens does not match Losant's API: $.items should be a list of tokens",
    );
  });

  it("passes fields and values the CLI does not use: Losant adds them without notice", async () => {
    const fetch = page([{ ...TOKEN, futureField: { any: ["thing"] }, creatorType: "robot", ownerType: "galaxy" }], {
      newTopLevel: true,
    });
    const run = await runCli(["audit", "--json"], undefined, { fetch });
    expect([run.code, JSON.parse(run.stdout)]).toMatchObject([
      0,
      [{ id: ID, name: "deploy", findings: ["no-expiry"] }],
    ]);
  });
});

describe("a malformed token", () => {
  it("from get or update ends in exit 1 with the operation and the place", async () => {
    const fetch = async () => Response.json({ ...TOKEN, orgRoles: [{ orgId: 5 }] });
    const got = await runCli(["get", ID], undefined, { fetch });
    expect([got.code, line(got.stderr)]).toEqual([
      1,
      "the answer to getUserToken does not match Losant's API: $.orgRoles should be a list of { orgId, role }",
    ]);
    const updated = await runCli(["update", ID, "--name", "x"], undefined, { fetch });
    expect(line(updated.stderr)).toBe(
      "the answer to updateUserToken does not match Losant's API: $.orgRoles should be a list of { orgId, role }",
    );
  });

  it("from rotate's read of the old token changes nothing", async () => {
    const fake = cliFake({ initial: { userTokens: [TOKEN] } });
    const fetch = async (request: Request) =>
      request.method === "GET" ? Response.json({ ...TOKEN, scope: "all.Application" }) : fake.fetch(request);
    const run = await runCli(["rotate", ID], undefined, { fetch });
    expect([run.code, line(run.stderr), run.stdout]).toEqual([
      1,
      "the answer to getUserToken does not match Losant's API: $.scope should be a list of strings",
      "",
    ]);
    expect(fake.state().userTokens).toHaveLength(1);
  });
});

describe("each field the CLI relies on", () => {
  const ROLE = { orgId: "5f1e2d3c4b5a69788796a5b4", role: "view" };
  it.each<[string, keyof typeof WHOLE, unknown, string]>([
    ["a number", "id", 12, "an id of 24 hexadecimal digits"],
    ["a 25th digit before the id", "id", `0${ID}`, "an id of 24 hexadecimal digits"],
    ["a 25th digit after the id", "id", `${ID}0`, "an id of 24 hexadecimal digits"],
    ["a name of 256 characters", "name", "n".repeat(256), "a string of at most 255 characters"],
    ["a status the CLI does not know", "status", "suspended", '"active" or "inactive"'],
    ["a scope with a number among its strings", "scope", ["devices.get", 5], "a list of strings"],
    ["a creation date that is no date", "creationDate", "yesterday", "an ISO date-time"],
    ["a creation date with an expanded year", "creationDate", "+002025-12-01T00:00:00.000Z", "an ISO date-time"],
    ["a last update that is a day without a time", "lastUpdated", "2025-12-01", "an ISO date-time"],
    ["an expiry on a day that does not exist", "expirationDate", "2026-13-45T00:00:00.000Z", "an ISO date-time"],
    ["a description that is a number", "description", 5, "a string"],
    ["a default role that is a boolean", "defaultRole", false, "a string"],
    ["organisation roles that are a string", "orgRoles", "view", "a list of { orgId, role }"],
    ["an organisation role that is null", "orgRoles", [null], "a list of { orgId, role }"],
    ["an organisation role that is a list", "orgRoles", [[ROLE.orgId, ROLE.role]], "a list of { orgId, role }"],
    ["an organisation role whose orgId is a number", "orgRoles", [{ ...ROLE, orgId: 5 }], "a list of { orgId, role }"],
    ["an organisation role whose role is a number", "orgRoles", [{ ...ROLE, role: 5 }], "a list of { orgId, role }"],
    [
      "a good organisation role, then one without a role",
      "orgRoles",
      [ROLE, { orgId: ROLE.orgId }],
      "a list of { orgId, role }",
    ],
    ["an owner type that is a number", "ownerType", 5, "a string"],
    ["an owner id that is a number", "ownerId", 5, "a string"],
    ["a creator id that is a number", "creatorId", 5, "a string"],
    ["a creator name that is a number", "creatorName", 5, "a string"],
  ])("ends get in exit 1 on %s, naming the field and what it should be", async (_what, field, value, words) => {
    const run = await runCli(["get", ID], undefined, {
      fetch: async () => Response.json({ ...WHOLE, [field]: value }),
    });
    expect([run.code, line(run.stderr), run.stdout]).toEqual([
      1,
      `the answer to getUserToken does not match Losant's API: $.${field} should be ${words}`,
      "",
    ]);
  });

  it("passes a token with every field well formed, its name 255 characters long", async () => {
    const run = await runCli(["get", ID, "--json"], undefined, { fetch: async () => Response.json(WHOLE) });
    expect([run.code, JSON.parse(run.stdout), run.stderr]).toEqual([0, WHOLE, ""]);
  });
});

describe("a created token whose answer fails the check", () => {
  /** The fake's answers, with `change` made to the answer of the POST that creates a token. */
  const malformed =
    (fake: ReturnType<typeof cliFake>, change = (token: object): object => ({ ...token, expirationDate: "someday" })) =>
    async (request: Request) => {
      const answer = await fake.fetch(request);
      if (request.method !== "POST") return answer;
      return Response.json(change((await answer.json()) as object), { status: answer.status });
    };

  it("needs an id: the secret is delivered, and the command ends in exit 1 naming the id", async () => {
    const fake = cliFake();
    const withoutId = ({ id: _id, ...token }: { id?: string }) => token;
    const run = await runCli(["create", "--name", "ci", "--json"], undefined, { fetch: malformed(fake, withoutId) });
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { token: string }).token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(line(run.stderr)).toBe(
      "the answer to createUserToken does not match Losant's API: $.id should be an id of 24 hexadecimal digits",
    );
  });

  it("still has its secret delivered first, then ends in exit 1; the token is kept, as its secret is held", async () => {
    const fake = cliFake();
    const run = await runCli(["create", "--name", "ci", "--json"], undefined, { fetch: malformed(fake) });
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { token: string }).token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(line(run.stderr)).toBe(
      "the answer to createUserToken does not match Losant's API: $.expirationDate should be an ISO date-time",
    );
    expect(fake.state().userTokens).toHaveLength(1);
  });

  it("shows only its secret without --json: none of the fields of an answer that failed the check", async () => {
    const run = await runCli(["create", "--name", "ci"], undefined, { fetch: malformed(cliFake()) });
    expect([run.code, line(run.stderr)]).toEqual([
      1,
      "the answer to createUserToken does not match Losant's API: $.expirationDate should be an ISO date-time",
    ]);
    expect(run.stdout).toMatch(/^Secret \(shown once; Losant keeps no copy\):\n[\w-]+\.[\w-]+\.[\w-]+\n$/);
  });

  it("in a rotation, has its secret delivered, and leaves the old token active", async () => {
    const fake = cliFake({ initial: { userTokens: [TOKEN] } });
    const run = await runCli(["rotate", ID], undefined, { fetch: malformed(fake) });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /\nSecret \(shown once; Losant keeps no copy\):\n[\w-]+\.[\w-]+\.[\w-]+\nOld token aaaaaaaaaaaaaaaaaaaaaaa1 is still active\.\n$/,
    );
    expect(line(run.stderr)).toBe(
      `old token ${ID} is unchanged and active: the new token's answer cannot be relied on\nthe answer to createUserToken does not match Losant's API: $.expirationDate should be an ISO date-time`,
    );
    expect(fake.state().userTokens.find((token) => token.id === ID)?.status).toBe("active");
  });
});

describe("lists that would not end", () => {
  /** A server that claims a billion tokens and serves new, unique ones on every page. */
  const endless = (requests: { count: number }) => async (request: Request) => {
    const at = Number(new URL(request.url).searchParams.get("page"));
    requests.count += 1;
    const items = Array.from({ length: 100 }, (_, i) => ({
      id: (at * 100 + i).toString(16).padStart(24, "0"),
      name: `t${at * 100 + i}`,
      scope: ["devices.get"],
    }));
    return Response.json({ items, count: 100, totalCount: 1e9, perPage: 100, page: at });
  };

  it.each([["list"], ["audit"], ["audit", "--strict"]])(
    "stop %s after 10,000 tokens with an error, exit 1, never a partial result",
    async (...argv) => {
      const requests = { count: 0 };
      const run = await runCli([...argv, "--json"], undefined, { fetch: endless(requests) });
      expect([run.code, run.stdout, line(run.stderr)]).toEqual([
        1,
        "",
        "the list has more than 10000 tokens, the most this tool reads: narrow it with --filter or --status, or pass --limit",
      ]);
      expect(requests.count).toBe(101);
    },
  );

  it("end with --limit, as asked, without reading further", async () => {
    const requests = { count: 0 };
    const run = await runCli(["list", "--limit", "250", "--json"], undefined, { fetch: endless(requests) });
    expect([run.code, (JSON.parse(run.stdout) as unknown[]).length, requests.count]).toEqual([0, 250, 3]);
  });
});
