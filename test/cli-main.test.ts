// The CLI's entry as a user meets it, in process: how the command line is read, the one line an error
// gets and its exit code, what the run hands the commands (width, owner, progress, a discarded stdout),
// and Ctrl-C, on main() and on runProcess() with a process of the test's own.
import type { EventEmitter } from "node:events";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { PassThrough } from "node:stream";
import { describe, expect, it, onTestFinished } from "vitest";
import { serve } from "../scripts/fake.mjs";
import { EXITED, processOf } from "./support/cli-in-process.js";
import { CLI_TOKEN, cliFake, runCli } from "./support/cli.js";

const ID = "aaaaaaaaaaaaaaaaaaaaaaa1";
const APP = "5f1e2d3c4b5a69788796a5b4";
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

describe("Ctrl-C, as main sees it: its signal aborted", () => {
  /** A fetch that is interrupted as it is called: the request fails with its signal's reason once aborted, else is answered. */
  const interrupting =
    (controller: AbortController, store = fake()) =>
    (request: Request) => {
      controller.abort();
      return request.signal.aborted ? Promise.reject(request.signal.reason) : store.fetch(request);
    };

  it("stops the calls it makes, and says interrupted, exit 130", async () => {
    const controller = new AbortController();
    const run = await runCli(["list"], undefined, { fetch: interrupting(controller), signal: controller.signal });
    expect([run.code, run.stderr, run.stdout]).toEqual([130, "losant-tokens: interrupted\n", ""]);
  });

  it("lets a command say what its interruption may have left, exit 130", async () => {
    const controller = new AbortController();
    const run = await runCli(["create", "--name", "x"], undefined, {
      fetch: interrupting(controller),
      signal: controller.signal,
    });
    expect([run.code, line(run.stderr)]).toEqual([
      130,
      'interrupted: a token named "x" may have been created, and nobody holds its secret; look with losant-tokens list and delete it',
    ]);
  });
});

/** An API on a free port that answers every request with `answer`, after `received` ran; closed when the test ends. */
async function api(received: () => void, answer = { status: 400, body: { type: "Validation", message: "no" } }) {
  const server = createServer((request, response) => {
    request.resume();
    received();
    response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  onTestFinished(() => {
    server.closeAllConnections();
    return new Promise<void>((closed) => server.close(() => closed()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("Ctrl-C on the executable's process", () => {
  it("stops the request in flight at the first, says interrupted, and exits 130 without ending the process", async () => {
    let sent: unknown;
    const url = await api(() => {
      sent = signals.emit("SIGINT");
    });
    const { out, signals, run } = processOf(["list", "--retries", "0"], {
      LOSANT_TOKEN: CLI_TOKEN,
      LOSANT_API_URL: url,
    });
    expect(await run()).toBe(130);
    expect([sent, out.stderr, out.exits]).toEqual([true, "losant-tokens: interrupted\n", []]);
  });

  it("ends the process at once, exit 130, at the second", async () => {
    const thrown: unknown[] = [];
    const url = await api(() => {
      for (const _ of [1, 2]) {
        try {
          signals.emit("SIGINT");
        } catch (error) {
          thrown.push(error);
        }
      }
    });
    const { out, signals, run } = processOf(["list", "--retries", "0"], {
      LOSANT_TOKEN: CLI_TOKEN,
      LOSANT_API_URL: url,
    });
    expect(await run()).toBe(130);
    expect([out.exits, thrown]).toEqual([[130], [EXITED]]);
  });
});

describe("Ctrl-C at delete's question", () => {
  /** The fake over HTTP on a free port, with one token, closed when the test ends. */
  async function served() {
    const store = fake();
    const server = await serve((request: Request) => store.fetch(request), { port: 0 });
    onTestFinished(() => server.close());
    return { store, url: server.url as string };
  }

  it.each([
    ["typed on the terminal", (stdin: PassThrough) => stdin.write("\x03")],
    // Then "n" is typed too: a question the signal did not stop would take it, and end the run otherwise.
    [
      "sent to the process",
      (stdin: PassThrough, signals: EventEmitter) => {
        signals.emit("SIGINT");
        stdin.write("n\n");
      },
    ],
  ])("%s, stops the question: nothing is deleted, exit 130", async (_how, interrupt) => {
    const { store, url } = await served();
    const { out, run } = processOf(
      ["delete", ID],
      { LOSANT_TOKEN: CLI_TOKEN, LOSANT_API_URL: url },
      { tty: true, asked: interrupt },
    );
    expect(await run()).toBe(130);
    expect(out.stderr.endsWith("losant-tokens: interrupted\n")).toBe(true);
    expect([out.stdout, out.exits, store.state().userTokens.length]).toEqual(["", [], 1]);
  });
});

describe("a new secret where stdout goes nowhere", () => {
  // [where stdout goes, the file it is opened on (none: a stream with no descriptor), whether create refuses]
  it.each([
    ["/dev/null, as Node opens a closed stdout", () => "/dev/null", true],
    ["another character device, /dev/zero", () => "/dev/zero", false],
    ["a file", async () => path.join(await temporary(), "out"), false],
    ["a stream with no file descriptor", () => undefined, false],
  ])("is refused before any request only when stdout is /dev/null: %s", async (_where, file, refused) => {
    let requests = 0;
    const url = await api(() => void (requests += 1));
    const target = await file();
    const handle = target === undefined ? undefined : await open(target, "w");
    onTestFinished(() => handle?.close());
    const { out, run } = processOf(
      ["create", "--name", "x", "--retries", "0"],
      { LOSANT_TOKEN: CLI_TOKEN, LOSANT_API_URL: url },
      handle === undefined ? {} : { fd: handle.fd },
    );
    const code = await run();
    if (refused) {
      expect([code, line(out.stderr), requests]).toEqual([
        2,
        "stdout is closed or /dev/null, and the new secret would be lost there: pass --secret-file <path>, or send stdout somewhere",
        0,
      ]);
    } else {
      expect([code, requests]).toEqual([1, 1]);
      expect(line(out.stderr)).toMatch(/^Losant API 400 Validation: no /);
    }
  });
});

/** A folder of the test's own, removed when it ends. */
async function temporary() {
  const dir = await mkdtemp(path.join(tmpdir(), "losant-cli-main-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
