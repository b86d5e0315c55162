// What `audit` prints of the caller's own tokens: the table on a terminal (its colours, what it cuts to
// the terminal's width, what it shows for what a token lacks), the Markdown for a CI job's summary, the
// JSON, and the lines --strict adds when owners were not visible.
import { describe, expect, it } from "vitest";
import { APP_ID, cliFake, NOW, runCli } from "./support/cli.js";

const ID = ["aaaaaaaaaaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaaaaaaaaaa2", "aaaaaaaaaaaaaaaaaaaaaaa3"] as const;
const EXPIRES = new Date(NOW.getTime() + 300 * 86_400_000).toISOString();
/** How the tables show EXPIRES. */
const EXPIRES_SHOWN = "2026-11-11 09:30Z";
/** A token no finding applies to, unless `extra` brings one. */
const token = (id: string, extra: object = {}) => ({
  id,
  scope: ["devices.get"],
  creationDate: NOW.toISOString(),
  expirationDate: EXPIRES,
  ...extra,
});
/** The user's tokens as one page of the API's answer: no ownerId, no fields the test does not give. */
const answering = (items: object[]) => async () => Response.json({ items, totalCount: items.length });
const THREE = [
  token(ID[0], { name: "deploy", status: "active" }),
  token(ID[1], { name: "old", status: "inactive" }),
  // Neither a name nor a status: the API may leave both out.
  token(ID[2]),
];
const line = (stderr: string) => stderr.replace(/^losant-tokens: /gm, "").trimEnd();

describe("the audit's table on a terminal", () => {
  it("colours an active status green, an inactive one yellow and findings red, and shows ? for a status left out", async () => {
    const run = await runCli(["audit"], undefined, { fetch: answering(THREE), tty: true });
    const bold = (text: string) => `\x1b[1m${text}\x1b[0m`;
    const green = (text: string) => `\x1b[32m${text}\x1b[0m`;
    const yellow = (text: string) => `\x1b[33m${text}\x1b[0m`;
    const red = (text: string) => `\x1b[31m${text}\x1b[0m`;
    expect(run.stdout.split("\n")).toEqual([
      `${bold("ID".padEnd(24))}  ${bold("NAME  ")}  ${bold("STATUS  ")}  ${bold("EXPIRES".padEnd(17))}  ${bold("FINDINGS")}`,
      `${ID[0]}  deploy  ${green("active  ")}  ${EXPIRES_SHOWN}  -`,
      `${ID[1]}  old     ${yellow("inactive")}  ${EXPIRES_SHOWN}  ${red("inactive")}`,
      `${ID[2]}          ${green("?       ")}  ${EXPIRES_SHOWN}  -`,
      "",
    ]);
    expect(line(run.stderr)).toBe("1 of 3 tokens have findings.");
  });

  it("cuts only the names to the terminal's width: ids, statuses, dates and findings stay whole", async () => {
    const fetch = answering([token(ID[0], { name: "deploy-the-north-plant", status: "active" })]);
    const shown = async (columns: number) =>
      (await runCli(["audit"], undefined, { fetch, tty: true, columns, env: { NO_COLOR: "1" } })).stdout.split("\n");
    // 24 + 22 + 6 + 17 + 8 and four gaps of 2: 85 columns whole.
    expect((await shown(85))[1]).toBe(`${ID[0]}  deploy-the-north-plant  active  ${EXPIRES_SHOWN}  -`);
    expect((await shown(84))[1]).toBe(`${ID[0]}  deploy-the-north-pla…  active  ${EXPIRES_SHOWN}  -`);
    // Too narrow even with the name at its least: the table runs past the edge rather than cut an id.
    expect((await shown(60))[1]).toBe(`${ID[0]}  deploy-…  active  ${EXPIRES_SHOWN}  -`);
  });
});

describe("the audit as JSON", () => {
  it("names the user's own tokens' owner as me when the API gives no ownerId", async () => {
    const run = await runCli(["audit", "--json"], undefined, { fetch: answering(THREE) });
    const owners = (JSON.parse(run.stdout) as { owner: object }[]).map((result) => result.owner);
    expect(owners).toEqual(Array.from({ length: 3 }, () => ({ type: "user", id: "me", name: null })));
  });

  it("reads at most --limit tokens", async () => {
    const fake = cliFake({ initial: { userTokens: THREE.map((item, i) => ({ ...item, name: `t${i}` })) } });
    const run = await runCli(["audit", "--limit", "2", "--json"], fake);
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(2);
  });
});

describe("audit --format markdown", () => {
  it("writes the heading, the count, and a row per token with an empty cell for a name or status left out", async () => {
    const run = await runCli(["audit", "--format", "markdown"], undefined, { fetch: answering(THREE) });
    expect(run.stdout).toBe(
      [
        "### Losant token audit",
        "",
        "**1 of 3 tokens have findings.**",
        "",
        "| Owner | Kind | ID | Name | Status | Expires | Findings |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        `| user | api | ${ID[0]} | deploy | active | ${EXPIRES_SHOWN} | - |`,
        `| user | api | ${ID[1]} | old | inactive | ${EXPIRES_SHOWN} | inactive |`,
        `| user | api | ${ID[2]} |  |  | ${EXPIRES_SHOWN} | - |`,
        "",
      ].join("\n"),
    );
  });

  it("counts one token in the singular", async () => {
    const run = await runCli(["audit", "--format", "markdown"], undefined, { fetch: answering(THREE.slice(0, 1)) });
    expect(run.stdout.split("\n")[2]).toBe("**0 of 1 token has findings.**");
  });

  it("says there are no tokens when there are none", async () => {
    const run = await runCli(["audit", "--format", "markdown"], cliFake());
    expect(run.stdout).toBe("### Losant token audit\n\n**0 of 0 tokens have findings.**\n\nNo tokens.\n");
  });
});

describe("an OAuth grant in audit --all", () => {
  it("is named with its client's name beside its own, and by its client alone when it has no name", async () => {
    const world = cliFake();
    const grant = (extra: object) =>
      token(ID[0], {
        status: "active",
        oauth: { client_name: "Reporter", authorizationStatus: "authorized" },
        ...extra,
      });
    const fetch = async (request: Request) =>
      new URL(request.url).pathname === "/me/oauth-tokens"
        ? Response.json({ items: [grant({ name: "reports" }), grant({ id: ID[1] })], totalCount: 2 })
        : world.fetch(request);
    const run = await runCli(["audit", "--all", "--format", "markdown"], undefined, { fetch });
    expect(run.stdout.split("\n").slice(6, 8)).toEqual([
      `| user | oauth | ${ID[0]} | reports (client: Reporter) | active | ${EXPIRES_SHOWN} | - |`,
      `| user | oauth | ${ID[1]} |  (client: Reporter) | active | ${EXPIRES_SHOWN} | - |`,
    ]);
  });
});

describe("owners not visible to audit --all", () => {
  const OTHER = "6a0c3f1e2b4d5a6978c1d001";
  const world = cliFake({
    initial: {
      applications: [
        { id: APP_ID, name: "Factory" },
        { id: OTHER, name: "Archive" },
      ],
    },
  });
  // Both applications' tokens are forbidden to the caller's token.
  const fetch = async (request: Request) =>
    /^\/applications\/\w+\/tokens$/.test(new URL(request.url).pathname)
      ? Response.json({ type: "Forbidden", message: "Not allowed" }, { status: 403 })
      : world.fetch(request);
  const notSeen = (name: string, id: string) =>
    `application "${name}" ${id} is not visible to this token (403): its tokens are not audited`;

  it("are counted in the plural by --strict, which fails the gate", async () => {
    const run = await runCli(["audit", "--all", "--strict"], undefined, { fetch });
    expect([run.code, run.stdout]).toEqual([1, "No tokens.\n"]);
    expect(line(run.stderr).split("\n")).toEqual([
      notSeen("Archive", OTHER),
      notSeen("Factory", APP_ID),
      "--strict: 2 owners were not visible, so the gate fails",
    ]);
  });

  it("are listed one a line under the Markdown", async () => {
    const run = await runCli(["audit", "--all", "--format", "markdown"], undefined, { fetch });
    expect(run.stdout).toBe(
      [
        "### Losant token audit",
        "",
        "**0 of 0 tokens have findings.**",
        "",
        "No tokens.",
        "",
        `- Not audited: ${notSeen("Archive", OTHER)}`,
        `- Not audited: ${notSeen("Factory", APP_ID)}`,
        "",
      ].join("\n"),
    );
  });
});
