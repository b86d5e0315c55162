// Where a new secret may go, and what rotate and create say when it cannot go there: a stdout that
// discards it, an answer without a usable secret or id, Ctrl-C before or during the create, a stdout that
// fails while the secret is on its way, and a later step failing once the secret is in its file.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { CLI_TOKEN, cliFake, NOW, runCli } from "./support/cli.js";

const OLD = "aaaaaaaaaaaaaaaaaaaaaaa1";
const NEW = "bbbbbbbbbbbbbbbbbbbbbbb2";
const INSTANCE = "6a0c3f1e2b4d5a6978c1d0aa";
const seed = {
  id: OLD,
  name: "deploy",
  scope: ["all.Application"],
  creationDate: "2025-12-16T09:30:00.000Z",
  expirationDate: "2026-01-30T09:30:00.000Z",
};
const seeded = () => cliFake({ initial: { userTokens: [seed] } });
const line = (stderr: string) => stderr.replace(/^losant-tokens: /gm, "").trimEnd();
const where = (request: Request) => `${request.method} ${new URL(request.url).pathname}`;

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "losant-new-secrets-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the CLI in process with a stdout that discards what it gets (closed, or /dev/null); resolves with the exit code, stderr and the requests. */
async function runDiscarding(argv: string[]) {
  let stderr = "";
  const requests: Request[] = [];
  const fake = seeded();
  const code = await main({
    argv,
    env: { LOSANT_TOKEN: CLI_TOKEN },
    stdout: { write: (_text: string, done?: (error?: Error | null) => void) => void done?.(), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdoutDiscarded: true,
    fetch: (request) => (requests.push(request), fake.fetch(request)),
    now: () => NOW,
  });
  return { code, stderr, requests };
}

describe("a stdout that discards the new secret", () => {
  const refusal =
    "stdout is closed or /dev/null, and the new secret would be lost there: pass --secret-file <path>, or send stdout somewhere";
  it.each([[["rotate", OLD]], [["create", "--name", "ci"]]])(
    "is refused for %j before any request (exit 2)",
    async (argv) => {
      const run = await runDiscarding(argv);
      expect([run.code, line(run.stderr), run.requests.length]).toEqual([2, refusal, 0]);
    },
  );

  it("is no matter with --secret-file: the secret goes into the file", async () => {
    const run = await runDiscarding(["rotate", OLD, "--secret-file", path.join(dir, "discarding.token")]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.requests.map(where)).toEqual([`GET /me/tokens/${OLD}`, "POST /me/tokens", `PATCH /me/tokens/${OLD}`]);
  });
});

describe("a create answer without a usable secret", () => {
  /** Creates a token against a fake whose create answers `answer` (with status 201), and whose delete answers as `deleteFails` says. */
  async function createAnswering(answer: object, deleteFails = false) {
    const fake = cliFake();
    const fetch = async (request: Request) => {
      if (request.method === "POST") return Response.json(answer, { status: 201 });
      if (request.method === "DELETE" && deleteFails)
        return Response.json({ type: "InternalError", message: "the database is away" }, { status: 500 });
      if (request.method === "DELETE") return Response.json({ success: true });
      return fake.fetch(request);
    };
    return runCli(["create", "--name", "ci"], undefined, { fetch });
  }
  const malformed =
    "the answer to createUserToken does not match Losant's API: $.token should be the new token's secret";
  const deleted = `new token ${NEW} was deleted again, as nobody holds its secret`;
  const unknown = "the new token's id is unknown: it may exist and be active; look for it with losant-tokens list";

  it.each([
    { what: "no secret", answer: { id: NEW, name: "ci" }, said: deleted },
    { what: "an empty secret", answer: { id: NEW, name: "ci", token: "" }, said: deleted },
    { what: "a number for a secret", answer: { id: NEW, name: "ci", token: 5 }, said: deleted },
    { what: "a list for a secret", answer: { id: NEW, name: "ci", token: ["a.b.c"] }, said: deleted },
    { what: "no secret, nor an id", answer: { name: "ci" }, said: unknown },
    { what: "no secret, and an id with more before it", answer: { id: `zz${NEW}`, name: "ci" }, said: unknown },
    { what: "no secret, and an id with more after it", answer: { id: `${NEW}zz`, name: "ci" }, said: unknown },
  ])("with $what: deletes the new token when its id is a real id, says so, and exits 1", async ({ answer, said }) => {
    const run = await createAnswering(answer);
    expect([run.code, run.stdout, line(run.stderr)]).toEqual([1, "", `${said}\n${malformed}`]);
    expect(run.requests.map(where)).toEqual(
      said === deleted ? ["POST /me/tokens", `DELETE /me/tokens/${NEW}`] : ["POST /me/tokens"],
    );
  });

  it("says how to delete the new token when deleting it fails", async () => {
    const run = await createAnswering({ id: NEW, name: "ci" }, true);
    expect([run.code, line(run.stderr)]).toEqual([
      1,
      `deleting new token ${NEW} failed: it exists and is active, and nobody holds its secret; delete it with losant-tokens delete ${NEW} --yes\n${malformed}`,
    ]);
  });
});

describe("rotate interrupted by Ctrl-C", () => {
  /** Rotates OLD, pressing Ctrl-C when the request `at` picks is sent; the fake answers it all the same. */
  async function rotateInterrupted(at: (request: Request) => boolean) {
    const fake = seeded();
    const ctrlC = new AbortController();
    const fetch = async (request: Request) => {
      if (at(request)) ctrlC.abort();
      return fake.fetch(request);
    };
    const run = await runCli(["rotate", OLD], undefined, { fetch, signal: ctrlC.signal });
    return { run, tokens: fake.state().userTokens.map((token) => [token.id, token.status]) };
  }

  it("while reading the old token: says nothing changed (exit 130)", async () => {
    const { run, tokens } = await rotateInterrupted((request) => request.method === "GET");
    expect([run.code, run.stdout, line(run.stderr)]).toEqual([
      130,
      "",
      `interrupted before any change: old token ${OLD} is unchanged`,
    ]);
    expect(tokens).toEqual([[OLD, "active"]]);
  });

  it("while creating the new token: says it may exist, with nobody holding its secret (exit 130)", async () => {
    const { run } = await rotateInterrupted((request) => request.method === "POST");
    expect([run.code, run.stdout, line(run.stderr)]).toEqual([
      130,
      "",
      `interrupted: a new token for ${OLD} may have been created, and nobody holds its secret; old token ${OLD} is unchanged; look with losant-tokens list`,
    ]);
  });
});

describe("rotate when stdout cannot take the new secret", () => {
  it.each([
    { what: "a write error", message: "ENOSPC: no space left on device, write" },
    { what: "a write error whose message has more than one line", message: "the disk\nis full" },
  ])("with $what: deletes the new token, names the failure by its code, and exits 1", async ({ message }) => {
    const fake = seeded();
    const stdoutError = Object.assign(new Error(message), { code: "ENOSPC" });
    const run = await runCli(["rotate", OLD], fake, { stdoutError });
    const deletion = run.requests.find((request) => request.method === "DELETE");
    const newId = new URL(deletion!.url).pathname.split("/").pop();
    expect([run.code, line(run.stderr)]).toEqual([
      1,
      `rotation incomplete: new token ${newId} was created and is deleted again; old token ${OLD} is active; handing over the new secret failed: no space left on device (ENOSPC)`,
    ]);
    expect(fake.state().userTokens.map((token) => [token.id, token.status])).toEqual([[OLD, "active"]]);
  });
});

describe("rotate's output", () => {
  it("is, with --json, one document indented as JSON is", async () => {
    const run = await runCli(["rotate", OLD, "--json"], seeded());
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${JSON.stringify(JSON.parse(run.stdout), null, 2)}\n`);
  });

  it("keeps the secret out of the --json document when it went into the secret file", async () => {
    const run = await runCli(["rotate", OLD, "--json", "--secret-file", path.join(dir, "json.token")], seeded());
    const { created } = JSON.parse(run.stdout) as { created: Record<string, unknown> };
    expect([run.code, created["name"], "token" in created]).toEqual([0, "deploy", false]);
  });

  it("names the new token and the secret file when a later step fails after the secret went into it", async () => {
    const fake = seeded();
    const file = path.join(dir, "later-step.token");
    const fetch = async (request: Request) =>
      request.method === "PATCH"
        ? Response.json({ type: "InternalError", message: "the database is away" }, { status: 500 })
        : fake.fetch(request);
    const run = await runCli(["rotate", OLD, "--secret-file", file], undefined, { fetch });
    const newId = fake.state().userTokens[1]!.id;
    expect([run.code, run.stdout]).toEqual([
      1,
      `Created token ${newId} "deploy" (active, expires 2026-03-01 09:30Z).\nSecret written to ${file} (mode 0600).\nOld token ${OLD} is still active.\n`,
    ]);
  });

  it("says how to finish a two-phase rotation of an instance's token, with --instance", async () => {
    const fake = cliFake({ initial: { instanceTokens: { [INSTANCE]: [seed] } } });
    const run = await runCli(["rotate", OLD, "--keep-old", "--instance", INSTANCE], fake);
    expect([run.code, line(run.stderr)]).toEqual([
      0,
      `Deploy the new secret, then finish with: losant-tokens retire ${OLD} --instance ${INSTANCE}`,
    ]);
  });
});
