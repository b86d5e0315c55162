// The CLI's entry as a user meets it, in process: how the command line is read, the one line an error
// gets and its exit code, what the run hands the commands (width, owner, progress, a discarded stdout),
// and Ctrl-C, on main() and on runProcess() with a process of the test's own.
import { EventEmitter } from "node:events";
import { open } from "node:fs/promises";
import { PassThrough, Writable } from "node:stream";
import { describe, expect, it, onTestFinished } from "vitest";
import { runProcess, type CliProcess } from "../src/cli/main.js";
import { CLI_TOKEN, cliFake, runCli } from "./support/cli.js";

const ID = "aaaaaaaaaaaaaaaaaaaaaaa1";
const APP = "5f1e2d3c4b5a69788796a5b4";
const EXITED = new Error("process.exit() called");
/** The one line a run wrote on stderr, without the tool's prefix. */
const line = (stderr: string) => stderr.replace(/^losant-tokens: /, "").replace(/\n$/, "");
const fake = () => cliFake({ initial: { userTokens: [{ id: ID, name: "deploy", status: "active" }] } });

describe("the command line", () => {
  // [what, argv, the one line on stderr]
  it.each([
    [
      "an unknown subcommand near none",
      ["oauth", "zzzzzz"],
      'unknown subcommand "zzzzzz" for oauth: it takes list, get, revoke (see losant-tokens oauth --help)',
    ],
    [
      "an unknown option of a subcommand",
      ["oauth", "list", "--bogus"],
      "unknown option --bogus for oauth list: see losant-tokens oauth list --help",
    ],
    [
      "an unknown option before a subcommand",
      ["oauth", "--bogus", "list"],
      "unknown option --bogus for oauth list: see losant-tokens oauth list --help",
    ],
    // Under 4 letters, a name is near an option one edit away, not two: --js is no --json.
    [
      "a short unknown option two edits from one",
      ["list", "--js"],
      "unknown option --js for list: see losant-tokens list --help",
    ],
    [
      "an unknown option near two",
      ["list", "--stat", "x"],
      "unknown option --stat for list: did you mean --status or --sort? (see losant-tokens list --help)",
    ],
    // An option that is not all letters, digits and dashes is quoted, as any user input is.
    [
      "an unknown option with a dot inside",
      ["list", "--a.b-c"],
      'unknown option "--a.b-c" for list: see losant-tokens list --help',
    ],
    [
      "an unknown option ending in a dot",
      ["list", "--ab."],
      'unknown option "--ab." for list: see losant-tokens list --help',
    ],
  ])("says what is wrong with %s, in one line", async (_what, argv, message) => {
    const run = await runCli(argv, fake());
    expect([run.code, line(run.stderr), run.stdout]).toEqual([2, message, ""]);
  });

  it("takes a switch given twice, as it takes a string option given once", async () => {
    const run = await runCli(["list", "--json", "--json"], fake());
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(JSON.parse(run.stdout)).toHaveLength(1);
  });
});

describe("the one line an error gets", () => {
  const prompting = (error: unknown) => ({ prompt: () => Promise.reject(error) });

  // JavaScript's own errors, and values no code throws on purpose, say nothing a user can act on.
  it.each([
    ["a TypeError", new TypeError("answer.trim is not a function")],
    ["a RangeError", new RangeError("Invalid array length")],
    ["a number", 42],
    ["an object", { reason: "gone" }],
    ["undefined", undefined],
  ])("says an unexpected error for %s, exit 1", async (_what, error) => {
    const run = await runCli(["delete", ID], fake(), prompting(error));
    expect([run.code, run.stderr]).toEqual([
      1,
      "losant-tokens: failed: an unexpected error; run again, and report it if it persists\n",
    ]);
  });

  it("names an error by its code when the code is not a system's name", async () => {
    const run = await runCli(["delete", ID], fake(), prompting(Object.assign(new Error("no tty"), { code: 5 })));
    expect([run.code, run.stderr]).toEqual([1, "losant-tokens: failed: error 5\n"]);
  });

  it("says stdout could not be written, and why in words, when a write fails, exit 1", async () => {
    const stdoutError = Object.assign(new Error("write EIO"), { code: "EIO" });
    const run = await runCli(["list"], fake(), { stdoutError });
    expect([run.code, run.stderr]).toEqual([1, "losant-tokens: could not write to stdout: input/output error (EIO)\n"]);
  });

  it("ends quietly, exit 0, when the reader of stdout has gone away", async () => {
    const stdoutError = Object.assign(new Error("write EPIPE"), { code: "EPIPE" });
    expect(await runCli(["list"], fake(), { stdoutError })).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });

  it("names the bytes the tool reads when an answer is larger, not the library's option", async () => {
    const huge = () => Promise.resolve(new Response("x".repeat(10 * 1024 * 1024 + 1)));
    const run = await runCli(["list"], undefined, { fetch: huge });
    expect(run.code).toBe(1);
    expect(line(run.stderr)).toMatch(/: the response body is larger than the 10485760 bytes this tool reads/);
  });

  it("names the host of LOSANT_API_URL when a request got no answer", async () => {
    const run = await runCli(["list", "--retries", "0"], undefined, {
      env: { LOSANT_API_URL: "https://nowhere.example" },
      fetch: () => Promise.reject(new TypeError("fetch failed", { cause: { code: "ENOTFOUND" } })),
    });
    expect([run.code, line(run.stderr)]).toEqual([
      1,
      "cannot reach nowhere.example: no such host (the name does not resolve) (1 attempt)",
    ]);
  });
});

describe("what a run hands its command", () => {
  it("a table at its full width with --wide, even on a narrow terminal", async () => {
    const long = cliFake({ initial: { userTokens: [{ id: ID, name: "n".repeat(60), status: "active" }] } });
    const narrow = await runCli(["list"], long, { tty: true, columns: 40, env: { NO_COLOR: "1" } });
    expect(narrow.stdout.split("\n")[1]).not.toContain("n".repeat(60));
    const wide = await runCli(["list", "--wide"], long, { tty: true, columns: 40, env: { NO_COLOR: "1" } });
    expect(wide.stdout.split("\n")[1]).toContain(`${ID}  ${"n".repeat(60)}  active`);
  });

  it.each([["--application"], ["--instance"]])("whether %s was given: oauth refuses an owner", async (flag) => {
    const run = await runCli(["oauth", "list", flag, APP], fake());
    expect([run.code, line(run.stderr)]).toEqual([
      2,
      "OAuth grants belong to you: --application and --instance do not apply to oauth commands",
    ]);
  });
});
