// --instance beside --application: every token command acts on an instance's tokens with it, and the two
// exclude each other.
import { describe, expect, it } from "vitest";
import { APP_ID, cliFake, NOW, runCli } from "./support/cli.js";

const INSTANCE_ID = "6a0c3f1e2b4d5a6978c1d0aa";
const TOKEN_ID = "bbbbbbbbbbbbbbbbbbbbbbb1";
const later = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();
const fake = () =>
  cliFake({
    initial: {
      instanceTokens: {
        [INSTANCE_ID]: [
          {
            id: TOKEN_ID,
            name: "usage-report",
            scope: ["instance.get"],
            creationDate: NOW.toISOString(),
            lastUpdated: NOW.toISOString(),
            expirationDate: later(90),
          },
        ],
      },
    },
  });
const line = (stderr: string) => stderr.replace(/^losant-tokens: /gm, "").trimEnd();
const paths = (requests: Request[]) => requests.map((request) => `${request.method} ${new URL(request.url).pathname}`);

describe("--instance <id>", () => {
  it("lists, gets and audits the instance's tokens", async () => {
    const listed = await runCli(["list", "--instance", INSTANCE_ID, "--json"], fake());
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((token) => token.id)).toEqual([TOKEN_ID]);
    expect(paths(listed.requests)).toEqual([`GET /instances/${INSTANCE_ID}/tokens`]);
    const got = await runCli(["get", TOKEN_ID, "--instance", INSTANCE_ID], fake());
    expect(got.stdout).toContain("usage-report");
    const audited = await runCli(["audit", "--instance", INSTANCE_ID, "--json"], fake());
    expect(JSON.parse(audited.stdout)).toMatchObject([
      { id: TOKEN_ID, kind: "api", owner: { type: "instance", id: INSTANCE_ID, name: null } },
    ]);
  });

  it("creates, rotates and deletes among the instance's tokens", async () => {
    const world = fake();
    const created = await runCli(["create", "--instance", INSTANCE_ID, "--name", "ci", "--json"], world);
    expect(created.code).toBe(0);
    const rotated = await runCli(["rotate", TOKEN_ID, "--instance", INSTANCE_ID, "--json"], world);
    expect([rotated.code, (JSON.parse(rotated.stdout) as { oldState: string }).oldState]).toEqual([0, "inactive"]);
    const removed = await runCli(["delete", TOKEN_ID, "--instance", INSTANCE_ID, "--yes"], world);
    expect(removed.code).toBe(0);
    expect(
      world
        .state()
        .instanceTokens[INSTANCE_ID]!.map((token) => token.name)
        .sort(),
    ).toEqual(["ci", "usage-report"]);
  });

  it("is refused with --application (exit 2, before any request)", async () => {
    for (const argv of [["list"], ["audit"], ["get", TOKEN_ID], ["delete", TOKEN_ID, "--yes"]]) {
      const run = await runCli([...argv, "--application", APP_ID, "--instance", INSTANCE_ID], fake());
      expect([run.code, line(run.stderr), run.requests.length]).toEqual([
        2,
        "--application and --instance cannot both be given: a token belongs to one owner; choose one",
        0,
      ]);
    }
  });

  it("must be an id", async () => {
    const run = await runCli(["list", "--instance", "enterprise"], fake());
    expect([run.code, line(run.stderr)]).toEqual([
      2,
      '--instance "enterprise" is not an id: Losant ids are 24 hexadecimal digits',
    ]);
  });
});
