import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliFake, runCli } from "./support/cli.js";

const ID = "aaaaaaaaaaaaaaaaaaaaaaa1";
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "losant-cli-bad-"));
  await writeFile(path.join(dir, "empty"), "  \n");
  await writeFile(path.join(dir, "two-lines"), "first\nsecond\n");
  await writeFile(path.join(dir, "exists"), "keep me\n");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// [what is wrong, argv, environment (merged over LOSANT_TOKEN), what the one line on stderr says]
const cases: [string, string[], Record<string, string | undefined>, RegExp][] = [
  ["an unknown command", ["lst"], {}, /^unknown command "lst": did you mean list/],
  ["no command, only options", ["--json"], {}, /^no command given/],
  ["an unknown flag", ["list", "--bogus"], {}, /^unknown option --bogus for list/],
  ["a flag of another command", ["get", ID, "--yes"], {}, /^unknown option --yes for get/],
  ["a missing value", ["create", "--name"], {}, /^--name needs a value/],
  ["a value to a switch", ["list", "--desc=yes"], {}, /^--desc takes no value/],
  ["a missing id", ["get"], {}, /^get needs <id>/],
  ["an extra argument", ["get", ID, ID], {}, /^unexpected argument "aaaaaaaaaaaaaaaaaaaaaaa1" for get/],
  ["a bad id", ["get", "not-an-id"], {}, /^<id> "not-an-id" is not an id: Losant ids are 24 hexadecimal digits$/],
  ["a bad id to delete", ["delete", "123", "--yes"], {}, /^<id> "123" is not an id/],
  ["a bad id to rotate", ["rotate", "zzzzzzzzzzzzzzzzzzzzzzzz"], {}, /^<id> "z+" is not an id/],
  ["a bad application id", ["list", "--application", "my-app"], {}, /^--application "my-app" is not an id/],
  [
    "a bad duration",
    ["create", "--name", "x", "--expires-in", "30 days"],
    {},
    /^--expires-in "30 days" is not a duration: give a whole number and a unit, such as 30d, 12h, 30m or 90s \(at most 36500d\)$/,
  ],
  [
    "milliseconds where they do not fit",
    ["create", "--name", "x", "--expires-in", "500ms"],
    {},
    /^--expires-in "500ms" is not a duration: .*30d, 12h, 30m or 90s \(/,
  ],
  [
    "a bad timeout",
    ["list", "--timeout", "soon"],
    {},
    /^--timeout "soon" is not a duration: .*30d, 12h, 30m, 90s or 500ms \(at most 1h\)$/,
  ],
  ["a timeout past an hour", ["list", "--timeout", "61m"], {}, /^--timeout "61m" is not a duration/],
  ["retries past 10", ["list", "--retries", "11"], {}, /^--retries "11" is not a whole number from 0 to 10$/],
  ["a limit of 0", ["list", "--limit", "0"], {}, /^--limit "0" is not a whole number from 1 to 10000$/],
  [
    "a limit past the bound",
    ["audit", "--limit", "10001"],
    {},
    /^--limit "10001" is not a whole number from 1 to 10000$/,
  ],
  [
    "--limit with --strict",
    ["audit", "--limit", "5", "--strict"],
    {},
    /^--limit cannot be given with --strict: a gate must see every token$/,
  ],
  [
    "a shell completion cannot serve",
    ["completion", "powershell"],
    {},
    /^completion "powershell" is not a shell this tool completes for: bash, zsh or fish$/,
  ],
  ["an empty --api-url", ["list", "--api-url", ""], {}, /^--api-url is empty/],
  [
    "a repeated --application",
    ["list", "--application", ID, "--application", ID],
    {},
    /^--application was given more than once: give it once$/,
  ],
  ["a duration of zero", ["rotate", ID, "--expires-in", "0d"], {}, /^--expires-in "0d" is not a duration/],
  ["a duration in weeks", ["audit", "--within", "2w"], {}, /^--within "2w" is not a duration/],
  [
    "a bad date",
    ["create", "--name", "x", "--expires-at", "next tuesday"],
    {},
    /^--expires-at "next tuesday" is not an ISO date/,
  ],
  [
    "a day that does not exist",
    ["create", "--name", "x", "--expires-at", "2027-02-31"],
    {},
    /^--expires-at "2027-02-31" is not an ISO date/,
  ],
  [
    "a time without its offset",
    ["create", "--name", "x", "--expires-at", "2027-02-01T10:00"],
    {},
    /^--expires-at "2027-02-01T10:00" is not an ISO date/,
  ],
  ["a date in the past", ["rotate", ID, "--expires-at", "2020-01-01"], {}, /^--expires-at "2020-01-01" is in the past/],
  [
    "both expiry options",
    ["create", "--name", "x", "--expires-in", "1d", "--expires-at", "2027-01-01"],
    {},
    /^--expires-in and --expires-at cannot both be given/,
  ],
  [
    "a scope outside Losant's vocabulary",
    ["create", "--name", "x", "--scope", "devices.gett"],
    {},
    /^--scope "devices.gett" is not one of Losant's scopes: did you mean devices\.get, /,
  ],
  [
    "a scope in the wrong case",
    ["create", "--name", "x", "--scope", "ALL.APPLICATION"],
    {},
    /^--scope "ALL.APPLICATION" is not one of Losant's scopes: did you mean all\.Application\b/,
  ],
  ["a bad status", ["update", ID, "--status", "disabled"], {}, /^--status "disabled" is not one of active, inactive$/],
  [
    "a bad role",
    ["create", "--name", "x", "--role", "owner"],
    {},
    /^--role "owner" is not one of admin, edit, collaborate, view, none$/,
  ],
  [
    "a bad sort field",
    ["list", "--sort", "created"],
    {},
    /^--sort "created" is not one of name, status, id, creationDate, lastUpdated, expirationDate$/,
  ],
  ["no name to create", ["create", "--scope", "all.Application"], {}, /^create needs --name <name>$/],
  ["an empty name", ["create", "--name", ""], {}, /^--name must have 1 to 255 characters, got 0$/],
  [
    "a name of 256 characters",
    ["create", "--name", "n".repeat(256)],
    {},
    /^--name must have 1 to 255 characters, got 256$/,
  ],
  ["nothing to update", ["update", ID], {}, /^update needs at least one of --name, --description, --status, --role$/],
  ["no token", ["list"], { LOSANT_TOKEN: undefined }, /^no API token: set LOSANT_TOKEN, or pass --token-file <path>/],
  ["an empty LOSANT_TOKEN", ["list"], { LOSANT_TOKEN: "" }, /^no API token/],
  [
    "a token on the command line",
    ["list", "--token", "s3cr3t-value"],
    {},
    /^--token is refused: other users of this machine can read a command line with ps; set LOSANT_TOKEN or pass --token-file <path>$/,
  ],
  ["a token on the command line with =", ["--token=s3cr3t-value", "list"], {}, /^--token is refused: .* ps/],
  [
    "a token that is no bearer token",
    ["list"],
    { LOSANT_TOKEN: "has spaces in it" },
    /^the token from LOSANT_TOKEN is not a bearer token/,
  ],
  [
    "http:// off loopback in LOSANT_API_URL",
    ["list"],
    { LOSANT_API_URL: "http://api.example.com" },
    /^LOSANT_API_URL "http:\/\/api.example.com" would send the token in clear text off loopback: use https:\/\/$/,
  ],
  [
    "http:// off loopback in --api-url",
    ["list", "--api-url", "http://10.0.0.8:8080"],
    {},
    /^--api-url "http:\/\/10.0.0.8:8080" would send the token in clear text off loopback/,
  ],
  [
    "an --api-url that is no URL",
    ["list", "--api-url", "api.losant.com"],
    {},
    /^--api-url "api.losant.com" must be an absolute https:\/\/ URL/,
  ],
  [
    "delete off a terminal without --yes",
    ["delete", ID],
    {},
    /^delete asks before deleting, and stdin and stderr are not both terminals: pass --yes/,
  ],
];

describe("bad input", () => {
  it.each(cases)(
    "refuses %s with exit 2 and one line on stderr naming it, sending nothing",
    async (_what, argv, env, message) => {
      const fake = cliFake();
      const run = await runCli(argv, fake, { env });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^losant-tokens: [^\n]+\n$/);
      expect(run.stderr.replace(/^losant-tokens: /, "").trimEnd()).toMatch(message);
      expect(run.stdout).toBe("");
      expect(run.requests).toEqual([]);
    },
  );

  it.each([
    ["a missing file", "missing", /^--token-file ".*missing" cannot be read: no such file or directory$/],
    ["an empty file", "empty", /^--token-file ".*empty" is empty: it must hold the token on one line$/],
    [
      "a file of two lines",
      "two-lines",
      /^--token-file ".*two-lines" has 2 lines: it must hold the token alone, on one line$/,
    ],
    ["a folder", ".", /^--token-file ".*" cannot be read: it is a directory$/],
  ])("refuses --token-file naming %s, sending nothing", async (_what, name, message) => {
    const run = await runCli(["list", "--token-file", path.join(dir, name)], cliFake(), {
      env: { LOSANT_TOKEN: undefined },
    });
    expect(run.code).toBe(2);
    expect(run.stderr.replace(/^losant-tokens: /, "").trimEnd()).toMatch(message);
    expect(run.requests).toEqual([]);
  });

  it("reads --token-file as one line, trimmed, in place of LOSANT_TOKEN", async () => {
    await writeFile(path.join(dir, "token"), "  file-token.xyz \n");
    const run = await runCli(["list", "--json", "--token-file", path.join(dir, "token")], cliFake(), {
      env: { LOSANT_TOKEN: "env-token" },
    });
    expect(run.code).toBe(0);
    expect(run.requests[0]?.headers.get("authorization")).toBe("Bearer file-token.xyz");
  });

  it("never overwrites an existing --secret-file, and creates no token", async () => {
    const fake = cliFake();
    const run = await runCli(["create", "--name", "x", "--secret-file", path.join(dir, "exists")], fake);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^losant-tokens: --secret-file ".*exists" cannot be created: it already exists, and a secret file is never overwritten: choose a new path\n$/,
    );
    expect(run.requests).toEqual([]);
    expect(fake.state().userTokens).toEqual([]);
  });

  it("refuses --token before anything else, and never echoes its value", async () => {
    const run = await runCli(["--token", "s3cr3t-value", "lst", "--bogus"], cliFake());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--token is refused");
    expect(run.stderr).not.toContain("s3cr3t");
  });
});
