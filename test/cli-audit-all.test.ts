// `audit --all`: every token the caller's token can see, of every owner and both kinds, read through
// every page at most 4 requests at a time; an owner it may not read is a line on stderr (a failure only
// under --strict); a 403 on the list of instances is no instances; a 401 ends it all.
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { demoWorld } from "../scripts/fake-demo.mjs";
import type { FakeLosant, FakeLosantData } from "../src/fake/index.js";
import { APP_ID, cliFake, NOW, runCli } from "./support/cli.js";
import { serve } from "./support/fault-server.js";

const INSTANCE_ID = "6a0c3f1e2b4d5a6978c1d0aa";
const FACTORY = "6a0c3f1e2b4d5a6978c1d001";
const demo = () => cliFake({ initial: demoWorld(NOW) });
const line = (stderr: string) => stderr.replace(/^losant-tokens: /gm, "").trimEnd();
const DAY = 86_400_000;
const later = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();
/** A token no finding applies to. */
const fine = (name: string) => ({
  name,
  scope: ["devices.get"],
  creationDate: NOW.toISOString(),
  lastUpdated: NOW.toISOString(),
  expirationDate: later(300),
});

/** The fake's answers, except the request paths `override` answers itself. */
const answering =
  (fake: FakeLosant, override: (url: URL) => Response | undefined) =>
  async (request: Request): Promise<Response> =>
    override(new URL(request.url)) ?? fake.fetch(request);
const forbidden = () => Response.json({ type: "Forbidden", message: "Not allowed" }, { status: 403 });

describe("audit --all against the demo world", () => {
  it("reports tokens of all three owner types and both kinds, each in the documented shape", async () => {
    const run = await runCli(["audit", "--all", "--json"], demo());
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const results = JSON.parse(run.stdout) as Record<string, unknown>[];
    for (const result of results)
      expect(Object.keys(result)).toEqual(["id", "name", "kind", "owner", "status", "expirationDate", "findings"]);
    const kinds = results.map((result) => `${(result["owner"] as { type: string }).type} ${result["kind"]}`);
    expect(new Set(kinds)).toEqual(new Set(["user api", "user oauth", "application api", "instance api"]));
    expect(results).toHaveLength(11);
  });

  it("names the application and instance owners, and gives the user and OAuth grants a null name", async () => {
    const results = JSON.parse((await runCli(["audit", "--all", "--json"], demo())).stdout) as {
      name: string;
      kind: string;
      owner: object;
      expirationDate: string | null;
      findings: string[];
    }[];
    const byName = Object.fromEntries(results.map((result) => [result.name, result]));
    expect(byName["Legacy script"]).toMatchObject({
      kind: "api",
      owner: { type: "user", id: "575ed70c7ae143cd83dc4aa9", name: null },
      expirationDate: null,
      findings: ["no-expiry", "broad-scope"],
    });
    expect(byName["Dashboard integration"]).toMatchObject({
      kind: "oauth",
      owner: { type: "user", name: null },
      findings: ["broad-scope", "pending"],
    });
    expect(byName["Old importer"]).toMatchObject({
      owner: { type: "application", id: FACTORY, name: "Factory" },
      findings: ["expired"],
    });
    expect(byName["Admin automation"]).toMatchObject({
      owner: { type: "instance", id: INSTANCE_ID, name: "Enterprise" },
      expirationDate: null,
    });
    expect(results.filter((result) => result.findings.includes("superseded")).map((result) => result.name)).toEqual([
      "Deploy",
    ]);
  });

  it("shows the owner and the kind in the table, and counts the tokens with findings on stderr", async () => {
    const run = await runCli(["audit", "--all"], demo());
    const rows = run.stdout.split("\n");
    expect(rows[0]).toMatch(/^OWNER +KIND +ID +NAME +STATUS +EXPIRES +FINDINGS$/);
    expect(rows.find((row) => row.includes("Usage report"))).toMatch(/^instance Enterprise +api /);
    expect(rows.find((row) => row.includes("Reporting assistant"))).toMatch(/^user +oauth /);
    expect(line(run.stderr)).toBe("8 of 11 tokens have findings.");
  });

  it("fails the gate under --strict on findings", async () => {
    expect((await runCli(["audit", "--all", "--strict"], demo())).code).toBe(1);
  });
});

describe("an owner the token may not read", () => {
  it("is a line on stderr naming it, and the other owners are audited (exit 0)", async () => {
    const fetch = answering(demo(), (url) =>
      url.pathname === `/applications/${FACTORY}/tokens` ? forbidden() : undefined,
    );
    const run = await runCli(["audit", "--all", "--json"], undefined, { fetch });
    expect(run.code).toBe(0);
    expect(line(run.stderr)).toBe(
      `application "Factory" ${FACTORY} is not visible to this token (403): its tokens are not audited`,
    );
    const names = (JSON.parse(run.stdout) as { name: string }[]).map((result) => result.name);
    expect(names).toContain("Inventory sync");
    expect(names).not.toContain("Old importer");
  });

  it("fails the gate under --strict, even when every token read is clean", async () => {
    const fake = cliFake({ initial: { applications: [{ id: APP_ID, name: "Locked" }], userTokens: [fine("reader")] } });
    const fetch = answering(fake, (url) =>
      url.pathname.endsWith("/tokens") && url.pathname.startsWith("/applications/") ? forbidden() : undefined,
    );
    const run = await runCli(["audit", "--all", "--strict"], undefined, { fetch });
    expect(run.code).toBe(1);
    expect(line(run.stderr).split("\n")).toEqual([
      `application "Locked" ${APP_ID} is not visible to this token (403): its tokens are not audited`,
      "0 of 1 token has findings.",
      "--strict: 1 owner was not visible, so the gate fails",
    ]);
    expect((await runCli(["audit", "--all", "--strict"], fake)).code).toBe(0);
  });

  it("gives one line per owner not seen, in the order the owners are listed, whatever order the answers come in", async () => {
    const applications = Array.from({ length: 6 }, (_, i) => ({
      id: `6a0c3f1e2b4d5a6978c1${i.toString(16).padStart(4, "0")}`,
      name: `app ${i}`,
    }));
    const world = cliFake({ initial: { applications } });
    // The first applications answer last.
    const fetch = async (request: Request) => {
      const match = /^\/applications\/(\w+)\/tokens$/.exec(new URL(request.url).pathname);
      if (!match) return world.fetch(request);
      await new Promise((resolve) =>
        setTimeout(resolve, 60 - 10 * applications.findIndex((app) => app.id === match[1])),
      );
      return forbidden();
    };
    const run = await runCli(["audit", "--all", "--json"], undefined, { fetch });
    expect(line(run.stderr).split("\n")).toEqual(
      applications.map(
        (app) => `application "${app.name}" ${app.id} is not visible to this token (403): its tokens are not audited`,
      ),
    );
  });

  it("names an owner whose name holds terminal controls only in escapes", async () => {
    const fake = cliFake({ initial: { applications: [{ id: APP_ID, name: "evil\u001b]0;pwned\u0007\u202e" }] } });
    const fetch = answering(fake, (url) =>
      url.pathname === `/applications/${APP_ID}/tokens` ? forbidden() : undefined,
    );
    const run = await runCli(["audit", "--all"], undefined, { fetch, tty: true });
    expect(line(run.stderr)).toContain(
      `application "evil\\u001b]0;pwned\\u0007\\u202e" ${APP_ID} is not visible to this token (403)`,
    );
    expect(run.stderr).not.toMatch(/[\u0007\u202e]|\u001b\]/);
  });

  it("on the list of instances means an account without instances: no line, no failure", async () => {
    const fake = cliFake({
      initial: {
        userTokens: [fine("reader")],
        instances: [{ id: INSTANCE_ID, name: "Enterprise" }],
        instanceTokens: { [INSTANCE_ID]: [fine("i")] },
      },
    });
    const fetch = answering(fake, (url) => (url.pathname === "/instances" ? forbidden() : undefined));
    const run = await runCli(["audit", "--all", "--strict", "--json"], undefined, { fetch });
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect((JSON.parse(run.stdout) as { name: string }[]).map((result) => result.name)).toEqual(["reader"]);
  });

  it("on the list of applications is a line, and a failure under --strict", async () => {
    const fake = cliFake({ initial: { userTokens: [fine("reader")] } });
    const fetch = answering(fake, (url) => (url.pathname === "/applications" ? forbidden() : undefined));
    const run = await runCli(["audit", "--all", "--strict"], undefined, { fetch });
    expect(run.code).toBe(1);
    expect(line(run.stderr)).toContain("the list of applications is not visible to this token (403)");
  });
});

describe("a dead credential", () => {
  it("ends the audit with exit 1 and the API's 401, printing no partial result", async () => {
    const fetch = answering(demo(), (url) =>
      url.pathname === `/instances/${INSTANCE_ID}/tokens`
        ? Response.json({ type: "Unauthorized", message: "Invalid access token" }, { status: 401 })
        : undefined,
    );
    for (const argv of [
      ["audit", "--all"],
      ["audit", "--all", "--json"],
    ]) {
      const run = await runCli(argv, undefined, { fetch });
      expect([run.code, run.stdout]).toEqual([1, ""]);
      expect(line(run.stderr)).toMatch(/401/);
      expect(line(run.stderr).split("\n")).toHaveLength(1);
    }
  });
});

describe("the lists of owners", () => {
  it("are read through every page, and so are the tokens of each owner", async () => {
    const applications = Array.from({ length: 230 }, (_, i) => ({
      id: `6a0c3f1e2b4d5a6978c1${i.toString(16).padStart(4, "0")}`,
      name: `app ${i}`,
    }));
    const initial: FakeLosantData = {
      applications,
      applicationTokens: Object.fromEntries(applications.map((app) => [app.id, [fine(app.name)]])),
      userTokens: Array.from({ length: 150 }, (_, i) => fine(`mine ${i}`)),
    };
    const run = await runCli(["audit", "--all", "--json"], cliFake({ initial }));
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as { owner: { type: string } }[];
    expect(results.filter((result) => result.owner.type === "application")).toHaveLength(230);
    expect(results.filter((result) => result.owner.type === "user")).toHaveLength(150);
    const pages = run.requests
      .filter((request) => new URL(request.url).pathname === "/applications")
      .map((request) => new URL(request.url).searchParams.get("page"));
    expect(pages).toEqual(["0", "1", "2"]);
  });

  it.each([
    ["an id that is no id", { id: "nope" }, "$.items[0].id should be an id of 24 hexadecimal digits"],
    ["an application that is a string", "Factory", "$.items[0] should be an object"],
    ["a name that is a number", { id: APP_ID, name: 7 }, "$.items[0].name should be a string"],
  ])(
    "fail closed on a malformed list, with %s: exit 1 naming the operation and the place",
    async (_what, item, place) => {
      const fetch = answering(demo(), (url) =>
        url.pathname === "/applications" ? Response.json({ items: [item] }) : undefined,
      );
      const run = await runCli(["audit", "--all", "--strict"], undefined, { fetch });
      expect([run.code, line(run.stderr), run.stdout]).toEqual([
        1,
        `the answer to listApplications does not match Losant's API: ${place}`,
        "",
      ]);
    },
  );

  it("take an application without a name, and audit its tokens", async () => {
    const fake = cliFake({ initial: { applications: [{ id: APP_ID, name: "Factory" }] } });
    const fetch = answering(fake, (url) =>
      url.pathname === "/applications" ? Response.json({ items: [{ id: APP_ID }], totalCount: 1 }) : undefined,
    );
    const run = await runCli(["audit", "--all", "--json"], undefined, { fetch });
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.requests.map((request) => new URL(request.url).pathname)).toContain(`/applications/${APP_ID}/tokens`);
  });

  it("fail closed on a malformed OAuth grant", async () => {
    const fetch = answering(demo(), (url) =>
      url.pathname === "/me/oauth-tokens"
        ? Response.json({ items: [{ ...fine("g"), oauth: { client_name: 7 } }] })
        : undefined,
    );
    const run = await runCli(["audit", "--all"], undefined, { fetch });
    expect([run.code, line(run.stderr)]).toEqual([
      1,
      "the answer to listOauthTokens does not match Losant's API: $.items[0].oauth should be an object whose client_id, client_name, redirect_uri and authorizationStatus are strings, and resource a list of strings",
    ]);
  });
});

describe("the bounds of audit --all", () => {
  it("hold for the whole run: a list of owners that never ends stops at 10,000 items read, exit 1, nothing printed", async () => {
    const world = demo();
    let page = 0;
    const fetch = async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname !== "/applications") return world.fetch(request);
      page = Number(url.searchParams.get("page"));
      const items = Array.from({ length: 100 }, (_, i) => ({
        id: (page * 100 + i).toString(16).padStart(24, "0"),
        name: `app ${page * 100 + i}`,
      }));
      return Response.json({ items, perPage: 100, page });
    };
    const run = await runCli(["audit", "--all", "--json"], undefined, { fetch });
    expect([run.code, run.stdout]).toEqual([1, ""]);
    expect(line(run.stderr)).toBe(
      "the list has more than 10000 applications, the most this tool reads: audit the owners one by one, with --application or --instance",
    );
    // The user's own tokens and grants count too: the bound is reached before the 100th page of applications.
    expect(page).toBeLessThan(100);
  });
});

describe("the pace of audit --all", () => {
  it("keeps at most 4 requests in flight, and reaches 4", async () => {
    const applications = Array.from({ length: 12 }, (_, i) => ({
      id: `6a0c3f1e2b4d5a6978c1${i.toString(16).padStart(4, "0")}`,
      name: `app ${i}`,
    }));
    const fake = cliFake({
      initial: {
        applications,
        applicationTokens: Object.fromEntries(applications.map((app) => [app.id, [fine(app.name)]])),
      },
    });
    let inFlight = 0;
    let most = 0;
    const server = await serve((request, response: ServerResponse) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      setTimeout(async () => {
        const answer = await fake.fetch(
          new Request(`http://fake${request.url}`, {
            method: request.method ?? "GET",
            headers: { authorization: "Bearer x" },
          }),
        );
        inFlight -= 1;
        response.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
      }, 25);
    });
    const run = await runCli(["audit", "--all", "--json"], undefined, {
      fetch: (request) => fetch(request),
      env: { LOSANT_API_URL: server.url },
    });
    expect(run.code).toBe(0);
    expect(server.count.total).toBe(4 + 12);
    expect(most).toBe(4);
  });
});

describe("progress", () => {
  it("shows owners read as n of total on a terminal's stderr, and clears it", async () => {
    const run = await runCli(["audit", "--all"], demo(), { tty: true });
    expect(run.stderr).toContain("\rreading owners… 4 of 7\x1b[K");
    expect(run.stderr).toContain("\rreading owners… 7 of 7\x1b[K\r\x1b[K");
    const piped = await runCli(["audit", "--all"], demo());
    expect(piped.stderr).not.toContain("reading owners");
  });
});

describe("usage errors of audit --all, before any request", () => {
  it.each([
    [
      ["audit", "--all", "--application", APP_ID],
      "--all cannot be given with --application or --instance: --all reads every owner",
    ],
    [["audit", "--all", "--limit", "5"], "--limit cannot be given with --all: --all reads every token it can see"],
    [["audit", "--all", "--format", "markdown", "--json"], "--format markdown cannot be given with --json: choose one"],
    [["audit", "--format", "html"], '--format "html" is not one of table, markdown'],
  ])("%j", async (argv, message) => {
    const run = await runCli(argv, demo());
    expect([run.code, line(run.stderr), run.requests.length]).toEqual([2, message, 0]);
  });
});
