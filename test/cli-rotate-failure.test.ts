import { inspect } from "node:util";
import { describe, expect, it, onTestFinished } from "vitest";
import { serve } from "../scripts/fake.mjs";
import { createUserTokensApi, rotateApiToken, RotationError } from "../src/index.js";
import { APP_ID, CLI_TOKEN, cliFake, runCli } from "./support/cli.js";

const OLD = "aaaaaaaaaaaaaaaaaaaaaaa1";
const seeds = [
  {
    id: OLD,
    name: "deploy",
    scope: ["all.Application"],
    creationDate: "2025-12-16T09:30:00.000Z",
    expirationDate: "2026-01-30T09:30:00.000Z",
  },
];

/**
 * A test node:http server in front of a fake: the fake answers, except the requests `fails` picks,
 * which get a 500 as a broken Losant would send it, or a dropped connection with `drop`.
 */
async function failingServer(
  fails: (request: Request) => boolean,
  how: "500" | "drop" = "500",
  owner: "user" | "application" = "user",
) {
  const fake = cliFake({
    initial: owner === "user" ? { userTokens: seeds } : { applicationTokens: { [APP_ID]: seeds } },
  });
  const seen: string[] = [];
  const server = await serve(
    async (request: Request) => {
      seen.push(request.method);
      if (!fails(request)) return fake.fetch(request);
      if (how === "drop") throw new Error("dropped");
      return Response.json({ type: "InternalError", message: "the database is away" }, { status: 500 });
    },
    { port: 0 },
  );
  onTestFinished(() => server.close());
  return { fake, url: server.url, seen };
}

const run = (argv: string[], url: string) =>
  runCli(argv, undefined, { env: { LOSANT_API_URL: url }, fetch: (request) => fetch(request) });

describe("a rotation that fails after the create", () => {
  it("reports both ids, says which is active, keeps the new secret on stdout, and exits 1, when setting the old one inactive gets a 500", async () => {
    const { fake, url, seen } = await failingServer((request) => request.method === "PATCH");
    const result = await run(["rotate", OLD], url);
    expect(result.code).toBe(1);
    expect(seen).toEqual(["GET", "POST", "PATCH", "GET"]);
    const [created] = fake.state().userTokens.filter((token) => token.id !== OLD);
    const newId = created!.id!;
    expect(fake.state().userTokens.map((token) => [token.id, token.status])).toEqual([
      [OLD, "active"],
      [newId, "active"],
    ]);
    const secret = /Secret \(shown once; Losant keeps no copy\):\n(\S+)\n/.exec(result.stdout)?.[1] ?? "";
    expect(secret).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(result.stdout).toContain(`Created token ${newId} "deploy"`);
    expect(result.stdout).toContain(`Old token ${OLD} is still active.`);
    expect(result.stderr).toBe(
      `losant-tokens: rotation incomplete: new token ${newId} is created and active; old token ${OLD} is active; deactivating the old token failed: Losant API 500 InternalError: the database is away (PATCH /me/tokens/${OLD})\n`,
    );
    expect(result.stderr).not.toContain(secret);
    // The secret works: the fake accepts any token, so check it is the one the fake signed for the new id.
    expect(JSON.parse(Buffer.from(secret.split(".")[1]!, "base64url").toString("utf8"))).toMatchObject({ sub: newId });
  });

  it("gives both tokens in the --json document, the new one with its secret", async () => {
    const { url } = await failingServer((request) => request.method === "PATCH");
    const result = await run(["rotate", OLD, "--json"], url);
    expect(result.code).toBe(1);
    const { created, old } = JSON.parse(result.stdout) as {
      created: Record<string, unknown>;
      old: Record<string, unknown>;
    };
    expect(created).toMatchObject({ name: "deploy", status: "active" });
    expect(created["token"]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(old).toMatchObject({ id: OLD, status: "active" });
    expect(result.stderr).toMatch(/^losant-tokens: rotation incomplete: .*\n$/);
  });

  it("says the old token may still be active when deleting it fails and reading it back fails too", async () => {
    let posted = false;
    const { url } = await failingServer((request) => {
      if (request.method === "POST") posted = true;
      return posted && request.method !== "POST";
    }, "drop");
    const result = await run(["rotate", OLD, "--delete-old", "--json"], url);
    expect(result.code).toBe(1);
    const { created, old } = JSON.parse(result.stdout) as { created: Record<string, unknown>; old: unknown };
    expect(created["token"]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(old).toBeNull();
    expect(result.stderr).toMatch(
      new RegExp(
        `^losant-tokens: rotation incomplete: new token ${created["id"]} is created and active; old token ${OLD} may still be active \\(its state could not be read\\); deleting the old token failed: `,
      ),
    );
  });

  it("writes the secret to --secret-file even when the last step fails", async () => {
    const { mkdtemp, readFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(`${tmpdir()}/losant-rotate-`);
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const { url } = await failingServer((request) => request.method === "PATCH");
    const result = await run(["rotate", OLD, "--secret-file", `${dir}/new.token`], url);
    expect(result.code).toBe(1);
    expect((await readFile(`${dir}/new.token`, "utf8")).trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("changes nothing, and says only what failed, when the create itself fails", async () => {
    const { fake, url } = await failingServer((request) => request.method === "POST");
    const result = await run(["rotate", OLD], url);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("losant-tokens: Losant API 500 InternalError: the database is away (POST /me/tokens)\n");
    expect(fake.state().userTokens.map((token) => [token.id, token.status])).toEqual([[OLD, "active"]]);
  });
});

describe("rotateApiToken, the library function", () => {
  it("rejects with a RotationError that names both ids and keeps the secret out of its message, JSON and inspection", async () => {
    const { url } = await failingServer((request) => request.method === "PATCH");
    const api = createUserTokensApi({ token: CLI_TOKEN, baseUrl: url });
    const error = (await rotateApiToken(api, OLD).catch((caught: unknown) => caught)) as RotationError;
    expect(error).toBeInstanceOf(RotationError);
    expect(error).toMatchObject({
      step: "deactivate-old",
      oldId: OLD,
      oldState: "active",
      created: { name: "deploy", status: "active" },
    });
    expect(error.secret).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(error.created).not.toHaveProperty("token");
    expect(error.message).toContain(String(error.created.id));
    for (const shown of [error.message, JSON.stringify(error), inspect(error, { depth: 10 }), String(error.stack)])
      expect(shown).not.toContain(error.secret);
    expect((error.cause as { status: number }).status).toBe(500);
  });

  it("rotates an application's token, taking the application id first", async () => {
    const { fake, url } = await failingServer(() => false, "500", "application");
    const { createApplicationTokensApi } = await import("../src/index.js");
    const api = createApplicationTokensApi({ token: CLI_TOKEN, baseUrl: url });
    const { created, old, oldDeleted } = await rotateApiToken(api, APP_ID, OLD, {
      expirationDate: "2027-01-01T00:00:00Z",
    });
    expect(created).toMatchObject({
      name: "deploy",
      expirationDate: "2027-01-01T00:00:00.000Z",
      ownerType: "application",
    });
    expect(created.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect([old.id, old.status, oldDeleted]).toEqual([OLD, "inactive", false]);
    expect(fake.state().applicationTokens[APP_ID]?.map((token) => token.status)).toEqual(["inactive", "active"]);
  });
});
