// How `retire` finds the old token's successor: the newest active token of its name that is newer than it,
// newer meaning created later, or created at the same time with a later id (compared in lower case); a
// token without a creation date is older than any with one. Lists are edited on their way from the fake,
// as a server may send tokens without ids or dates, in any order.
import { describe, expect, it } from "vitest";
import type { ApiToken } from "../src/types.js";
import { cliFake, NOW, runCli } from "./support/cli.js";

const OLD = "aaaaaaaaaaaaaaaaaaaaaaa5";
const before = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const token = (id: string | undefined, days: number | undefined, extra: Partial<ApiToken> = {}): ApiToken => ({
  ...(id === undefined ? {} : { id }),
  name: "ci-deploy",
  status: "active",
  scope: ["devices.get"],
  ...(days === undefined ? {} : { creationDate: before(days) }),
  ...extra,
});
const line = (stderr: string) => stderr.replace(/^losant-tokens: /gm, "").trimEnd();

/**
 * Retires `old` (whose answer to the get is `old` as given) against a list of the user's tokens that
 * answers `listed`, in that order; resolves with the run and the successor the --json document names.
 */
async function retireAmong(old: ApiToken, listed: ApiToken[], extra: string[] = []) {
  const fake = cliFake({ initial: { userTokens: [token(OLD, 100)] } });
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method !== "GET") return fake.fetch(request);
    if (url.pathname === `/me/tokens/${OLD}`) return Response.json(old);
    const page = (await (await fake.fetch(request)).json()) as object;
    return Response.json({ ...page, items: listed, count: listed.length, totalCount: listed.length });
  };
  const run = await runCli(["retire", OLD, "--json", ...extra], undefined, { fetch });
  const successor = run.code === 0 ? (JSON.parse(run.stdout) as { successor: string | null }).successor : "refused";
  return { run, successor, fake };
}

describe("the successor retire looks for", () => {
  const old = token(OLD, 100);
  const cases: { what: string; old?: ApiToken; listed: ApiToken[]; successor: string | null }[] = [
    {
      what: "a token created at the same time with a later id is newer",
      listed: [old, token("aaaaaaaaaaaaaaaaaaaaaaa6", 100)],
      successor: "aaaaaaaaaaaaaaaaaaaaaaa6",
    },
    {
      what: "a token created at the same time with an earlier id is not",
      listed: [old, token("aaaaaaaaaaaaaaaaaaaaaaa4", 100)],
      successor: "refused",
    },
    {
      what: "ids are compared in lower case: a later id in capitals is newer",
      listed: [old, token("AAAAAAAAAAAAAAAAAAAAAAA6", 100)],
      successor: "AAAAAAAAAAAAAAAAAAAAAAA6",
    },
    {
      what: "ids are compared in lower case: the old id in capitals is the old token, not its successor",
      listed: [old, token(OLD.toUpperCase(), 100)],
      successor: "refused",
    },
    {
      what: "a token created later is newer, whatever its id",
      listed: [old, token("aaaaaaaaaaaaaaaaaaaaaaa0", 1)],
      successor: "aaaaaaaaaaaaaaaaaaaaaaa0",
    },
    {
      what: "a token created earlier is not, whatever its id",
      listed: [token("aaaaaaaaaaaaaaaaaaaaaaa9", 200), old],
      successor: "refused",
    },
    {
      what: "a token without a creation date is older than the old one",
      listed: [old, token("aaaaaaaaaaaaaaaaaaaaaaa9", undefined)],
      successor: "refused",
    },
    {
      what: "any token with a creation date is newer than an old one without",
      old: token(OLD, undefined),
      listed: [token(OLD, undefined), token("aaaaaaaaaaaaaaaaaaaaaaa0", 300)],
      successor: "aaaaaaaaaaaaaaaaaaaaaaa0",
    },
    {
      what: "a token without an id, created at the same time, is not newer (no id is the earliest id)",
      listed: [old, token(undefined, 100)],
      successor: "refused",
    },
    {
      what: "of two newer tokens, the newest is the successor, whichever is listed first",
      listed: [token("aaaaaaaaaaaaaaaaaaaaaaa7", 1), token("aaaaaaaaaaaaaaaaaaaaaaa8", 2), old],
      successor: "aaaaaaaaaaaaaaaaaaaaaaa7",
    },
    {
      what: "of two newer tokens created together, the one with an id beats the one without",
      listed: [token(undefined, 1), token("aaaaaaaaaaaaaaaaaaaaaaa1", 1), old],
      successor: "aaaaaaaaaaaaaaaaaaaaaaa1",
    },
    {
      what: "the old token is never its own successor, even when the list's copy says it is newer",
      listed: [token(OLD, 1)],
      successor: "refused",
    },
  ];
  it.each(cases)("$what", async ({ old: given, listed, successor }) => {
    expect((await retireAmong(given ?? old, listed)).successor).toBe(successor);
  });
});

describe("retire's requests", () => {
  it("leaves an old token that is inactive already as it is: no update", async () => {
    const { run } = await retireAmong(token(OLD, 100, { status: "inactive" }), [], ["--force"]);
    expect(run.code).toBe(0);
    expect(run.requests.map((request) => request.method)).toEqual(["GET", "GET"]);
  });

  it("lists every token to find a nameless token's successor, as a blank name filter means no filter", async () => {
    const nameless = cliFake({
      initial: {
        userTokens: [
          { id: OLD, scope: ["devices.get"], creationDate: before(100) },
          { id: "aaaaaaaaaaaaaaaaaaaaaaa6", scope: ["devices.get"], creationDate: before(1) },
          { id: "aaaaaaaaaaaaaaaaaaaaaaa7", name: "other", scope: ["devices.get"], creationDate: before(0) },
        ],
      },
    });
    const run = await runCli(["retire", OLD, "--json"], nameless);
    expect([run.code, JSON.parse(run.stdout)]).toEqual([
      0,
      { id: OLD, name: null, state: "inactive", successor: "aaaaaaaaaaaaaaaaaaaaaaa6" },
    ]);
    expect(new URL(run.requests[1]!.url).searchParams.get("filter")).toBe("");
  });

  it("ends at Ctrl-C while listing the old token's name: interrupted, with no verdict on a successor (exit 130)", async () => {
    const fake = cliFake({ initial: { userTokens: [token(OLD, 100)] } });
    const ctrlC = new AbortController();
    // Ctrl-C comes while the list is asked for; the list is answered all the same, as a late server may.
    const fetch = async (request: Request) => {
      if (new URL(request.url).pathname === "/me/tokens") ctrlC.abort();
      return fake.fetch(request);
    };
    const run = await runCli(["retire", OLD], undefined, { fetch, signal: ctrlC.signal });
    expect([run.code, line(run.stderr)]).toEqual([130, "interrupted"]);
  });

  it("asks on a terminal before deleting, naming the token, its name and its status", async () => {
    const fake = cliFake({ initial: { userTokens: [token(OLD, 100), token("aaaaaaaaaaaaaaaaaaaaaaa6", 1)] } });
    const questions: string[] = [];
    const run = await runCli(["retire", OLD, "--delete"], fake, {
      prompt: async (question) => (questions.push(question), "y"),
    });
    expect(run.code).toBe(0);
    expect(questions).toEqual([`Delete token ${OLD} "ci-deploy" (active)? This cannot be undone. [y/N] `]);
  });
});

describe("retire's usage errors (exit 2, before any request)", () => {
  it.each([
    { argv: ["retire"], message: "retire needs <id>: losant-tokens retire <id>" },
    {
      argv: ["retire", "not-an-id"],
      message: '<id> "not-an-id" is not an id: Losant ids are 24 hexadecimal digits',
    },
  ])("$argv.1: $message", async ({ argv, message }) => {
    const run = await runCli(argv, cliFake());
    expect([run.code, line(run.stderr), run.requests.length]).toEqual([2, message, 0]);
  });
});
