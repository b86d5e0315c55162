// A secret is never lost, and a command never says it succeeded when it did not: the built CLI in a child
// process, its stdout a pipe whose reader is gone (EPIPE), /dev/full (ENOSPC) or closed, and Ctrl-C
// (SIGINT) while a server stalls. Each checks the exit code, what stderr says, and what exists after.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cliFake } from "./support/cli.js";
import { servedFake, spawnCli, stalledServer } from "./support/cli-process.js";

const OLD = "aaaaaaaaaaaaaaaaaaaaaaa2";
const seeded = () =>
  cliFake({
    initial: {
      userTokens: [
        {
          id: OLD,
          name: "deploy",
          status: "active",
          scope: ["all.Application"],
          creationDate: "2025-12-16T09:30:00.000Z",
        },
      ],
    },
  });
const line = (stderr: string) => stderr.replace(/^losant-tokens: /gm, "").trimEnd();
const states = (fake: ReturnType<typeof cliFake>) => fake.state().userTokens.map((token) => [token.id, token.status]);

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "losant-cli-delivery-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("a secret stdout cannot take", () => {
  it.each([
    ["a pipe whose reader is gone (EPIPE)", "gone", "the reader of stdout has gone away (EPIPE)"],
    ["/dev/full (ENOSPC)", "full", "no space left on device (ENOSPC)"],
  ] as const)(
    "from create, on %s: the new token is deleted again, stderr says so, exit 1",
    async (_what, stdout, reason) => {
      const fake = cliFake();
      const url = await servedFake(fake);
      const run = await spawnCli(["create", "--name", "ci"], url, { stdout });
      expect(run.code).toBe(1);
      expect(line(run.stderr)).toMatch(
        new RegExp(
          `^the new secret could not be written to stdout: ${reason.replace(/[()]/g, "\\$&")}; new token [a-f\\d]{24} was deleted again, as nobody holds its secret$`,
        ),
      );
      expect(fake.state().userTokens).toEqual([]);
    },
  );

  it.each([
    ["a pipe whose reader is gone (EPIPE)", "gone"],
    ["/dev/full (ENOSPC)", "full"],
  ] as const)(
    "from rotate --delete-old --json, on %s: the old token stays active, the new one is deleted, exit 1",
    async (_what, stdout) => {
      const fake = seeded();
      const url = await servedFake(fake);
      const run = await spawnCli(["rotate", OLD, "--delete-old", "--json"], url, { stdout });
      expect(run.code).toBe(1);
      expect(line(run.stderr)).toMatch(
        new RegExp(
          `^rotation incomplete: new token [a-f\\d]{24} was created and is deleted again; old token ${OLD} is active; handing over the new secret failed: `,
        ),
      );
      expect(states(fake)).toEqual([[OLD, "active"]]);
    },
  );

  it("from create into a closed stdout: refused before any request, as a secret there would be lost (exit 2)", async () => {
    const seen: Request[] = [];
    const url = await servedFake(cliFake(), seen);
    const run = await spawnCli(["create", "--name", "ci"], url, { stdout: "closed" });
    expect([run.code, line(run.stderr), seen]).toEqual([
      2,
      "stdout is closed or /dev/null, and the new secret would be lost there: pass --secret-file <path>, or send stdout somewhere",
      [],
    ]);
  });

  it("from create into a closed stdout with --secret-file: delivered into the file, exit 0", async () => {
    const url = await servedFake(cliFake());
    const run = await spawnCli(["create", "--name", "ci", "--secret-file", path.join(dir, "s.token")], url, {
      stdout: "closed",
    });
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(await readdir(dir)).toEqual(["s.token"]);
  });

  it("of a list, on /dev/full: says stdout could not be written, exit 1; on a gone reader, ends quietly, exit 0", async () => {
    const url = await servedFake(seeded());
    const full = await spawnCli(["list"], url, { stdout: "full" });
    expect([full.code, line(full.stderr)]).toEqual([1, "could not write to stdout: no space left on device (ENOSPC)"]);
    const gone = await spawnCli(["list"], url, { stdout: "gone" });
    expect([gone.code, gone.stderr]).toEqual([0, ""]);
  });
});

describe("Ctrl-C (SIGINT)", () => {
  it("during create --secret-file against a stalled server: exit 130, no secret file left, and stderr says a token may exist", async () => {
    const { url, arrived } = await stalledServer();
    const file = path.join(dir, "f.token");
    const run = await spawnCli(["create", "--name", "ci", "--secret-file", file], url, {
      started: (kill) => void arrived.then(() => kill("SIGINT")),
    });
    expect(run.code).toBe(130);
    expect(line(run.stderr)).toBe(
      'interrupted: a token named "ci" may have been created, and nobody holds its secret; look with losant-tokens list and delete it',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it("during rotate's first read against a stalled server: exit 130, and stderr says nothing changed", async () => {
    const { url, arrived } = await stalledServer();
    const run = await spawnCli(["rotate", OLD], url, { started: (kill) => void arrived.then(() => kill("SIGINT")) });
    expect([run.code, line(run.stderr)]).toEqual([130, `interrupted before any change: old token ${OLD} is unchanged`]);
  });

  it("during rotate's create against a server that stalls it: exit 130, and stderr says a new token may exist and the old one is unchanged", async () => {
    const fake = seeded();
    let posted!: () => void;
    const arrived = new Promise<void>((resolve) => (posted = resolve));
    const url = await servedFake({
      fetch: (request: Request) => {
        if (request.method !== "POST") return fake.fetch(request);
        posted();
        // Never answers, until the client gives up on the request.
        return new Promise<Response>((_resolve, reject) =>
          request.signal.addEventListener("abort", () => reject(new Error("gone"))),
        );
      },
    });
    const run = await spawnCli(["rotate", OLD], url, { started: (kill) => void arrived.then(() => kill("SIGINT")) });
    expect([run.code, line(run.stderr)]).toEqual([
      130,
      `interrupted: a new token for ${OLD} may have been created, and nobody holds its secret; old token ${OLD} is unchanged; look with losant-tokens list`,
    ]);
    expect(states(fake)).toEqual([[OLD, "active"]]);
  });

  it("during list against a stalled server: exit 130, one line", async () => {
    const { url, arrived } = await stalledServer();
    const run = await spawnCli(["list"], url, { started: (kill) => void arrived.then(() => kill("SIGINT")) });
    expect([run.code, line(run.stderr)]).toEqual([130, "interrupted"]);
  });
});
