// `audit --all` at its edges: the user's own lists forbidden, an owner without a name forbidden, malformed
// answers naming their list, the user's id when no own token names it, and Ctrl-C stopping every list.
import { describe, expect, it } from "vitest";
import { APP_ID, cliFake, NOW, runCli } from "./support/cli.js";

const line = (stderr: string) => stderr.replace(/^losant-tokens: /gm, "").trimEnd();
const forbidden = () => Response.json({ type: "Forbidden", message: "Not allowed" }, { status: 403 });
const fine = (name: string) => ({ name, scope: ["devices.get"], creationDate: NOW.toISOString() });
const world = () =>
  cliFake({
    initial: {
      userTokens: [fine("mine")],
      applications: [{ id: APP_ID, name: "Factory" }],
      applicationTokens: { [APP_ID]: [fine("app's")] },
    },
  });
/** A fetch that answers the paths `override` answers itself, and leaves the rest to `fake`. */
const answering =
  (fake: { fetch: (request: Request) => Promise<Response> }, override: (url: URL) => Response | undefined) =>
  async (request: Request): Promise<Response> =>
    override(new URL(request.url)) ?? fake.fetch(request);

describe("a 403 on the user's own lists", () => {
  it.each([
    { path: "/me/tokens", said: "your own tokens are not visible to this token (403): they are not audited" },
    { path: "/me/oauth-tokens", said: "your OAuth grants are not visible to this token (403): they are not audited" },
  ])("on $path is a line on stderr, and the rest is audited (exit 0)", async ({ path, said }) => {
    const fetch = answering(world(), (url) => (url.pathname === path ? forbidden() : undefined));
    const run = await runCli(["audit", "--all", "--json"], undefined, { fetch });
    expect([run.code, line(run.stderr)]).toEqual([0, said]);
    expect((JSON.parse(run.stdout) as { name: string }[]).map((result) => result.name)).toContain("app's");
  });
});

describe("an owner without a name", () => {
  it("is named by its kind and id alone when its tokens are forbidden", async () => {
    const fake = cliFake({ initial: { applications: [{ id: APP_ID }], applicationTokens: { [APP_ID]: [] } } });
    const fetch = answering(fake, (url) =>
      url.pathname === `/applications/${APP_ID}/tokens` ? forbidden() : undefined,
    );
    const run = await runCli(["audit", "--all"], undefined, { fetch });
    expect([run.code, line(run.stderr).split("\n")[0]]).toEqual([
      0,
      `application ${APP_ID} is not visible to this token (403): its tokens are not audited`,
    ]);
  });
});

describe("a malformed answer", () => {
  it.each([
    {
      path: "/applications",
      said: "the answer to listApplications does not match Losant's API: $.items should be a list of applications",
    },
    {
      path: "/instances",
      said: "the answer to listInstances does not match Losant's API: $.items should be a list of instances",
    },
    {
      path: "/me/oauth-tokens",
      said: "the answer to listOauthTokens does not match Losant's API: $.items should be a list of OAuth grants",
    },
  ])("to $path names its operation and what it lists (exit 1)", async ({ path, said }) => {
    const fetch = answering(world(), (url) => (url.pathname === path ? Response.json({ items: "none" }) : undefined));
    const run = await runCli(["audit", "--all", "--json"], undefined, { fetch });
    expect([run.code, run.stdout, line(run.stderr)]).toEqual([1, "", said]);
  });
});

describe("two failures at once", () => {
  it("end the audit with the first, not the last", async () => {
    // The applications are asked for before the instances, and the fake in process answers in that order.
    const malformed = () => Response.json({ items: "none" });
    const fetch = answering(world(), (url) =>
      url.pathname === "/applications" || url.pathname === "/instances" ? malformed() : undefined,
    );
    const run = await runCli(["audit", "--all", "--json"], undefined, { fetch });
    expect([run.code, line(run.stderr)]).toEqual([
      1,
      "the answer to listApplications does not match Losant's API: $.items should be a list of applications",
    ]);
  });
});

describe("the user's id", () => {
  it('is "me", the API\'s own word, when no own token names it', async () => {
    const fake = cliFake({
      initial: { oauthTokens: [{ scope: ["all.Application.read"], creationDate: NOW.toISOString() }] },
    });
    const run = await runCli(["audit", "--all", "--json"], fake);
    expect(
      (JSON.parse(run.stdout) as { kind: string; owner: object }[]).map(({ kind, owner }) => [kind, owner]),
    ).toEqual([["oauth", { type: "user", id: "me", name: null }]]);
  });
});

describe("Ctrl-C during audit --all", () => {
  /** Pages of 100 made-up tokens, for a list that goes on past the page Ctrl-C comes in. */
  const page = (prefix: string) =>
    Response.json({
      items: Array.from({ length: 100 }, (_, i) => ({
        id: `${prefix}${i.toString(16).padStart(4, "0")}`,
        name: `t${i}`,
      })),
      totalCount: 300,
    });
  it.each([
    { what: "an owner's tokens", path: `/applications/${APP_ID}/tokens` },
    { what: "the OAuth grants", path: "/me/oauth-tokens" },
  ])("while reading $what stops that list: no further page is asked for (exit 130)", async ({ path }) => {
    const fake = world();
    const ctrlC = new AbortController();
    const fetch = async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname !== path) return fake.fetch(request);
      // Ctrl-C comes while the first page is asked for; it is answered all the same, as a late server may.
      ctrlC.abort();
      return page("6a0c3f1e2b4d5a6978c1");
    };
    const run = await runCli(["audit", "--all"], undefined, { fetch, signal: ctrlC.signal });
    expect([run.code, run.stdout, line(run.stderr)]).toEqual([130, "", "interrupted"]);
    expect(run.requests.filter((request) => new URL(request.url).pathname === path)).toHaveLength(1);
  });
});
