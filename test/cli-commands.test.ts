// What each command decides on its own, seen as a user sees it: stdout, stderr, the exit code and the
// requests sent. Tokens that lack a field, a collection with none, list's query and progress line, a secret
// file that cannot take the secret, and what rotate says of an old token it could not retire.
import { open, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiTokenSeed } from "../src/fake/index.js";
import { cliFake, runCli } from "./support/cli.js";

const FINE = "aaaaaaaaaaaaaaaaaaaaaaa1";
const OLD = "aaaaaaaaaaaaaaaaaaaaaaa2";
const SEEDS: ApiTokenSeed[] = [
  {
    id: FINE,
    name: "reader",
    status: "active",
    scope: ["devices.get"],
    creationDate: "2025-12-01T00:00:00.000Z",
    expirationDate: "2026-12-01T00:00:00.000Z",
  },
  {
    id: OLD,
    name: "deploy",
    status: "active",
    scope: ["all.Application"],
    creationDate: "2025-12-16T09:30:00.000Z",
    expirationDate: "2026-01-30T09:30:00.000Z",
  },
];
const seeded = () => cliFake({ initial: { userTokens: SEEDS } });
const many = (count: number) =>
  cliFake({
    initial: {
      userTokens: Array.from({ length: count }, (_, i) => ({
        name: `token-${String(i).padStart(3, "0")}`,
        scope: ["devices.get"],
      })),
    },
  });
const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
const JWT = /[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/;

/** A fetch in front of a fake that rewrites the JSON of the answers `pick` selects. */
const rewriting =
  (
    fake: { fetch(request: Request): Promise<Response> },
    pick: (request: Request) => boolean,
    change: (body: Record<string, unknown>) => unknown,
  ) =>
  async (request: Request) => {
    const answer = await fake.fetch(request);
    if (!pick(request)) return answer;
    return Response.json(change((await answer.json()) as Record<string, unknown>), { status: answer.status });
  };
/** The answer a broken Losant gives. */
const broken = () => Response.json({ type: "InternalError", message: "the database is away" }, { status: 500 });
/** A list answer's tokens, each without the fields named. */
const itemsWithout =
  (...keys: string[]) =>
  (body: Record<string, unknown>) => ({
    ...body,
    items: (body["items"] as Record<string, unknown>[]).map((item) =>
      Object.fromEntries(Object.entries(item).filter(([key]) => !keys.includes(key))),
    ),
  });

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "losant-cli-commands-"));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** Makes the next secret file write fail as a full disk does; `quote` puts what was to be written in the error's message. */
async function diskFull(quote = false) {
  const handle = await open(path.join(dir, "probe"), "w");
  const prototype = Object.getPrototypeOf(handle) as { writeFile(data: unknown): Promise<void> };
  await handle.close();
  await rm(path.join(dir, "probe"));
  vi.spyOn(prototype, "writeFile").mockImplementationOnce(async (data) => {
    throw Object.assign(new Error(`ENOSPC: no space left on device, write${quote ? ` ${String(data).trim()}` : ""}`), {
      code: "ENOSPC",
    });
  });
}

describe("the id each command acts on", () => {
  it.each(["get", "update", "delete", "rotate"])("%s names a missing or bad id <id>", async (command) => {
    const missing = await runCli([command], seeded());
    expect([missing.code, missing.requests]).toEqual([2, []]);
    expect(missing.stderr).toMatch(new RegExp(`^losant-tokens: ${command} needs <id>: losant-tokens ${command} <id>`));
    const bad = await runCli([command, "x", "--name", "n"].slice(0, command === "update" ? 4 : 2), seeded());
    expect(bad).toMatchObject({
      code: 2,
      stderr: 'losant-tokens: <id> "x" is not an id: Losant ids are 24 hexadecimal digits\n',
      requests: [],
    });
  });
});

describe("losant-tokens audit", () => {
  it("prints `No tokens.` and no summary when there is none, and [] with --json", async () => {
    expect(await runCli(["audit"], cliFake())).toMatchObject({ code: 0, stdout: "No tokens.\n", stderr: "" });
    expect(await runCli(["audit", "--json"], cliFake())).toMatchObject({ code: 0, stdout: "[]\n", stderr: "" });
  });

  it("reads the tokens in pages of 100", async () => {
    const run = await runCli(["audit"], many(150));
    expect(run.requests.map((request) => [query(request)["perPage"], query(request)["page"]])).toEqual([
      ["100", "0"],
      ["100", "1"],
    ]);
    expect(run.stderr).toBe("150 of 150 tokens have findings.\n");
  });

  it("marks a token without findings with - in the table", async () => {
    const run = await runCli(["audit"], cliFake({ initial: { userTokens: [SEEDS[0]!] } }));
    expect(run.stdout).toBe(
      [
        "ID                        NAME    STATUS  EXPIRES            FINDINGS",
        `${FINE}  reader  active  2026-12-01 00:00Z  -`,
        "",
      ].join("\n"),
    );
  });

  it("writes no summary on stderr with --json", async () => {
    expect(await runCli(["audit", "--json"], seeded())).toMatchObject({ code: 0, stderr: "" });
  });

  it("shows a token the API sends without id or name as ? and a blank name, and with --json as an empty id and a null name", async () => {
    const fake = cliFake({ initial: { userTokens: [SEEDS[0]!] } });
    const fetch = rewriting(fake, () => true, itemsWithout("id", "name"));
    expect((await runCli(["audit"], undefined, { fetch })).stdout.split("\n")[1]).toBe(
      "?         active  2026-12-01 00:00Z  -",
    );
    expect(JSON.parse((await runCli(["audit", "--json"], undefined, { fetch })).stdout)).toMatchObject([
      { id: "", name: null, findings: [] },
    ]);
  });
});

describe("losant-tokens list", () => {
  it("asks the API for pages of 100 by name, ascending, without a filter when none is given", async () => {
    const run = await runCli(["list"], seeded());
    expect(query(run.requests[0]!)).toEqual({ page: "0", perPage: "100", sortDirection: "asc" });
  });

  it.each([
    [99, ""],
    [100, ""],
    [
      250,
      "\rreading tokens… 100 of 250\x1b[K\rreading tokens… 200 of 250\x1b[K\rreading tokens… 250 of 250\x1b[K\r\x1b[K",
    ],
  ])(
    "with %i tokens, shows on a terminal's stderr %j: n of the total after each page when there is more than one, the line cleared at the end",
    async (count, progress) => {
      const run = await runCli(["list"], many(count), { tty: true });
      expect([run.code, run.stderr]).toEqual([0, progress]);
      expect((await runCli(["list", "--quiet"], many(count), { tty: true })).stderr).toBe("");
    },
  );

  it("clears the progress line before reporting a page that fails", async () => {
    const fake = many(250);
    const fetch = (request: Request) =>
      query(request)["page"] === "1"
        ? Promise.resolve(Response.json({ type: "Validation", message: "bad page" }, { status: 400 }))
        : fake.fetch(request);
    const run = await runCli(["list"], undefined, { fetch, tty: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "\rreading tokens… 100 of 250\x1b[K\r\x1b[Klosant-tokens: Losant API 400 Validation: bad page (GET /me/tokens)\n",
    );
    expect(run.stdout).toBe("");
  });
});

describe("losant-tokens create", () => {
  it("says where the secret went with --secret-file, for a person, and never prints it", async () => {
    const file = path.join(dir, "ci.token");
    const run = await runCli(["create", "--name", "ci", "--secret-file", file], cliFake());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^id: +[a-f\\d]{24}\\nname: +ci\\n[^]*\\nSecret written to ${file} \\(mode 0600\\)\\.\\n$`),
    );
    expect(run.stdout).not.toMatch(JWT);
    expect(await readFile(file, "utf8")).toMatch(new RegExp(`^${JWT.source}\\n$`));
  });

  it("prints the secret on stdout, says why, and exits 1 when the secret file cannot take it", async () => {
    const file = path.join(dir, "ci.token");
    await diskFull();
    const run = await runCli(["create", "--name", "ci", "--secret-file", file], cliFake());
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`\\nSecret \\(shown once; Losant keeps no copy\\):\\n${JWT.source}\\n$`));
    expect(run.stderr).toBe(
      `losant-tokens: could not write the secret to --secret-file ${JSON.stringify(file)}: no space left on device (ENOSPC); it is printed on stdout instead\n`,
    );
    // No empty or half-written secret file is left behind.
    await expect(stat(file)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("keeps the secret in the --json document when the secret file cannot take it", async () => {
    await diskFull();
    const run = await runCli(
      ["create", "--name", "ci", "--secret-file", path.join(dir, "ci.token"), "--json"],
      cliFake(),
    );
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { token: string }).token).toMatch(JWT);
  });

  it("never quotes the file system's message, which may hold what was written: the reason is said in words", async () => {
    await diskFull(true);
    const run = await runCli(
      ["create", "--name", "ci", "--secret-file", path.join(dir, "ci.token"), "--json"],
      cliFake(),
    );
    const { token } = JSON.parse(run.stdout) as { token: string };
    expect(run.stderr).toContain(": no space left on device (ENOSPC); it is printed on stdout instead");
    expect(run.stderr).not.toContain(token);
  });
});

describe("a create answer without its secret", () => {
  const _secretless = () =>
    rewriting(
      cliFake(),
      (request) => request.method === "POST",
      ({ token: _token, ...rest }) => rest,
    );

  it("deletes the new token again, whose secret nobody holds, leaves no secret file, says the answer does not match, and exits 1", async () => {
    const fake = cliFake();
    const fetch = rewriting(
      fake,
      (request) => request.method === "POST",
      ({ token: _token, ...rest }) => rest,
    );
    const file = path.join(dir, "ci.token");
    const run = await runCli(["create", "--name", "ci", "--secret-file", file], undefined, { fetch });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^losant-tokens: new token [a-f\d]{24} was deleted again, as nobody holds its secret\nlosant-tokens: the answer to createUserToken does not match Losant's API: \$\.token should be the new token's secret\n$/,
    );
    expect(fake.state().userTokens).toEqual([]);
    await expect(stat(file)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("deletes the new token of a rotation again and leaves the old one active", async () => {
    const fake = seeded();
    const fetch = rewriting(
      fake,
      (request) => request.method === "POST",
      ({ token: _token, ...rest }) => rest,
    );
    const run = await runCli(["rotate", OLD], undefined, { fetch });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /\$\.token should be the new token's secret; rotation incomplete: new token [a-f\d]{24} was created and is deleted again; old token aaaaaaaaaaaaaaaaaaaaaaa2 is active; handing over the new secret failed/,
    );
    expect(fake.state().userTokens.map((token) => [token.id, token.status])).toEqual([
      [FINE, "active"],
      [OLD, "active"],
    ]);
  });
});

describe("losant-tokens rotate", () => {
  /** A fetch in front of a fake that answers `fails`'s requests with a 500, after letting the fake act on them when `apply` is set. */
  const failing = (fails: (request: Request) => boolean, apply = false) => {
    const fake = seeded();
    const fetch = async (request: Request) => {
      if (!fails(request)) return fake.fetch(request);
      if (apply) await fake.fetch(request);
      return broken();
    };
    return { fake, fetch };
  };

  it.each([
    ["set inactive, though the answer was a 500", "PATCH", [], "inactive"],
    ["deleted, though the answer was a 500", "DELETE", ["--delete-old"], "deleted"],
  ])("says the old token is %s", async (_what, method, flags, state) => {
    const { fetch } = failing((request) => request.method === method, true);
    const run = await runCli(["rotate", OLD, ...flags], undefined, { fetch });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`\nOld token ${OLD} is ${state}.\n`);
    expect(run.stderr).toMatch(
      new RegExp(
        `; old token ${OLD} is ${state}; (deactivating|deleting) the old token failed: Losant API 500 InternalError: the database is away`,
      ),
    );
  });

  it("says the old token is in an unknown state when it cannot be read back either", async () => {
    let created = false;
    const { fetch } = failing((request) => {
      if (request.method === "POST") created = true;
      return created && request.method !== "POST";
    });
    const run = await runCli(["rotate", OLD], undefined, { fetch });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `^Created token [a-f\\d]{24} "deploy" \\(active, expires 2026-03-01 09:30Z\\)\\.\\nSecret \\(shown once; Losant keeps no copy\\):\\n${JWT.source}\\nOld token ${OLD} is in an unknown state \\(maybe still active\\)\\.\\n$`,
      ),
    );
    expect(run.stderr).toContain(
      `; old token ${OLD} may still be active (its state could not be read); deactivating the old token failed: `,
    );
  });

  it("prints the new token's name blank when the API's answer lacks it", async () => {
    const fake = seeded();
    const fetch = rewriting(
      fake,
      (request) => request.method === "POST",
      ({ name: _name, ...rest }) => rest,
    );
    const run = await runCli(["rotate", OLD], undefined, { fetch });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Created token [a-f\d]{24} "" \(active, expires 2026-03-01 09:30Z\)\.\n/);
  });

  it("redacts the new secret from stderr even when the server's error quotes it", async () => {
    const fake = seeded();
    let secret = "";
    const fetch = async (request: Request) => {
      const answer = await fake.fetch(request);
      if (request.method === "POST") secret = ((await answer.clone().json()) as { token: string }).token;
      if (request.method !== "PATCH") return answer;
      return Response.json({ type: "InternalError", message: secret }, { status: 500 });
    };
    const run = await runCli(["rotate", OLD, "--json"], undefined, { fetch });
    expect(run.code).toBe(1);
    expect(secret).toMatch(JWT);
    expect(run.stderr).toContain("failed: Losant API 500 InternalError: [REDACTED] (PATCH /me/tokens/");
    expect(run.stderr).not.toContain(secret);
  });

  it("prints the new secret on stdout, says why, and exits 1 when the secret file cannot take it", async () => {
    const file = path.join(dir, "new.token");
    await diskFull();
    const fake = seeded();
    const run = await runCli(["rotate", OLD, "--secret-file", file], fake);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `\\nSecret \\(shown once; Losant keeps no copy\\):\\n${JWT.source}\\nOld token ${OLD} is inactive\\.\\n$`,
      ),
    );
    expect(run.stderr).toBe(
      `losant-tokens: could not write the secret to --secret-file ${JSON.stringify(file)}: no space left on device (ENOSPC); it is printed on stdout instead\n`,
    );
    expect(fake.state().userTokens.find((token) => token.id === OLD)?.status).toBe("inactive");
  });
});
