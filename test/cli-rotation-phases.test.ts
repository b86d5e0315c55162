// Rotation in two phases: `rotate --keep-old` creates the successor and delivers its secret, leaving the
// old token active (the audit calls it superseded meanwhile); `retire` finishes, and refuses without
// --force when no newer active token of the same owner and name exists.
import { describe, expect, it } from "vitest";
import { APP_ID, cliFake, NOW, runCli } from "./support/cli.js";

const OLD = "aaaaaaaaaaaaaaaaaaaaaaa1";
const OTHER = "aaaaaaaaaaaaaaaaaaaaaaa2";
const before = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const token = (id: string, name: string, days: number, extra: object = {}) => ({
  id,
  name,
  scope: ["devices.get"],
  creationDate: before(days),
  lastUpdated: before(days),
  ...extra,
});
const fake = () => cliFake({ initial: { userTokens: [token(OLD, "ci-deploy", 100), token(OTHER, "reader", 5)] } });
const line = (stderr: string) => stderr.replace(/^losant-tokens: /gm, "").trimEnd();
const byId = (world: ReturnType<typeof fake>) =>
  Object.fromEntries(world.state().userTokens.map((one) => [one.id, one]));

describe("rotate --keep-old", () => {
  it("creates the successor, delivers its secret, and leaves the old token active", async () => {
    const world = fake();
    const run = await runCli(["rotate", OLD, "--keep-old", "--json"], world);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as {
      created: { id: string; token: string; name: string };
      oldState: string;
    };
    expect(document.oldState).toBe("active");
    expect(document.created.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(byId(world)[OLD]).toMatchObject({ status: "active" });
    expect(byId(world)[document.created.id]).toMatchObject({ status: "active", name: "ci-deploy" });
    expect(run.requests.map((request) => request.method)).toEqual(["GET", "POST"]);
  });

  it("says on stderr how to finish, with the owner's flag", async () => {
    const world = cliFake({ initial: { applicationTokens: { [APP_ID]: [token(OLD, "ci-deploy", 100)] } } });
    const run = await runCli(["rotate", OLD, "--keep-old", "--application", APP_ID], world);
    expect(run.stdout).toMatch(/Old token aaaaaaaaaaaaaaaaaaaaaaa1 is still active\.\n$/);
    expect(line(run.stderr)).toBe(
      `Deploy the new secret, then finish with: losant-tokens retire ${OLD} --application ${APP_ID}`,
    );
  });

  it("makes the audit flag the old token superseded until it is retired", async () => {
    const world = fake();
    await runCli(["rotate", OLD, "--keep-old"], world);
    const audit = (await runCli(["audit", "--json"], world)).stdout;
    expect(
      (JSON.parse(audit) as { id: string; findings: string[] }[]).find((result) => result.id === OLD)?.findings,
    ).toContain("superseded");
    await runCli(["retire", OLD], world);
    const after = JSON.parse((await runCli(["audit", "--json"], world)).stdout) as { id: string; findings: string[] }[];
    expect(after.find((result) => result.id === OLD)?.findings).toEqual(["no-expiry", "inactive"]);
  });

  it("cannot be given with --delete-old (exit 2, before any request)", async () => {
    const run = await runCli(["rotate", OLD, "--keep-old", "--delete-old"], fake());
    expect([run.code, line(run.stderr), run.requests.length]).toEqual([
      2,
      "--delete-old and --keep-old cannot both be given: choose one",
      0,
    ]);
  });
});

describe("retire", () => {
  it("sets the old token inactive once a newer active token of its name exists, and names the successor", async () => {
    const world = fake();
    const created = JSON.parse((await runCli(["rotate", OLD, "--keep-old", "--json"], world)).stdout) as {
      created: { id: string };
    };
    const run = await runCli(["retire", OLD], world);
    expect([run.code, run.stdout]).toEqual([
      0,
      `Retired token ${OLD} "ci-deploy": inactive. Its successor ${created.created.id} is active.\n`,
    ]);
    expect(byId(world)[OLD]).toMatchObject({ status: "inactive" });
  });

  it("deletes it with --delete --yes, and reports { id, name, state, successor } with --json", async () => {
    const world = fake();
    const created = JSON.parse((await runCli(["rotate", OLD, "--keep-old", "--json"], world)).stdout) as {
      created: { id: string };
    };
    const run = await runCli(["retire", OLD, "--delete", "--yes", "--json"], world);
    expect([run.code, JSON.parse(run.stdout)]).toEqual([
      0,
      { id: OLD, name: "ci-deploy", state: "deleted", successor: created.created.id },
    ]);
    expect(byId(world)[OLD]).toBeUndefined();
  });

  it("asks before deleting on a terminal, and refuses without --yes when nobody can be asked", async () => {
    const world = fake();
    await runCli(["rotate", OLD, "--keep-old"], world);
    const refused = await runCli(["retire", OLD, "--delete"], world);
    expect([refused.code, line(refused.stderr)]).toEqual([
      2,
      "delete asks first, and stdin and stderr are not both terminals: pass --yes to delete without asking",
    ]);
    const no = await runCli(["retire", OLD, "--delete"], world, { prompt: async () => "no" });
    expect([no.code, line(no.stderr)]).toEqual([1, "not deleted"]);
    expect(byId(world)[OLD]).toMatchObject({ status: "active" });
  });

  it("refuses (exit 1, nothing changed) when no newer active token has the name, unless --force", async () => {
    const world = fake();
    const run = await runCli(["retire", OLD], world);
    expect(run.code).toBe(1);
    expect(line(run.stderr)).toBe(
      `not retired: no newer active token named "ci-deploy" exists beside ${OLD}, so retiring it would leave nothing in its place; create its successor with losant-tokens rotate ${OLD} --keep-old, or pass --force`,
    );
    expect(run.requests.map((request) => request.method)).toEqual(["GET", "GET"]);
    expect(byId(world)[OLD]).toMatchObject({ status: "active" });
    const forced = await runCli(["retire", OLD, "--force"], world);
    expect([forced.code, forced.stdout]).toEqual([
      0,
      `Retired token ${OLD} "ci-deploy": inactive. No newer active token has its name.\n`,
    ]);
  });

  it("does not count an older, an inactive or a differently named token as a successor", async () => {
    const world = cliFake({
      initial: {
        userTokens: [
          token(OLD, "ci-deploy", 100),
          token(OTHER, "ci-deploy", 200),
          token("aaaaaaaaaaaaaaaaaaaaaaa3", "ci-deploy", 1, { status: "inactive" }),
          token("aaaaaaaaaaaaaaaaaaaaaaa4", "ci-deploy-2", 1),
        ],
      },
    });
    expect((await runCli(["retire", OLD], world)).code).toBe(1);
  });

  it("compares names exactly, though the API's name filter is a glob", async () => {
    const world = cliFake({ initial: { userTokens: [token(OLD, "ci-*", 100), token(OTHER, "ci-new", 1)] } });
    const run = await runCli(["retire", OLD], world);
    expect(run.code).toBe(1);
    expect(new URL(run.requests[1]!.url).searchParams.get("filter")).toBe("ci-*");
  });
});
