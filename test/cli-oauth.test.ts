// `oauth list | get | revoke`: the grants the user gave OAuth clients. A grant has no secret, so rotate
// and retire refuse one; revoke asks first, as delete does.
import { describe, expect, it } from "vitest";
import { APP_ID, cliFake, NOW, type RunOptions, runCli } from "./support/cli.js";

const later = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();
const GRANT = "cccccccccccccccccccccccc";
const PENDING = "cccccccccccccccccccccccd";
const grant = (id: string, name: string, client: string, authorizationStatus: "pending" | "authorized") => ({
  id,
  name,
  scope: ["only.Organization.read" as const],
  creationDate: NOW.toISOString(),
  lastUpdated: NOW.toISOString(),
  expirationDate: later(300),
  oauth: {
    client_id: "5f0c1e2d3a4b5c6d7e8f9a01",
    client_name: client,
    redirect_uri: "https://client.example.com/cb",
    resource: ["https://api.losant.com"],
    authorizationStatus,
  },
});
const fake = () =>
  cliFake({
    initial: {
      oauthTokens: [
        grant(GRANT, "Reporting", "Reporting Assistant", "authorized"),
        grant(PENDING, "Dashboard", "Dash\u001b]0;pwned\u0007", "pending"),
      ],
    },
  });
const line = (stderr: string) => stderr.replace(/^losant-tokens: /gm, "").trimEnd();

describe("oauth list", () => {
  it("shows each grant's client, status, authorization and expiry, the client's name sanitised", async () => {
    const run = await runCli(["oauth", "list"], fake());
    const rows = run.stdout.split("\n");
    expect(rows[0]).toMatch(/^ID +NAME +CLIENT +STATUS +AUTHORIZATION +EXPIRES +SCOPE$/);
    expect(rows[1]).toMatch(new RegExp(`^${PENDING} +Dashboard +Dash\\\\u001b\\]0;pwned\\\\u0007 +active +pending `));
    expect(rows[2]).toMatch(new RegExp(`^${GRANT} +Reporting +Reporting Assistant +active +authorized `));
    expect(run.stdout).not.toContain("\u001b");
  });

  it("prints the API's grants as one JSON array with --json", async () => {
    const run = await runCli(["oauth", "list", "--json"], fake());
    const grants = JSON.parse(run.stdout) as {
      id: string;
      oauth: { client_name: string; authorizationStatus: string };
    }[];
    expect(grants.map((one) => [one.id, one.oauth.authorizationStatus])).toEqual([
      [PENDING, "pending"],
      [GRANT, "authorized"],
    ]);
    expect(grants[0]!.oauth.client_name).toBe("Dash\u001b]0;pwned\u0007");
  });

  it("stops at --limit grants", async () => {
    const run = await runCli(["oauth", "list", "--limit", "1", "--json"], fake());
    expect((JSON.parse(run.stdout) as { id: string }[]).map((one) => one.id)).toEqual([PENDING]);
  });

  it("refuses --application and --instance: grants belong to the user", async () => {
    const run = await runCli(["oauth", "list", "--application", APP_ID], fake());
    expect([run.code, line(run.stderr), run.requests.length]).toEqual([
      2,
      "OAuth grants belong to you: --application and --instance do not apply to oauth commands",
      0,
    ]);
  });
});

describe("oauth get", () => {
  it("shows one grant with its client's id, redirect URI and resource", async () => {
    const run = await runCli(["oauth", "get", GRANT], fake());
    expect(run.stdout).toContain("client:         Reporting Assistant\n");
    expect(run.stdout).toContain("redirect uri:   https://client.example.com/cb\n");
    expect(run.stdout).toContain("resource:       https://api.losant.com\n");
    expect(run.stdout).toContain("authorization:  authorized\n");
    const json = JSON.parse((await runCli(["oauth", "get", GRANT, "--json"], fake())).stdout) as { id: string };
    expect(json.id).toBe(GRANT);
  });

  const OAUTH_WORDS =
    "an object whose client_id, client_name, redirect_uri and authorizationStatus are strings, and resource a list of strings";
  const answered = (body: object) => async () => Response.json(body);
  const { oauth, ...bare } = grant(GRANT, "Reporting", "Reporting Assistant", "authorized");

  it.each<[string, unknown]>([
    ["is a string", "Reporting Assistant"],
    ["has a number for client_id", { ...oauth, client_id: 5 }],
    ["has a number for client_name", { ...oauth, client_name: 5 }],
    ["has a number for redirect_uri", { ...oauth, redirect_uri: 5 }],
    ["has a number for authorizationStatus", { ...oauth, authorizationStatus: 5 }],
    ["has a string for resource", { ...oauth, resource: "https://api.losant.com" }],
    ["has a number among its resource", { ...oauth, resource: [5] }],
  ])("ends in exit 1 on a grant whose oauth %s, naming it", async (_what, value) => {
    const run = await runCli(["oauth", "get", GRANT], undefined, { fetch: answered({ ...bare, oauth: value }) });
    expect([run.code, line(run.stderr), run.stdout]).toEqual([
      1,
      `the answer to getOauthToken does not match Losant's API: $.oauth should be ${OAUTH_WORDS}`,
      "",
    ]);
  });

  it("shows a grant without oauth, or with only some of its fields", async () => {
    for (const body of [bare, { ...bare, oauth: {} }, { ...bare, oauth: { client_id: oauth.client_id } }]) {
      const run = await runCli(["oauth", "get", GRANT, "--json"], undefined, { fetch: answered(body) });
      expect([run.code, JSON.parse(run.stdout), run.stderr]).toEqual([0, body, ""]);
    }
  });
});

describe("oauth revoke", () => {
  it("deletes the grant with --yes, and says so as { id, deleted } with --json", async () => {
    const world = fake();
    const run = await runCli(["oauth", "revoke", GRANT, "--yes", "--json"], world);
    expect([run.code, JSON.parse(run.stdout)]).toEqual([0, { id: GRANT, deleted: true }]);
    expect(world.state().oauthTokens.map((one) => one.id)).toEqual([PENDING]);
  });

  it("asks first on a terminal, naming the grant and its client sanitised, and keeps it unless the answer is yes", async () => {
    const world = fake();
    const questions: string[] = [];
    const no = await runCli(["oauth", "revoke", PENDING], world, {
      prompt: async (question) => (questions.push(question), "n"),
    });
    expect([no.code, line(no.stderr)]).toEqual([1, "not revoked"]);
    expect(questions[0]).toBe(
      `Revoke OAuth grant ${PENDING} "Dashboard" of client "Dash\\u001b]0;pwned\\u0007"? The client loses its access; this cannot be undone. [y/N] `,
    );
    expect(world.state().oauthTokens).toHaveLength(2);
    const yes = await runCli(["oauth", "revoke", PENDING], world, { prompt: async () => "yes" });
    expect([yes.code, yes.stdout]).toEqual([0, `Revoked OAuth grant ${PENDING}.\n`]);
    expect(world.state().oauthTokens).toHaveLength(1);
  });

  it("refuses without --yes when there is nobody to ask (exit 2, before any request)", async () => {
    const run = await runCli(["oauth", "revoke", GRANT], fake());
    expect([run.code, line(run.stderr), run.requests.length]).toEqual([
      2,
      "revoke asks first, and stdin and stderr are not both terminals: pass --yes to revoke without asking",
      0,
    ]);
  });
});

describe("a grant has no secret", () => {
  it.each(["rotate", "retire"])("oauth %s is a usage error that says so, before any request", async (verb) => {
    const run = await runCli(["oauth", verb, GRANT], fake());
    expect([run.code, run.requests.length]).toEqual([2, 0]);
    expect(line(run.stderr)).toBe(
      `an OAuth grant has no secret, so there is nothing to ${verb}: revoke it with losant-tokens oauth revoke <id>, and authorize the client again`,
    );
  });

  it.each(["rotate", "retire"])(
    "%s <grant id> is a usage error that names the grant, and changes nothing",
    async (verb) => {
      const world = fake();
      const run = await runCli([verb, GRANT], world);
      expect([run.code, line(run.stderr)]).toEqual([
        2,
        `${GRANT} is an OAuth grant, and a grant has no secret, so there is nothing to ${verb}: revoke it with losant-tokens oauth revoke ${GRANT}`,
      ]);
      expect(run.requests.every((request) => request.method === "GET")).toBe(true);
      expect(world.state().userTokens).toEqual([]);
    },
  );

  it("a 404 that is no grant either stays the API's 404 (exit 1)", async () => {
    const run = await runCli(["rotate", "dddddddddddddddddddddddd"], fake());
    expect([run.code, line(run.stderr)]).toEqual([
      1,
      "Losant API 404 NotFound: API Token was not found (GET /me/tokens/dddddddddddddddddddddddd)",
    ]);
  });
});

describe("the oauth group", () => {
  it("needs a subcommand, and suggests the nearest for a typo (exit 2)", async () => {
    expect(line((await runCli(["oauth"], fake())).stderr)).toBe(
      "oauth needs a subcommand: list, get, revoke (see losant-tokens oauth --help)",
    );
    expect(line((await runCli(["oauth", "lst"], fake())).stderr)).toBe(
      'unknown subcommand "lst" for oauth: did you mean oauth list or oauth get? (see losant-tokens oauth --help)',
    );
  });

  it("has help for the group and for each subcommand, with examples", async () => {
    const group = await runCli(["oauth", "--help"], fake());
    expect(group.stdout).toMatch(/^losant-tokens oauth: List, show and revoke the OAuth grants/);
    expect(group.stdout).toContain("Subcommands:\n  list ");
    for (const sub of ["list", "get", "revoke"]) {
      const help = await runCli(["oauth", sub, "--help"], fake());
      expect(help.stdout).toMatch(new RegExp(`^losant-tokens oauth ${sub}: `));
      expect(help.stdout).toContain(`\nExamples:\n  losant-tokens oauth ${sub}`);
    }
  });
});

// The exact output: colour codes (FORCE_COLOR, as on a terminal), the empty state, the cut to a narrow
// terminal, the progress line, and what is shown for the fields a grant lacks.
const paint = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const [bold, green, yellow] = [paint(1), paint(32), paint(33)];
/** The API's answer to every list request: `pages[n]` on page n (none past the last), with `totalCount` when given. */
const pagesOf =
  (pages: object[][], totalCount?: number) =>
  async (request: Request): Promise<Response> => {
    const items = pages[Number(new URL(request.url).searchParams.get("page"))] ?? [];
    return Response.json({ items, count: items.length, ...(totalCount === undefined ? {} : { totalCount }) });
  };
const hex = (n: number) => n.toString(16).padStart(24, "0");
const FULL = { ...grant(GRANT, "Reporting", "Reporting Assistant", "authorized"), status: "active" };
/** Inactive and pending, its client known only by id. */
const INACTIVE = {
  ...grant(PENDING, "Dashboard", "unused", "pending"),
  status: "inactive",
  oauth: { client_id: "5f0c1e2d3a4b5c6d7e8f9a02", authorizationStatus: "pending" as const },
};

describe("oauth list's table", () => {
  it("colours status and authorization (inactive and pending yellow), and shows what a grant lacks as ? or blank", async () => {
    const run = await runCli(["oauth", "list"], undefined, {
      fetch: pagesOf([[FULL, INACTIVE, {}]]),
      env: { FORCE_COLOR: "1" },
    });
    expect(run.stdout.split("\n")).toEqual([
      [
        bold("ID                      "),
        bold("NAME     "),
        bold("CLIENT                  "),
        bold("STATUS  "),
        bold("AUTHORIZATION"),
        bold("EXPIRES          "),
        bold("SCOPE"),
      ].join("  "),
      `${GRANT}  Reporting  Reporting Assistant       ${green("active  ")}  ${green("authorized   ")}  2026-11-11 09:30Z  only.Organization.read`,
      `${PENDING}  Dashboard  5f0c1e2d3a4b5c6d7e8f9a02  ${yellow("inactive")}  ${yellow("pending      ")}  2026-11-11 09:30Z  only.Organization.read`,
      `?                                    ?                         ${green("?       ")}  ${green("?            ")}  never              -`,
      "",
    ]);
  });

  it("keeps ids, statuses, authorizations and expiries whole on a narrow terminal, and cuts the rest", async () => {
    const run = await runCli(["oauth", "list"], fake(), { tty: true, columns: 90, env: { NO_COLOR: "1" } });
    expect(run.stdout.split("\n")).toEqual([
      "ID                        NAME      CLIENT    STATUS  AUTHORIZATION  EXPIRES            SCOPE",
      `${PENDING}  Dashboa…  Dash\\u0…  active  pending        2026-11-11 09:30Z  only.Or…`,
      `${GRANT}  Reporti…  Reporti…  active  authorized     2026-11-11 09:30Z  only.Or…`,
      "",
    ]);
  });

  it.each([
    ["in a pipe", {}],
    ["on a terminal", { tty: true }],
  ])("says there are no grants %s, and reads nothing more", async (_where, options) => {
    const run = await runCli(["oauth", "list"], cliFake(), options);
    expect([run.code, run.stdout, run.stderr, run.requests.length]).toEqual([0, "No OAuth grants.\n", "", 1]);
  });

  it("names OAuth grants when a page holds no list of them (exit 1)", async () => {
    const run = await runCli(["oauth", "list"], undefined, { fetch: async () => Response.json({ items: "none" }) });
    expect([run.code, line(run.stderr), run.stdout]).toEqual([
      1,
      "the answer to listOauthTokens does not match Losant's API: $.items should be a list of OAuth grants",
      "",
    ]);
  });
});

describe("oauth list's progress on a terminal's stderr", () => {
  const grants = (count: number) =>
    Array.from({ length: count }, (_, n) => grant(hex(n), `grant ${n}`, "Client", "authorized"));
  const seeded = (count: number) => cliFake({ initial: { oauthTokens: grants(count) } });
  const shown = (...lines: string[]) => lines.map((text) => `\rreading tokens… ${text}\u001b[K`).join("");

  it.each<[string, Parameters<typeof runCli>[1], RunOptions["fetch"], string]>([
    ["100 grants of 100: none", seeded(100), undefined, ""],
    [
      "101 grants of 101: n of 101 after each page, then cleared",
      seeded(101),
      undefined,
      `${shown("100 of 101", "101 of 101")}\r\u001b[K`,
    ],
    ["99 grants, no total: none", undefined, pagesOf([grants(99)]), ""],
    [
      "100 grants, no total: n alone after each page, then cleared",
      undefined,
      pagesOf([grants(100)]),
      `${shown("100", "100")}\r\u001b[K`,
    ],
  ])("%s", async (_case, world, fetch, stderr) => {
    const run = await runCli(["oauth", "list", "--json"], world, { tty: true, ...(fetch ? { fetch } : {}) });
    expect([run.code, run.stderr]).toEqual([0, stderr]);
  });

  it("is not shown in a pipe", async () => {
    expect((await runCli(["oauth", "list"], seeded(101))).stderr).toBe("");
  });
});

describe("oauth get's fields", () => {
  it.each([
    [
      FULL,
      green("active"),
      "Reporting Assistant",
      "https://client.example.com/cb",
      "https://api.losant.com",
      green("authorized"),
    ],
    [INACTIVE, yellow("inactive"), "-", "-", "-", yellow("pending")],
  ])(
    "shows every field, status and authorization coloured (%#)",
    async (body, status, client, uri, resource, authorization) => {
      const run = await runCli(["oauth", "get", body.id], undefined, {
        fetch: async () => Response.json(body),
        env: { FORCE_COLOR: "1" },
      });
      expect(run.stdout.split("\n")).toEqual([
        `id:             ${body.id}`,
        `name:           ${body.name}`,
        `status:         ${status}`,
        `client:         ${client}`,
        `client id:      ${body.oauth.client_id}`,
        `redirect uri:   ${uri}`,
        `resource:       ${resource}`,
        `authorization:  ${authorization}`,
        "scope:          only.Organization.read",
        "created:        2026-01-15 09:30Z",
        "updated:        2026-01-15 09:30Z",
        "expires:        2026-11-11 09:30Z",
        "",
      ]);
    },
  );

  it("shows what a grant lacks as ?, blank or -", async () => {
    const run = await runCli(["oauth", "get", GRANT], undefined, { fetch: async () => Response.json({}) });
    expect(run.stdout).toBe(
      [
        "id:             ?",
        "name:           ",
        "status:         ?",
        "client:         -",
        "client id:      -",
        "redirect uri:   -",
        "resource:       -",
        "authorization:  ?",
        "scope:          -",
        "created:        never",
        "updated:        never",
        "expires:        never\n",
      ].join("\n"),
    );
  });

  it("shows the first scopes, or every scope with --wide", async () => {
    const scope = [
      "only.Organization.read",
      "all.Application.read",
      "only.User.read",
      "all.Organization.read",
      "only.Organization.bounded",
    ] as const;
    const world = cliFake({
      initial: {
        oauthTokens: [{ ...grant(GRANT, "Reporting", "Reporting Assistant", "authorized"), scope: [...scope] }],
      },
    });
    const scopes = async (...flags: string[]) =>
      (await runCli(["oauth", "get", GRANT, ...flags], world)).stdout.match(/^scope: +(.*)$/m)?.[1];
    expect([await scopes(), await scopes("--wide")]).toEqual([
      "only.Organization.read,all.Application.read,only.User.read,+2 more",
      scope.join(","),
    ]);
  });
});

describe("oauth usage errors", () => {
  it.each([
    [["oauth", "get"], "oauth get needs <id>: losant-tokens oauth get <id>"],
    [["oauth", "get", "nope"], '<id> "nope" is not an id: Losant ids are 24 hexadecimal digits'],
    [["oauth", "get", GRANT, "--yes"], "unknown option --yes for oauth get: see losant-tokens oauth get --help"],
    [["oauth", "revoke"], "oauth revoke needs <id>: losant-tokens oauth revoke <id>"],
    [["oauth", "revoke", "nope", "--yes"], '<id> "nope" is not an id: Losant ids are 24 hexadecimal digits'],
    [
      ["oauth", "revoke", GRANT, "--wide"],
      "unknown option --wide for oauth revoke: see losant-tokens oauth revoke --help",
    ],
    [["oauth", "rotate"], "oauth rotate needs <id>: losant-tokens oauth rotate <id>"],
    [["oauth", "retire"], "oauth retire needs <id>: losant-tokens oauth retire <id>"],
  ])("%j: %s (exit 2, before any request)", async (argv, message) => {
    const run = await runCli(argv, fake());
    expect([run.code, line(run.stderr), run.requests.length]).toEqual([2, message, 0]);
  });

  it.each(["rotate", "retire"])("oauth %s refuses without a token too: it needs none to say why", async (verb) => {
    const run = await runCli(["oauth", verb, GRANT], fake(), { env: { LOSANT_TOKEN: undefined } });
    expect([run.code, line(run.stderr)]).toEqual([
      2,
      `an OAuth grant has no secret, so there is nothing to ${verb}: revoke it with losant-tokens oauth revoke <id>, and authorize the client again`,
    ]);
  });
});

describe("oauth revoke's question", () => {
  it("names no client when the grant has none", async () => {
    const { oauth: _, ...clientless } = grant(GRANT, "Reporting", "unused", "authorized");
    const questions: string[] = [];
    const run = await runCli(["oauth", "revoke", GRANT], cliFake({ initial: { oauthTokens: [clientless] } }), {
      prompt: async (question) => (questions.push(question), "n"),
    });
    expect([run.code, questions]).toEqual([
      1,
      [`Revoke OAuth grant ${GRANT} "Reporting"? The client loses its access; this cannot be undone. [y/N] `],
    ]);
  });

  it.each([
    ["y", true],
    ["Y", true],
    ["yes", true],
    ["YeS", true],
    [" yes ", true],
    ["\ty\t", true],
    ["", false],
    ["n", false],
    ["no", false],
    ["ye", false],
    ["yep", false],
    ["yesyes", false],
    ["nay", false],
    ["oh yes", false],
    ["y!", false],
    ["!y", false],
  ])("takes %j as %s", async (answer, revoked) => {
    const world = fake();
    const run = await runCli(["oauth", "revoke", GRANT], world, { prompt: async () => answer });
    expect([run.code, line(run.stderr), world.state().oauthTokens.length]).toEqual(
      revoked ? [0, "", 1] : [1, "not revoked", 2],
    );
  });

  it("is not asked when stdin carries the token: --yes is needed (exit 2)", async () => {
    const run = await runCli(["oauth", "revoke", GRANT, "--token-file", "-"], fake(), {
      env: { LOSANT_TOKEN: undefined },
      stdin: (async function* () {
        yield "cli-test-token.abc123\n";
      })(),
      prompt: async () => "y",
    });
    expect([run.code, line(run.stderr), run.requests.length]).toEqual([
      2,
      "revoke asks first, and stdin carries the token (--token-file -): pass --yes to revoke without asking",
      0,
    ]);
  });
});

describe("rotate or retire of a grant's id, when the API's answer is not a 404 of the user's own token", () => {
  it.each(["rotate", "retire"])("leaves another error as it was with %s, grant or not (exit 1)", async (verb) => {
    const world = fake();
    const run = await runCli([verb, GRANT], undefined, {
      fetch: async (request) =>
        new URL(request.url).pathname.startsWith("/me/tokens/")
          ? Response.json({ type: "Forbidden", message: "No access" }, { status: 403 })
          : world.fetch(request),
    });
    expect([run.code, line(run.stderr)]).toEqual([1, `Losant API 403 Forbidden: No access (GET /me/tokens/${GRANT})`]);
  });

  it.each(["rotate", "retire"])("leaves another owner's 404 as it was with %s (exit 1)", async (verb) => {
    const run = await runCli([verb, GRANT, "--application", APP_ID], fake());
    expect([run.code, line(run.stderr)]).toEqual([
      1,
      `Losant API 404 NotFound: API Token was not found (GET /applications/${APP_ID}/tokens/${GRANT})`,
    ]);
  });
});
