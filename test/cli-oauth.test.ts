// `oauth list | get | revoke`: the grants the user gave OAuth clients. A grant has no secret, so rotate
// and retire refuse one; revoke asks first, as delete does.
import { describe, expect, it } from "vitest";
import { APP_ID, cliFake, NOW, runCli } from "./support/cli.js";

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
