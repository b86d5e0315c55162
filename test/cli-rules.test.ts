// The CLI's decisions, read from tables: the audit policy, durations and dates, ids and lengths, and the
// help each command prints (kept in test/fixtures/cli-help/, so that a change to it is seen in review).
import { describe, expect, it } from "vitest";
import { auditTokens } from "../src/audit/index.js";
import { description, id, name } from "../src/cli/checks.js";
import { parseDate, parseDuration } from "../src/cli/durations.js";
import type { ApiToken } from "../src/types.js";
import { cliFake, runCli } from "./support/cli.js";

const NOW = new Date("2026-01-15T09:30:00.000Z");
const DAY = 86_400_000;
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
/** What one call throws, as its message, or "ok". */
const outcome = (run: () => unknown) => {
  try {
    run();
    return "ok";
  } catch (error) {
    return (error as Error).message;
  }
};

/** The findings on one of the user's tokens under the default policy, with `windowMs` as the horizon of `expiring`. */
const findingsOf = (token: ApiToken, now: Date, windowMs: number) =>
  auditTokens([{ kind: "api", owner: { type: "user", id: "", name: null }, token }], { within: windowMs }, now)[0]
    ?.findings;

describe("the audit policy", () => {
  // [token, findings with a 30-day horizon]
  const cases: [string, Partial<ApiToken>, string[]][] = [
    ["expiring at this very moment, active", { expirationDate: at(0) }, ["expired"]],
    ["expiring at this very moment, inactive", { expirationDate: at(0), status: "inactive" }, ["inactive"]],
    [
      "past its expiry, inactive: nothing more to do than note it",
      { expirationDate: at(-DAY), status: "inactive" },
      ["inactive"],
    ],
    ["a millisecond from now", { expirationDate: at(1) }, ["expiring"]],
    ["exactly at the horizon", { expirationDate: at(30 * DAY) }, ["expiring"]],
    ["a millisecond past the horizon", { expirationDate: at(30 * DAY + 1) }, []],
    ["without an expiry, with an all.* scope", { scope: ["all.User.read"] }, ["no-expiry", "broad-scope"]],
    ["with only narrow scopes", { expirationDate: at(90 * DAY), scope: ["devices.get", "data.export"] }, []],
  ];
  it.each(cases)("finds on a token %s: %j", (_what, token, findings) => {
    expect(findingsOf({ id: "a", name: "t", status: "active", ...token } as ApiToken, NOW, 30 * DAY)).toEqual(findings);
  });
});

describe("durations and dates", () => {
  it.each([
    ["30d", 30 * DAY],
    ["12h", 12 * 3_600_000],
    ["90m", 90 * 60_000],
    ["36500d", 36_500 * DAY],
    ["876000h", 36_500 * DAY],
  ])("reads %s", (text, ms) => {
    expect(parseDuration(text, "--expires-in")).toBe(ms);
  });

  it.each(["36501d", "876001h", "x30d", "30dx", "30 d", "0m", "1w"])("refuses %s as a duration", (text) => {
    expect(outcome(() => parseDuration(text, "--expires-in"))).toMatch(
      /^--expires-in ".*" is not a duration: .* \(at most 36500d\)$/,
    );
  });

  it.each([
    [3_600_000, "1h"],
    [90_000, "90s"],
    [1_500, "1500ms"],
  ])("names a longest of %i ms as %s, in the largest unit that divides it", (max, spelt) => {
    expect(outcome(() => parseDuration("2h", "--timeout", { ms: true, max }))).toBe(
      `--timeout "2h" is not a duration: give a whole number and a unit, such as 30d, 12h, 30m, 90s or 500ms (at most ${spelt})`,
    );
  });

  it.each([
    ["2027-01-31", "2027-01-31T00:00:00.000Z"],
    ["2028-02-29", "2028-02-29T00:00:00.000Z"],
    ["2027-01-31T12:00Z", "2027-01-31T12:00:00.000Z"],
    ["2027-01-31T12:00:30+02:00", "2027-01-31T10:00:30.000Z"],
    ["2027-01-31T12:00:30.123456789Z", "2027-01-31T12:00:30.123Z"],
  ])("reads the date %s", (text, iso) => {
    expect(parseDate(text, "--expires-at", NOW).toISOString()).toBe(iso);
  });

  it.each([
    ...[
      "2027-02-29",
      "2027-13-01",
      "2027-04-31",
      "2027-00-10",
      "x2027-01-31",
      "2027-01-31x",
      "2027-01-31T12:00:30.Z",
      "2027-01-31T12:00:30.1234567890Z",
      "2027-01-31T12Z",
      "2027-01-31T12:00",
    ],
    // JavaScript's Date takes each of these: only the whole ISO pattern refuses them.
    ...["12027-01-31", " 2027-01-31", "2027-1-31", "2027-01-31 12:00Z", "2027-01-31T12:00:30+0200"],
  ])("refuses %s as a date", (text) => {
    expect(outcome(() => parseDate(text, "--expires-at", NOW))).toMatch(
      /^--expires-at ".*" is not an ISO date: give 2027-01-31 or 2027-01-31T12:00:00Z$/,
    );
  });

  it("refuses the present moment as an expiry, and takes the next millisecond", () => {
    expect(outcome(() => parseDate(NOW.toISOString(), "--expires-at", NOW))).toBe(
      `--expires-at "${NOW.toISOString()}" is in the past: a token cannot be created already expired`,
    );
    expect(parseDate(at(1), "--expires-at", NOW).toISOString()).toBe(at(1));
  });
});

describe("ids and lengths", () => {
  it.each([
    ["24 hexadecimal digits", "5f1e2d3c4b5a69788796a5b4", "ok"],
    ["capitals", "5F1E2D3C4B5A69788796A5B4", "ok"],
    [
      "a character before",
      "x5f1e2d3c4b5a69788796a5b4",
      'id "x5f1e2d3c4b5a69788796a5b4" is not an id: Losant ids are 24 hexadecimal digits',
    ],
    [
      "a character after",
      "5f1e2d3c4b5a69788796a5b4x",
      'id "5f1e2d3c4b5a69788796a5b4x" is not an id: Losant ids are 24 hexadecimal digits',
    ],
    [
      "25 digits",
      "5f1e2d3c4b5a69788796a5b45",
      'id "5f1e2d3c4b5a69788796a5b45" is not an id: Losant ids are 24 hexadecimal digits',
    ],
  ])("takes or refuses an id of %s", (_what, text, expected) => {
    expect(outcome(() => id(text, "id"))).toBe(expected);
  });

  it("takes a name of 255 characters and a description of 32,767, and refuses one more of either", () => {
    expect([outcome(() => name("n".repeat(255))), outcome(() => name("n".repeat(256)))]).toEqual([
      "ok",
      "--name must have 1 to 255 characters, got 256",
    ]);
    expect([outcome(() => description("d".repeat(32_767))), outcome(() => description("d".repeat(32_768)))]).toEqual([
      "ok",
      "--description must have at most 32767 characters, got 32768",
    ]);
  });
});

describe("the help each command prints", () => {
  it.each([
    "",
    "list",
    "get",
    "create",
    "update",
    "delete",
    "rotate",
    "retire",
    "oauth",
    "oauth list",
    "oauth get",
    "oauth revoke",
    "oauth rotate",
    "oauth retire",
    "audit",
    "completion",
  ])("reads as committed in test/fixtures/cli-help/ (%s)", async (command) => {
    const run = await runCli(command ? [...command.split(" "), "--help"] : ["--help"], cliFake(), {
      env: { LOSANT_TOKEN: undefined },
    });
    expect(run.code).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot(
      `./fixtures/cli-help/${command.replace(" ", "-") || "losant-tokens"}.txt`,
    );
  });
});
