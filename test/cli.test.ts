import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bundleForBrowser } from "../scripts/browser-bundle.mjs";
import type { ApiTokenSeed } from "../src/fake/index.js";
import { APP_ID, cliFake, runCli } from "./support/cli.js";
import { repoPath } from "./support/spec.js";

const ID = {
  expired: "aaaaaaaaaaaaaaaaaaaaaaa1",
  expiring: "aaaaaaaaaaaaaaaaaaaaaaa2",
  forever: "aaaaaaaaaaaaaaaaaaaaaaa3",
  fine: "aaaaaaaaaaaaaaaaaaaaaaa4",
};
/** Four tokens, one per audit case: expired yet active, expiring in 17 days with an all.* scope, never expiring and inactive, and fine. */
const SEEDS: ApiTokenSeed[] = [
  {
    id: ID.expired,
    name: "old-ci",
    status: "active",
    scope: ["devices.get"],
    creationDate: "2025-01-01T00:00:00.000Z",
    expirationDate: "2026-01-01T00:00:00.000Z",
  },
  {
    id: ID.expiring,
    name: "deploy",
    description: "GitHub Actions deploy",
    status: "active",
    scope: ["all.Application", "devices.get"],
    defaultRole: "edit",
    orgRoles: [{ orgId: "sandbox", role: "view" }],
    creationDate: "2025-08-05T09:30:00.000Z",
    expirationDate: "2026-02-01T09:30:00.000Z",
  },
  {
    id: ID.forever,
    name: "dashboard",
    status: "inactive",
    scope: ["data.*"],
    creationDate: "2025-06-01T00:00:00.000Z",
  },
  {
    id: ID.fine,
    name: "reader",
    status: "active",
    scope: ["devices.get"],
    creationDate: "2025-12-01T00:00:00.000Z",
    expirationDate: "2026-12-01T00:00:00.000Z",
  },
];
const seeded = () =>
  cliFake({
    initial: {
      userTokens: SEEDS,
      applicationTokens: {
        [APP_ID]: [{ id: "bbbbbbbbbbbbbbbbbbbbbbb1", name: "app-token", scope: ["all.Application"] }],
      },
    },
  });
const many = (count: number) =>
  cliFake({
    initial: {
      userTokens: Array.from({ length: count }, (_, i) => ({
        name: `token-${String(i).padStart(3, "0")}`,
        scope: ["devices.get"],
      })),
    },
  });
const parse = (text: string) => JSON.parse(text) as Record<string, unknown> & Record<string, never>;
const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "losant-cli-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("losant-tokens list", () => {
  it("prints every token of every page as the API names them with --json, through listAll", async () => {
    const run = await runCli(["list", "--json"], many(250));
    expect(run.code).toBe(0);
    const tokens = JSON.parse(run.stdout) as { name: string; id: string; scope: string[] }[];
    expect(tokens).toHaveLength(250);
    expect(tokens[0]).toMatchObject({ name: "token-000", scope: ["devices.get"], ownerType: "user", status: "active" });
    expect(run.requests.map((request) => query(request)["page"])).toEqual(["0", "1", "2"]);
    expect(run.stderr).toBe("");
  });

  it("sends the name glob, the sort field and the direction, and keeps only the status asked for", async () => {
    const run = await runCli(
      ["list", "--filter", "*d*", "--status", "active", "--sort", "expirationDate", "--desc", "--json"],
      seeded(),
    );
    expect(run.code).toBe(0);
    expect(query(run.requests[0]!)).toMatchObject({
      filterField: "name",
      filter: "*d*",
      sortField: "expirationDate",
      sortDirection: "desc",
    });
    expect((JSON.parse(run.stdout) as { name: string }[]).map((token) => token.name)).toEqual([
      "reader",
      "deploy",
      "old-ci",
    ]);
  });

  it("filters by status on the API when no name glob is given", async () => {
    const run = await runCli(["list", "--status", "inactive", "--json"], seeded());
    expect(query(run.requests[0]!)).toMatchObject({ filterField: "status", filter: "inactive" });
    expect((JSON.parse(run.stdout) as { name: string }[]).map((token) => token.name)).toEqual(["dashboard"]);
  });

  it("prints an aligned plain table when stdout is not a terminal", async () => {
    const run = await runCli(["list"], seeded());
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID {24}NAME {7}STATUS {4}EXPIRES {12}SCOPE$/);
    expect(lines).toHaveLength(5);
    expect(lines.find((line) => line.includes("deploy"))).toBe(
      `${ID.expiring}  deploy     active    2026-02-01 09:30Z  all.Application,devices.get`,
    );
    expect(run.stdout).not.toContain("\x1b");
  });

  it("colours a terminal's table, and NO_COLOR turns the colour off", async () => {
    expect((await runCli(["list"], seeded(), { tty: true })).stdout).toContain("\x1b[32mactive");
    expect((await runCli(["list"], seeded(), { tty: true, env: { NO_COLOR: "1" } })).stdout).not.toContain("\x1b");
  });

  it("shows progress on a terminal's stderr while the list spans pages, and none in a pipe", async () => {
    const onTerminal = await runCli(["list"], many(250), { tty: true });
    expect(onTerminal.stderr).toContain("reading tokens… 100");
    expect(onTerminal.stderr).toContain("reading tokens… 200");
    expect((await runCli(["list"], many(250))).stderr).toBe("");
  });

  it("lists an application's tokens with --application", async () => {
    const run = await runCli(["list", "--application", APP_ID, "--json"], seeded());
    expect(new URL(run.requests[0]!.url).pathname).toBe(`/applications/${APP_ID}/tokens`);
    expect((JSON.parse(run.stdout) as { name: string }[]).map((token) => token.name)).toEqual(["app-token"]);
  });

  it("says so when there is no token", async () => {
    expect((await runCli(["list"], cliFake())).stdout).toBe("No tokens.\n");
    expect((await runCli(["list", "--json"], cliFake())).stdout).toBe("[]\n");
  });
});

describe("losant-tokens get", () => {
  it("prints the token object with --json, exactly as the API answers", async () => {
    const fake = seeded();
    const run = await runCli(["get", ID.expiring, "--json"], fake);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(fake.state().userTokens.find((token) => token.id === ID.expiring));
  });

  it("prints one field per line for a person", async () => {
    const run = await runCli(["get", ID.expiring], seeded());
    expect(run.stdout).toContain("name:          deploy\n");
    expect(run.stdout).toContain("scope:         all.Application,devices.get\n");
    expect(run.stdout).toContain("org roles:     sandbox:view\n");
    expect(run.stdout).toContain("expires:       2026-02-01 09:30Z\n");
  });

  it("reports a missing token as one line with its status, type and message, and exits 1", async () => {
    const run = await runCli(["get", "cccccccccccccccccccccccc"], seeded());
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "losant-tokens: Losant API 404 NotFound: API Token was not found (GET /me/tokens/cccccccccccccccccccccccc)\n",
    );
    expect(run.stdout).toBe("");
  });

  it("reports a refused token as 401 Unauthorized", async () => {
    const run = await runCli(["get", ID.fine], cliFake({ acceptTokens: ["another-token"] }));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^losant-tokens: Losant API 401 Unauthorized: .+\n$/);
  });
});

describe("losant-tokens create", () => {
  it("creates the token asked for and prints it with its secret as JSON", async () => {
    const fake = cliFake();
    const argv = [
      "create",
      "--name",
      "ci",
      "--scope",
      "all.Application",
      "--scope",
      "devices.get",
      "--scope",
      "devices.get",
      "--description",
      "CI",
      "--role",
      "view",
      "--expires-in",
      "30d",
      "--json",
    ];
    const run = await runCli(argv, fake);
    expect(run.code).toBe(0);
    expect(await run.requests[0]!.json()).toEqual({
      name: "ci",
      scope: ["all.Application", "devices.get"],
      description: "CI",
      defaultRole: "view",
      expirationDate: "2026-02-14T09:30:00.000Z",
    });
    const created = parse(run.stdout);
    expect(created).toMatchObject({ name: "ci", status: "active", expirationDate: "2026-02-14T09:30:00.000Z" });
    expect(created["token"]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(fake.state().userTokens).toHaveLength(1);
  });

  it.each([
    ["12h", "2026-01-15T21:30:00.000Z"],
    ["90m", "2026-01-15T11:00:00.000Z"],
  ])("reads --expires-in %s as from now", async (duration, expected) => {
    const run = await runCli(["create", "--name", "x", "--expires-in", duration, "--json"], cliFake());
    expect(parse(run.stdout)["expirationDate"]).toBe(expected);
  });

  it.each([
    ["2027-01-31", "2027-01-31T00:00:00.000Z"],
    ["2027-01-31T12:00:00+02:00", "2027-01-31T10:00:00.000Z"],
  ])("reads --expires-at %s as an ISO date", async (date, expected) => {
    const run = await runCli(["create", "--name", "x", "--expires-at", date, "--json"], cliFake());
    expect(parse(run.stdout)["expirationDate"]).toBe(expected);
  });

  it("prints the fields and then the secret for a person", async () => {
    const run = await runCli(["create", "--name", "ci"], cliFake());
    expect(run.stdout).toMatch(/^id: +[a-f\d]{24}\nname: +ci\n/);
    expect(run.stdout).toMatch(/Secret \(shown once; Losant keeps no copy\):\n[\w-]+\.[\w-]+\.[\w-]+\n$/);
  });

  it("writes the secret into a new file of mode 0600 with --secret-file, and only there", async () => {
    const file = path.join(dir, "ci.token");
    const run = await runCli(["create", "--name", "ci", "--secret-file", file, "--json"], cliFake());
    expect(run.code).toBe(0);
    const secret = (await readFile(file, "utf8")).trim();
    expect(secret).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(parse(run.stdout)).not.toHaveProperty("token");
    expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it("removes the secret file it made when the creation fails", async () => {
    const file = path.join(dir, "ci.token");
    const run = await runCli(
      ["create", "--name", "ci", "--secret-file", file],
      cliFake({ acceptTokens: ["another-token"] }),
    );
    expect(run.code).toBe(1);
    await expect(stat(file)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("creates an application's token with --application", async () => {
    const fake = cliFake();
    const run = await runCli(["create", "--application", APP_ID, "--name", "edge", "--json"], fake);
    expect(run.code).toBe(0);
    expect(fake.state().applicationTokens[APP_ID]?.map((token) => token.name)).toEqual(["edge"]);
  });
});

describe("losant-tokens update", () => {
  it("sends the fields given and prints the updated token", async () => {
    const fake = seeded();
    const run = await runCli(
      [
        "update",
        ID.fine,
        "--name",
        "reader-2",
        "--description",
        "read only",
        "--status",
        "inactive",
        "--role",
        "none",
        "--json",
      ],
      fake,
    );
    expect(run.code).toBe(0);
    expect(await run.requests[0]!.json()).toEqual({
      name: "reader-2",
      description: "read only",
      status: "inactive",
      defaultRole: "none",
    });
    expect(parse(run.stdout)).toMatchObject({ id: ID.fine, name: "reader-2", status: "inactive", defaultRole: "none" });
    expect(fake.state().userTokens.find((token) => token.id === ID.fine)?.status).toBe("inactive");
  });
});

describe("losant-tokens delete", () => {
  it("deletes with --yes, asking nothing", async () => {
    const fake = seeded();
    const run = await runCli(["delete", ID.fine, "--yes"], fake);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Deleted token ${ID.fine}.\n`);
    expect(fake.state().userTokens.map((token) => token.id)).not.toContain(ID.fine);
  });

  it("asks on a terminal, naming the token, and deletes on yes", async () => {
    const fake = seeded();
    const questions: string[] = [];
    const run = await runCli(["delete", ID.fine], fake, {
      tty: true,
      prompt: async (question) => (questions.push(question), "y"),
    });
    expect(run.code).toBe(0);
    expect(questions).toEqual([`Delete token ${ID.fine} "reader" (active)? This cannot be undone. [y/N] `]);
    expect(fake.state().userTokens.map((token) => token.id)).not.toContain(ID.fine);
  });

  it("keeps the token when the answer is not yes, and exits 1", async () => {
    const fake = seeded();
    const run = await runCli(["delete", ID.fine], fake, { tty: true, prompt: async () => "" });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("losant-tokens: not deleted\n");
    expect(fake.state().userTokens.map((token) => token.id)).toContain(ID.fine);
    expect(run.requests.map((request) => request.method)).toEqual(["GET"]);
  });

  it("names the deleted token's id with --json", async () => {
    expect(parse((await runCli(["delete", ID.fine, "--yes", "--json"], seeded())).stdout)).toEqual({
      id: ID.fine,
      deleted: true,
    });
  });

  it.each([
    ["y", true],
    ["YES", true],
    ["  yes\t", true],
    ["Yes \n", true],
    ["n", false],
    ["no, y", false],
    ["yes please", false],
    ["ay", false],
    ["y-", false],
    ["yess", false],
  ])("takes the answer %j as %s", async (answer, deletes) => {
    const fake = seeded();
    const run = await runCli(["delete", ID.fine], fake, { tty: true, prompt: async () => answer });
    expect([run.code, fake.state().userTokens.some((token) => token.id === ID.fine)]).toEqual(
      deletes ? [0, false] : [1, true],
    );
  });
});

describe("losant-tokens rotate", () => {
  it("creates a copy with the old lifetime again from now, sets the old inactive, and prints both with --json", async () => {
    const fake = seeded();
    const run = await runCli(["rotate", ID.expiring, "--json"], fake);
    expect(run.code).toBe(0);
    const { created, old } = JSON.parse(run.stdout) as {
      created: Record<string, unknown>;
      old: Record<string, unknown>;
    };
    // 180 days, from 2025-08-05 to 2026-02-01, again from 2026-01-15.
    expect(created).toMatchObject({
      name: "deploy",
      description: "GitHub Actions deploy",
      scope: ["all.Application", "devices.get"],
      defaultRole: "edit",
      orgRoles: [{ orgId: "sandbox", role: "view" }],
      status: "active",
      expirationDate: "2026-07-14T09:30:00.000Z",
    });
    expect(created["token"]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(old).toMatchObject({ id: ID.expiring, status: "inactive" });
    expect(fake.state().userTokens.find((token) => token.id === ID.expiring)?.status).toBe("inactive");
    expect(run.requests.map((request) => request.method)).toEqual(["GET", "POST", "PATCH"]);
  });

  it("keeps a token without expiry without expiry", async () => {
    const run = await runCli(["rotate", ID.forever, "--json"], seeded());
    const { created } = JSON.parse(run.stdout) as { created: Record<string, unknown> };
    expect(created).not.toHaveProperty("expirationDate");
    expect(created).toMatchObject({ name: "dashboard", scope: ["data.*"] });
  });

  it("gives the expiry asked for with --expires-in, and deletes the old token with --delete-old", async () => {
    const fake = seeded();
    const run = await runCli(["rotate", ID.fine, "--expires-in", "7d", "--delete-old"], fake);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^Created token [a-f\\d]{24} "reader" \\(active, expires 2026-01-22 09:30Z\\)\\.\\nSecret .*\\n.*\\nOld token ${ID.fine} is deleted\\.\\n$`,
      ),
    );
    expect(fake.state().userTokens.map((token) => token.id)).not.toContain(ID.fine);
    expect(run.requests.map((request) => request.method)).toEqual(["GET", "POST", "DELETE"]);
  });

  it("rotates an application's token with --application", async () => {
    const fake = seeded();
    const run = await runCli(["rotate", "bbbbbbbbbbbbbbbbbbbbbbb1", "--application", APP_ID, "--json"], fake);
    expect(run.code).toBe(0);
    expect(fake.state().applicationTokens[APP_ID]?.map((token) => [token.name, token.status])).toEqual([
      ["app-token", "inactive"],
      ["app-token", "active"],
    ]);
  });

  it("writes the new secret to --secret-file and not to stdout", async () => {
    const file = path.join(dir, "new.token");
    const run = await runCli(["rotate", ID.fine, "--secret-file", file], seeded());
    const secret = (await readFile(file, "utf8")).trim();
    expect(secret).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(run.stdout).toContain(`Secret written to ${file} (mode 0600).`);
    expect(run.stdout + run.stderr).not.toContain(secret);
  });
});

describe("losant-tokens audit", () => {
  it("names each token's findings as JSON", async () => {
    const run = await runCli(["audit", "--json"], seeded());
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as { id: string; name: string; findings: string[] }[];
    expect(results.map(({ id, name, findings }) => ({ id, name, findings }))).toEqual([
      { id: ID.forever, name: "dashboard", findings: ["no-expiry", "inactive"] },
      { id: ID.expiring, name: "deploy", findings: ["expiring", "broad-scope"] },
      { id: ID.expired, name: "old-ci", findings: ["expired"] },
      { id: ID.fine, name: "reader", findings: [] },
    ]);
  });

  it("takes the expiring window from --within", async () => {
    const run = await runCli(["audit", "--within", "365d", "--json"], seeded());
    expect((JSON.parse(run.stdout) as { findings: string[] }[])[3]?.findings).toEqual(["expiring"]);
    const short = await runCli(["audit", "--within", "7d", "--json"], seeded());
    expect((JSON.parse(short.stdout) as { findings: string[] }[])[1]?.findings).toEqual(["broad-scope"]);
  });

  it("exits 1 under --strict when a token has a finding, and 0 when none has", async () => {
    expect((await runCli(["audit", "--strict"], seeded())).code).toBe(1);
    const clean = cliFake({ initial: { userTokens: [SEEDS[3]!] } });
    expect((await runCli(["audit", "--strict"], clean)).code).toBe(0);
    expect((await runCli(["audit"], seeded())).code).toBe(0);
  });

  it("prints a table of findings for a person", async () => {
    const run = await runCli(["audit"], seeded());
    expect(run.stdout.split("\n")[0]).toMatch(/^ID +NAME +STATUS +EXPIRES +FINDINGS$/);
    expect(run.stdout).toContain("no-expiry,inactive");
    expect(run.stderr).toBe("3 of 4 tokens have findings.\n");
  });
});

describe("one token, as a person reads it", () => {
  it("labels and aligns every field, joins scopes and org roles, and marks what is missing with -", async () => {
    const full: ApiTokenSeed = {
      id: "cccccccccccccccccccccccc",
      name: "full",
      description: "every field",
      status: "inactive",
      scope: ["all.Application", "devices.get"],
      defaultRole: "edit",
      orgRoles: [
        { orgId: "sandbox", role: "view" },
        { orgId: "575ec8687ae143cd83dc4a97", role: "none" },
      ],
      creationDate: "2025-08-05T09:30:00.000Z",
      lastUpdated: "2025-09-01T10:45:00.000Z",
      expirationDate: "2026-02-01T09:30:00.000Z",
    };
    const bare: ApiTokenSeed = {
      id: "dddddddddddddddddddddddd",
      name: "bare",
      creationDate: "2025-08-05T09:30:00.000Z",
    };
    const fake = cliFake({ initial: { userTokens: [full, bare] } });
    expect((await runCli(["get", "cccccccccccccccccccccccc"], fake)).stdout).toBe(
      [
        "id:            cccccccccccccccccccccccc",
        "name:          full",
        "status:        inactive",
        "description:   every field",
        "scope:         all.Application,devices.get",
        "default role:  edit",
        "org roles:     sandbox:view,575ec8687ae143cd83dc4a97:none",
        "created:       2025-08-05 09:30Z",
        "updated:       2025-09-01 10:45Z",
        "expires:       2026-02-01 09:30Z",
        "owner:         user 575ed70c7ae143cd83dc4aa9",
        "creator:       Example User",
        "",
      ].join("\n"),
    );
    const lines = (await runCli(["get", "dddddddddddddddddddddddd"], fake)).stdout.split("\n");
    expect(lines.filter((line) => /^(description|scope|default role|org roles|expires):/.test(line))).toEqual([
      "description:   -",
      "scope:         -",
      "default role:  -",
      "org roles:     -",
      "expires:       never",
    ]);
    // On a terminal, an inactive token's status is yellow, an active one's green.
    expect((await runCli(["get", "cccccccccccccccccccccccc"], fake, { tty: true })).stdout).toContain(
      "status:        \x1b[33minactive\x1b[0m",
    );
    expect((await runCli(["get", "dddddddddddddddddddddddd"], fake, { tty: true })).stdout).toContain(
      "status:        \x1b[32mactive\x1b[0m",
    );
  });
});

describe("losant-tokens --help", () => {
  it("describes the tool, every command, and exits 0 without a token or a request", async () => {
    const run = await runCli(["--help"], cliFake(), { env: { LOSANT_TOKEN: undefined } });
    expect(run.code).toBe(0);
    for (const name of ["list", "get", "create", "update", "delete", "rotate", "audit"])
      expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S`, "m"));
    expect(run.stdout).toContain("Examples:");
    expect(run.requests).toEqual([]);
    expect((await runCli([], cliFake())).stdout).toBe(run.stdout);
  });

  it.each(["list", "get", "create", "update", "delete", "rotate", "audit"])(
    "gives %s its usage, options and examples",
    async (name) => {
      for (const argv of [
        [name, "--help"],
        ["help", name],
        [name, "-h"],
      ]) {
        const run = await runCli(argv, cliFake(), { env: { LOSANT_TOKEN: undefined } });
        expect(run.code).toBe(0);
        expect(run.stdout).toContain(`Usage:\n  losant-tokens ${name}`);
        expect(run.stdout).toMatch(new RegExp(`Examples:\\n(  losant-tokens ${name}\\b.*\\n)+$`));
        expect(run.requests).toEqual([]);
      }
    },
  );
});

describe("where the CLI lives", () => {
  it("stays out of the main entry: a browser bundle of it holds no file of src/cli and no Node built-in", async () => {
    const { inputs, builtins } = await bundleForBrowser(
      `export * from ${JSON.stringify(repoPath("src/index.ts"))};`,
      repoPath("."),
    );
    expect(inputs.filter((input) => input.includes("src/cli/"))).toEqual([]);
    expect(inputs.some((input) => input.includes("src/resources/rotate.ts"))).toBe(true);
    expect(builtins).toEqual([]);
  });

  it("is the package's losant-tokens bin, with a shebang", async () => {
    const pkg = JSON.parse(await readFile(repoPath("package.json"), "utf8")) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ "losant-tokens": "./dist/src/cli/bin.js" });
    expect(await readFile(repoPath("src/cli/bin.ts"), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});
