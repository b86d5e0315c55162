import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_TOKEN, cliFake, runCli, type CliRun } from "./support/cli.js";

const JWT = /[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/g;
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "losant-cli-secrets-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("secrets", () => {
  it("appear only in their own create's or rotate's answer, across a session of every command", async () => {
    const fake = cliFake();
    const runs: { argv: string[]; run: CliRun }[] = [];
    const cli = async (...argv: string[]) => {
      const run = await runCli(argv, fake, { tty: argv.includes("--tty") });
      runs.push({ argv, run });
      return run;
    };
    const first = JSON.parse((await cli("create", "--name", "one", "--scope", "all.Application", "--json")).stdout) as {
      id: string;
      token: string;
    };
    await cli("create", "--name", "two", "--expires-in", "30d");
    await cli("create", "--name", "three", "--secret-file", path.join(dir, "three.token"));
    await cli("list");
    await cli("list", "--json");
    await cli("get", first.id);
    await cli("get", first.id, "--json");
    await cli("update", first.id, "--description", "the first");
    await cli("update", first.id, "--status", "active", "--json");
    await cli("audit");
    await cli("audit", "--json");
    const rotated = JSON.parse((await cli("rotate", first.id, "--json")).stdout) as {
      created: { id: string; token: string };
    };
    await cli("rotate", rotated.created.id, "--delete-old");
    await cli("get", first.id, "--json");
    await cli("get", "cccccccccccccccccccccccc");
    await cli("list", "--json", "--status", "inactive");
    await cli("delete", first.id, "--yes", "--json");
    await cli("audit", "--strict", "--json");

    // Each secret, and where it was seen: exactly one place, the stdout of the run that made it.
    const fromFile = (await readFile(path.join(dir, "three.token"), "utf8")).trim();
    const made = new Map<string, number>();
    runs.forEach(({ argv, run }, i) => {
      if (argv[0] === "create" || argv[0] === "rotate")
        for (const secret of run.stdout.match(JWT) ?? []) made.set(secret, i);
    });
    expect(made.size).toBe(4);
    for (const [secret, at] of [...made, [fromFile, -1] as const]) {
      const seen = runs.flatMap(({ run }, i) =>
        [run.stdout.includes(secret) && `stdout ${i}`, run.stderr.includes(secret) && `stderr ${i}`].filter(Boolean),
      );
      expect(seen).toEqual(at === -1 ? [] : [`stdout ${at}`]);
    }
    // The caller's own token never shows at all.
    for (const { run } of runs) expect(run.stdout + run.stderr).not.toContain(CLI_TOKEN);
    // And no run but a create or a rotate shows anything shaped like a token.
    for (const { argv, run } of runs.filter(({ argv }) => argv[0] !== "create" && argv[0] !== "rotate"))
      expect(run.stdout.match(JWT), argv.join(" ")).toBeNull();
  });

  it("keeps the caller's token out of stderr even when a server echoes it in its error", async () => {
    const echo = async (request: Request) =>
      Response.json(
        { type: "Validation", message: `bad token ${request.headers.get("authorization")}` },
        { status: 400 },
      );
    const run = await runCli(["list"], undefined, { fetch: echo });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^losant-tokens: Losant API 400 Validation: bad token Bearer \[REDACTED\] \(GET \/me\/tokens\)\n$/,
    );
    expect(run.stderr).not.toContain(CLI_TOKEN);
  });

  it("keeps a terminal's escape sequences sent by a server out of the table", async () => {
    const fake = cliFake({
      initial: { userTokens: [{ name: "evil\x1b]0;owned\x07\x1b[2J", scope: ["devices.get"] }] },
    });
    const run = await runCli(["list"], fake, { tty: true });
    expect(run.stdout).toContain("evil\\u001b]0;owned\\u0007\\u001b[2J");
    expect(run.stdout).not.toMatch(/\x1b\]|\x1b\[2J|\x07/);
  });
});
