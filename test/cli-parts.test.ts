// The CLI's parts as a user meets them: the executable on its process, the command line's parsing, the
// one line an error gets, the files it reads and writes, and how tables and fields read. Each runs the
// CLI in process (main(), or runProcess() with a process of the test's own), against the fake.
import { chmod, copyFile, mkdir, mkdtemp, open, readdir, readlink, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { serve } from "../scripts/fake.mjs";
import { processOf } from "./support/cli-in-process.js";
import { distance } from "../src/cli/scopes.js";
import type { ApiToken } from "../src/types.js";
import { APP_ID, CLI_TOKEN, cliFake, runCli } from "./support/cli.js";

const ID = "aaaaaaaaaaaaaaaaaaaaaaa1";
/** The one line a run wrote on stderr, without the tool's prefix. */
const line = (stderr: string) => stderr.replace(/^losant-tokens: /, "").replace(/\n$/, "");

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "losant-cli-parts-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The fake over HTTP on a free port, closed when the test ends. */
async function served(tokens: { id: string; name: string; status?: "active" | "inactive" }[]) {
  const fake = cliFake({ initial: { userTokens: tokens } });
  const server = await serve((request: Request) => fake.fetch(request), { port: 0 });
  onTestFinished(() => server.close());
  return { fake, url: server.url as string };
}

describe("the losant-tokens executable, on its process", () => {
  it("takes the arguments after node's and the script's paths, and resolves with the exit code", async () => {
    const { out, run } = processOf(["--help"], {});
    expect(await run()).toBe(0);
    expect(out.stdout).toMatch(/^losant-tokens: list, create, rotate, revoke and audit Losant API tokens\n/);
    const failing = processOf(["get", "nope"], { LOSANT_TOKEN: CLI_TOKEN });
    expect(await failing.run()).toBe(2);
    expect(failing.out.stderr).toBe('losant-tokens: <id> "nope" is not an id: Losant ids are 24 hexadecimal digits\n');
  });

  it("asks on stderr when stdin is a terminal, reads the answer from stdin, and stops reading it once answered", async () => {
    const { fake, url } = await served([{ id: ID, name: "deploy", status: "active" }]);
    const { out, stdin, run } = processOf(
      ["delete", ID],
      { LOSANT_TOKEN: CLI_TOKEN, LOSANT_API_URL: url },
      { tty: true, asked: (stdin) => stdin.write("yes\n") },
    );
    expect(await run()).toBe(0);
    // stderr is a terminal: readline moves to the line's start before asking, and echoes what is typed.
    expect(
      out.stderr.startsWith(`\x1b[1G\x1b[0JDelete token ${ID} "deploy" (active)? This cannot be undone. [y/N] `),
    ).toBe(true);
    expect(out.stdout).toBe(`Deleted token ${ID}.\n`);
    expect(fake.state().userTokens).toEqual([]);
    // A terminal interface left open would keep reading stdin, and the process would never exit. (On a
    // terminal, readline's keypress reader stays attached until the next data, but stdin is paused.)
    expect(stdin.isPaused()).toBe(true);
  });

  it("runs on the system's clock", async () => {
    const { fake, url } = await served([]);
    const { run } = processOf(["create", "--name", "x", "--expires-in", "1d", "--json"], {
      LOSANT_TOKEN: CLI_TOKEN,
      LOSANT_API_URL: url,
    });
    const before = Date.now();
    expect(await run()).toBe(0);
    const expires = Date.parse(fake.state().userTokens[0]?.expirationDate ?? "");
    expect(expires - 86_400_000).toBeGreaterThanOrEqual(before);
    expect(expires - 86_400_000).toBeLessThanOrEqual(Date.now());
  });

  it("asks nothing when stdin is not a terminal: delete needs --yes", async () => {
    const { out, run } = processOf(["delete", ID], { LOSANT_TOKEN: CLI_TOKEN, LOSANT_API_URL: "http://127.0.0.1:9" });
    expect(await run()).toBe(2);
    expect(line(out.stderr)).toBe(
      "delete asks before deleting, and stdin and stderr are not both terminals: pass --yes to delete without asking",
    );
  });

  it("asks nothing when stdin is a terminal but stderr, where the question goes, is not", async () => {
    const { proc, out, run } = processOf(
      ["delete", ID],
      { LOSANT_TOKEN: CLI_TOKEN, LOSANT_API_URL: "http://127.0.0.1:9" },
      { tty: true },
    );
    Object.assign(proc.stderr, { isTTY: false });
    expect(await run()).toBe(2);
    expect(line(out.stderr)).toMatch(/^delete asks before deleting, and stdin and stderr are not both terminals/);
  });

  it("leaves stdout's errors to the writes that meet them: an error event neither throws nor ends the process", async () => {
    const { proc, out, run } = processOf(["--help"], {});
    await run();
    expect(() => proc.stdout.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }))).not.toThrow();
    expect(() => proc.stderr.emit("error", Object.assign(new Error("write EIO"), { code: "EIO" }))).not.toThrow();
    expect(out.exits).toEqual([]);
  });

  it("stops listening for Ctrl-C once the command is done", async () => {
    const { signals, run } = processOf(["--help"], {});
    await run();
    expect(signals.listenerCount("SIGINT")).toBe(0);
  });
});

describe("the version", () => {
  it("is printed with --version and -V, and nothing else, exit 0", async () => {
    const { version } = (await import("../package.json", { with: { type: "json" } })).default as { version: string };
    for (const flag of ["--version", "-V"])
      expect(await runCli([flag], cliFake())).toMatchObject({
        code: 0,
        stdout: `losant-tokens ${version}\n`,
        stderr: "",
      });
  });

  /** version() as it runs from a copy of its module at `at` under `root`, with the package.json files given. */
  const versionIn = async (at: string, files: Record<string, object>) => {
    const root = await mkdtemp(path.join(dir, "package-"));
    await mkdir(path.join(root, at), { recursive: true });
    for (const [file, content] of Object.entries(files))
      await writeFile(path.join(root, file), JSON.stringify(content));
    const copy = path.join(root, at, "version.ts");
    await copyFile(new URL("../src/cli/version.ts", import.meta.url), copy);
    const module = (await import(pathToFileURL(copy).href)) as typeof import("../src/cli/version.js");
    return module.version();
  };

  it("is read from the package's own package.json in dist/src/cli too, past a nearer one of another name", async () => {
    const files = { "package.json": { name: "losant-access-tokens", version: "9.8.7" }, "dist/package.json": {} };
    expect(await versionIn("dist/src/cli", files)).toBe("9.8.7");
  });

  it("is unknown when no package.json of the package is found", async () => {
    expect(await versionIn("dist/src/cli", { "package.json": { name: "another", version: "1.0.0" } })).toBe("unknown");
  });
});

describe("the command line", () => {
  it("refuses --token wherever it is, but not after --, where it is an argument", async () => {
    expect(line((await runCli(["get", "--", "--token"], cliFake())).stderr)).toBe(
      '<id> "--token" is not an id: Losant ids are 24 hexadecimal digits',
    );
    expect(line((await runCli(["get", "--", "--token=x"], cliFake())).stderr)).toBe(
      '<id> "--token=x" is not an id: Losant ids are 24 hexadecimal digits',
    );
  });

  it("finds the command after options that come first, values included", async () => {
    const fake = cliFake({ initial: { userTokens: [{ id: ID, name: "b" }, { name: "a" }] } });
    const run = await runCli(["--sort", "name", "--json", "list"], fake);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as ApiToken[]).map((token) => token.name)).toEqual(["a", "b"]);
  });

  it("shows a command's help for help <command>, whatever options come before the command's name", async () => {
    const run = await runCli(["help", "--json", "get"], cliFake());
    expect(run.stdout).toMatch(/^losant-tokens get: Show one token\n/);
    expect((await runCli(["help"], cliFake())).stdout).toBe((await runCli([], cliFake())).stdout);
  });

  it("shows a command's help with --help even when its arguments are missing or extra", async () => {
    for (const argv of [
      ["get", "--help"],
      ["get", ID, ID, "--help"],
    ]) {
      const run = await runCli(argv, cliFake());
      expect([run.code, run.stdout.split("\n")[0]]).toEqual([0, "losant-tokens get: Show one token"]);
    }
  });

  // [what, argv, the one line on stderr]
  it.each([
    [
      "an unknown command near one",
      ["lstt"],
      'unknown command "lstt": did you mean list? (run losant-tokens --help for every command)',
    ],
    [
      "an unknown command near two",
      ["lest"],
      'unknown command "lest": did you mean list or get? (run losant-tokens --help for every command)',
    ],
    ["an unknown command near none", ["zzzzz"], 'unknown command "zzzzz": run losant-tokens --help for every command'],
    ["an unknown option", ["list", "--bogus"], "unknown option --bogus for list: see losant-tokens list --help"],
    [
      "a mistyped option",
      ["list", "--jsn"],
      "unknown option --jsn for list: did you mean --json? (see losant-tokens list --help)",
    ],
    [
      "a mistyped option of the command's own",
      ["create", "--nmae", "x"],
      "unknown option --nmae for create: did you mean --name? (see losant-tokens create --help)",
    ],
    ["a repeated option", ["create", "--name", "a", "--name", "b"], "--name was given more than once: give it once"],
    [
      "a repeated global option",
      ["list", "--api-url", "https://a.example", "--api-url=https://b.example"],
      "--api-url was given more than once: give it once",
    ],
    ["an unknown short option", ["list", "-x"], "unknown option -x for list: see losant-tokens list --help"],
    ["a value to a switch", ["list", "--json=yes"], "--json takes no value: see losant-tokens list --help"],
    [
      "a value to a switch that has a short form",
      ["list", "--help=yes"],
      "--help takes no value: see losant-tokens list --help",
    ],
    ["a value to delete's --yes", ["delete", ID, "--yes=no"], "--yes takes no value: see losant-tokens delete --help"],
    [
      "a missing value",
      ["create", "--name"],
      "--name needs a value (to give one that starts with a dash, write --name=-value): see losant-tokens create --help",
    ],
    ["a missing id", ["rotate"], "rotate needs <id>: losant-tokens rotate <id>"],
    ["an extra argument", ["list", "extra"], 'unexpected argument "extra" for list: see losant-tokens list --help'],
  ])("says what is wrong with %s, in one line", async (_what, argv, message) => {
    const run = await runCli(argv, cliFake());
    expect([run.code, line(run.stderr), run.stdout]).toEqual([2, message, ""]);
  });
});

describe("user input quoted in a message", () => {
  it("is quoted whole up to 200 characters, the package's one length rule, and clipped with … past that", async () => {
    const at = async (text: string) => line((await runCli([text], cliFake())).stderr);
    expect(await at("x".repeat(200))).toBe(
      `unknown command "${"x".repeat(200)}": run losant-tokens --help for every command`,
    );
    expect(await at("x".repeat(201))).toBe(
      `unknown command "${"x".repeat(200)}…": run losant-tokens --help for every command`,
    );
  });

  it("has control, line-separating, bidi and zero-width characters written as escapes, so that two texts never look alike", async () => {
    const run = await runCli(["a\x7fb\x9fc\u2028d\u202ee\u2066f\u2069g\x01h\u200bi\u061cj\ufeffk"], cliFake());
    expect(line(run.stderr)).toBe(
      'unknown command "a\\u007fb\\u009fc\\u2028d\\u202ee\\u2066f\\u2069g\\u0001h\\u200bi\\u061cj\\ufeffk": run losant-tokens --help for every command',
    );
  });
});

describe("the one line an error gets", () => {
  const prompting = (error: unknown) => ({ prompt: () => Promise.reject(error) });
  const fake = () => cliFake({ initial: { userTokens: [{ id: ID, name: "deploy" }] } });

  it("says failed: and the message of an error outside the client, on one line, exit 1", async () => {
    const run = await runCli(
      ["delete", ID],
      fake(),
      prompting(new Error("the terminal went away\n  while reading\nits answer")),
    );
    expect([run.code, run.stderr]).toEqual([
      1,
      "losant-tokens: failed: the terminal went away while reading its answer\n",
    ]);
    const thrown = await runCli(["delete", ID], fake(), prompting("no terminal"));
    expect([thrown.code, thrown.stderr]).toEqual([1, "losant-tokens: failed: no terminal\n"]);
  });

  it("never shows the caller's token, whatever failed", async () => {
    const run = await runCli(["delete", ID], fake(), prompting(new Error(`read ${CLI_TOKEN} from the terminal`)));
    expect(run.stderr).toBe("losant-tokens: failed: read [REDACTED] from the terminal\n");
  });

  it("never shows a secret made in this run, even when the server echoes it in a later error", async () => {
    const store = cliFake({ initial: { userTokens: [{ id: ID, name: "deploy" }] } });
    let secret = "";
    const echoing = async (request: Request) => {
      if (request.method !== "PATCH") {
        const answer = await store.fetch(request);
        if (request.method === "POST") secret = ((await answer.clone().json()) as ApiToken).token ?? "";
        return answer;
      }
      return Response.json({ type: "InternalError", message: `token ${secret} is in use` }, { status: 500 });
    };
    const run = await runCli(["rotate", ID], undefined, { fetch: echoing });
    expect(run.code).toBe(1);
    expect(secret.length).toBeGreaterThan(100);
    expect(run.stdout).toContain(secret);
    expect(run.stderr).toContain("token [REDACTED] is in use");
    expect(run.stderr).not.toContain(secret);
  });

  it("reports a request that got no answer with the host and the cause in words, exit 1", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }),
    });
    const run = await runCli(["create", "--name", "x", "--retries", "0"], undefined, {
      fetch: () => Promise.reject(refused),
    });
    expect([run.code, line(run.stderr)]).toEqual([
      1,
      "cannot reach api.losant.com: the connection was refused (nothing listens there) (1 attempt)",
    ]);
    const unknown = await runCli(["list", "--api-url", "https://nowhere.example", "--retries", "0"], undefined, {
      fetch: () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } })),
    });
    expect([unknown.code, line(unknown.stderr)]).toEqual([
      1,
      "cannot reach nowhere.example: no such host (the name does not resolve) (1 attempt)",
    ]);
    const odd = await runCli(["create", "--name", "x"], undefined, {
      fetch: () => Promise.reject(new TypeError("fetch failed")),
    });
    expect(line(odd.stderr)).toBe(
      "cannot reach api.losant.com: the connection failed (1 attempt); it may have taken effect",
    );
  });

  it("refuses an empty LOSANT_API_URL as a usage error, rather than fall back to api.losant.com, sending nothing", async () => {
    for (const empty of ["", "  "]) {
      const run = await runCli(["list", "--json"], cliFake(), { env: { LOSANT_API_URL: empty } });
      expect([run.code, line(run.stderr), run.requests]).toEqual([
        2,
        "LOSANT_API_URL is set but empty: unset it to use https://api.losant.com, or set it to the API's address",
        [],
      ]);
    }
  });

  it("sends to https://api.losant.com when LOSANT_API_URL is not set", async () => {
    const run = await runCli(["list", "--json"], cliFake(), { env: { LOSANT_API_URL: undefined } });
    expect(run.code).toBe(0);
    expect(run.requests[0]?.url).toMatch(/^https:\/\/api\.losant\.com\//);
  });

  it("reads LOSANT_TOKEN without the spaces or newline around it", async () => {
    const run = await runCli(["list", "--json"], cliFake(), { env: { LOSANT_TOKEN: `  ${CLI_TOKEN}\n` } });
    expect(run.code).toBe(0);
    expect(run.requests[0]?.headers.get("authorization")).toBe(`Bearer ${CLI_TOKEN}`);
  });

  it("names --token-file as where a token that is no bearer token came from", async () => {
    const file = path.join(dir, "spaced.token");
    await writeFile(file, "has spaces in it\n", { mode: 0o600 });
    const run = await runCli(["list", "--token-file", file], cliFake());
    expect([run.code, line(run.stderr)]).toEqual([
      2,
      "the token from --token-file is not a bearer token (letters, digits and -._~+/ then =)",
    ]);
  });

  it("names the option or variable of a bad API URL, without the client's prefix", async () => {
    const run = await runCli(["list", "--api-url", "ftp://api.losant.com"], cliFake());
    expect(line(run.stderr)).toMatch(/^--api-url "ftp:\/\/api\.losant\.com" /);
  });
});

describe("a request that got no answer", () => {
  /** A fetch that fails as Node's does: a TypeError whose cause is `cause`. */
  const failing = (cause?: unknown) => () => Promise.reject(new TypeError("fetch failed", { cause }));
  /** A fetch that never answers, until the request is aborted. */
  const stalling = (calls: { count: number }) => (request: Request) => {
    calls.count += 1;
    return new Promise<Response>((_resolve, reject) =>
      request.signal.addEventListener("abort", () => reject(request.signal.reason)),
    );
  };

  it.each([
    ["ECONNREFUSED", "the connection was refused (nothing listens there)"],
    ["ENOTFOUND", "no such host (the name does not resolve)"],
    ["EAI_AGAIN", "the host's name could not be looked up (DNS failed for now)"],
    ["ECONNRESET", "the connection was reset by the other side"],
    ["ETIMEDOUT", "the connection timed out"],
    ["EHOSTUNREACH", "the host is unreachable"],
    ["ENETUNREACH", "the network is unreachable"],
    ["EPROTO", "the TLS handshake failed"],
    ["CERT_HAS_EXPIRED", "the server's TLS certificate has expired"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "the server's TLS certificate is self-signed"],
    ["SELF_SIGNED_CERT_IN_CHAIN", "the server's TLS certificate chain is self-signed"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "the server's TLS certificate cannot be verified"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "the server's TLS certificate is for another host"],
    ["UND_ERR_SOCKET", "the connection closed before an answer"],
    ["EWEIRD", "the connection failed (EWEIRD)"],
  ])("names the cause %s in words: %s", async (code, words) => {
    const run = await runCli(["list", "--retries", "0"], undefined, { fetch: failing({ code }) });
    expect([run.code, line(run.stderr)]).toEqual([1, `cannot reach api.losant.com: ${words} (1 attempt)`]);
  });

  it("looks for the cause's code at most five errors down, so that a cycle of causes ends too", async () => {
    /** The fetch's error, with `depth` more errors between it and the one that has the code. */
    const down = (depth: number) => {
      let error: unknown = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
      for (let i = 0; i < depth; i += 1) error = new Error("wrapped", { cause: error });
      return () => Promise.reject(error);
    };
    const said = async (fetch: () => Promise<Response>) =>
      line((await runCli(["list", "--retries", "0"], undefined, { fetch })).stderr);
    expect(await said(down(4))).toBe(
      "cannot reach api.losant.com: the connection was reset by the other side (1 attempt)",
    );
    expect(await said(down(5))).toBe("cannot reach api.losant.com: the connection failed (1 attempt)");
    const cycle: { cause?: unknown } = {};
    cycle.cause = { cause: cycle };
    expect(await said(failing(cycle))).toBe("cannot reach api.losant.com: the connection failed (1 attempt)");
  });

  it("counts the attempts --retries allows", async () => {
    const calls = { count: 0 };
    const counted = failing({ code: "ECONNRESET" });
    const run = await runCli(["list", "--retries", "1"], undefined, {
      fetch: () => ((calls.count += 1), counted()),
    });
    expect([run.code, line(run.stderr), calls.count]).toEqual([
      1,
      "cannot reach api.losant.com: the connection was reset by the other side (2 attempts)",
      2,
    ]);
  });

  it("gives up after --timeout, names the flags that set the wait, and says a create may have taken effect", async () => {
    const calls = { count: 0 };
    const started = Date.now();
    const listed = await runCli(["list", "--timeout", "50ms", "--retries", "1"], undefined, {
      fetch: stalling(calls),
    });
    expect([listed.code, line(listed.stderr), calls.count]).toEqual([
      1,
      "no answer from api.losant.com in time (2 attempts; see --timeout and --retries)",
      2,
    ]);
    const created = await runCli(["create", "--name", "x", "--timeout", "50ms", "--retries", "0"], undefined, {
      fetch: stalling(calls),
    });
    expect([created.code, line(created.stderr), calls.count]).toEqual([
      1,
      "no answer from api.losant.com in time (1 attempt; see --timeout and --retries); it may have taken effect",
      3,
    ]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("cut by Ctrl-C while a create waits says the token may exist, named, with nobody holding its secret (exit 130)", async () => {
    const interrupt = new AbortController();
    const calls = { count: 0 };
    const stalled = stalling(calls);
    const run = await runCli(["create", "--name", "ci"], undefined, {
      signal: interrupt.signal,
      fetch: (request) => {
        const answer = stalled(request);
        interrupt.abort();
        return answer;
      },
    });
    expect([run.code, line(run.stderr), run.stdout, calls.count]).toEqual([
      130,
      'interrupted: a token named "ci" may have been created, and nobody holds its secret; look with losant-tokens list and delete it',
      "",
      1,
    ]);
  });
});

describe("scopes", () => {
  it.each([
    ["", "", 0],
    ["abc", "abc", 0],
    ["aa", "a", 1],
    ["a", "aa", 1],
    ["abc", "xyz", 3],
    ["kitten", "sitting", 3],
    ["Devices", "devices", 0],
  ])("counts %j to %j as %i edits apart", (a, b, edits) => {
    expect(distance(a, b)).toBe(edits);
  });

  it.each([
    ["a typo near five", "flw.get", "did you mean flow.get, file.get, flows.get?"],
    ["a short name, two edits off (its limit)", "flows", "did you mean flow.*, flows.*?"],
    [
      "a long name, three edits off (a third of 24 is 8)",
      "applicationApiTokens.xyz",
      "did you mean applicationApiTokens.*, applicationApiTokens.get, applicationApiToken.*?",
    ],
    ["nothing like any", "zzzzzz", "see Losant's scope list (losant-tokens create --help)"],
  ])("suggests at most three known scopes, closest first, for %s", async (_what, scope, hint) => {
    const run = await runCli(["create", "--name", "x", "--scope", scope], cliFake());
    expect(line(run.stderr)).toBe(`--scope ${JSON.stringify(scope)} is not one of Losant's scopes: ${hint}`);
  });
});

describe("files", () => {
  it("says why a --secret-file cannot be created: a folder that does not exist is not a file that exists", async () => {
    const run = await runCli(
      ["create", "--name", "x", "--secret-file", path.join(dir, "missing", "s.token")],
      cliFake(),
    );
    expect(line(run.stderr)).toMatch(/^--secret-file ".*s\.token" cannot be created: no such file or directory$/);
  });

  it("says permission denied for a --token-file it may not read", async () => {
    // Write-only for everyone on Linux, root included (a file of mode 000 would not stop root).
    const run = await runCli(["list", "--token-file", "/proc/sys/vm/drop_caches"], cliFake());
    expect(line(run.stderr)).toBe('--token-file "/proc/sys/vm/drop_caches" cannot be read: permission denied');
  });

  it("says the error code when there is no plainer reason", async () => {
    const file = path.join(dir, "plain");
    await writeFile(file, "x\n", { mode: 0o600 });
    const run = await runCli(["list", "--token-file", path.join(file, "below")], cliFake());
    expect(line(run.stderr)).toMatch(/^--token-file ".*below" cannot be read: ENOTDIR$/);
  });

  it("says it is a directory for a --token-file that is one", async () => {
    const run = await runCli(["list", "--token-file", dir], cliFake());
    expect([run.code, line(run.stderr), run.requests]).toEqual([
      2,
      `--token-file ${JSON.stringify(dir)} cannot be read: it is a directory`,
      [],
    ]);
  });

  it("says a --token-file could not be read when the system gives no reason", async () => {
    const file = path.join(dir, "unread.token");
    await writeFile(file, `${CLI_TOKEN}\n`, { mode: 0o600 });
    const handle = await open(file, "r");
    const prototype = Object.getPrototypeOf(handle) as { read: () => Promise<unknown> };
    await handle.close();
    const read = vi.spyOn(prototype, "read").mockRejectedValueOnce(new Error("the disk said nothing"));
    onTestFinished(() => read.mockRestore());
    const run = await runCli(["list", "--token-file", file], cliFake());
    expect([run.code, line(run.stderr), run.requests]).toEqual([
      2,
      `--token-file ${JSON.stringify(file)} cannot be read: it could not be read`,
      [],
    ]);
  });

  it("says there is no stdin for --token-file - when none is given", async () => {
    const run = await runCli(["list", "--token-file", "-"], cliFake(), { env: { LOSANT_TOKEN: undefined } });
    expect([run.code, line(run.stderr), run.requests]).toEqual([
      2,
      "--token-file - reads stdin, and there is none",
      [],
    ]);
  });

  it("reads a --token-file of exactly 64 KiB, from a file and from stdin, in text and in bytes", async () => {
    const padded = `${CLI_TOKEN}\n`.padEnd(64 * 1024, " ");
    const file = path.join(dir, "full.token");
    await writeFile(file, padded, { mode: 0o600 });
    const fromFile = await runCli(["list", "--json", "--token-file", file], cliFake(), {
      env: { LOSANT_TOKEN: undefined },
    });
    expect([fromFile.code, fromFile.stderr]).toEqual([0, ""]);
    expect(fromFile.requests[0]?.headers.get("authorization")).toBe(`Bearer ${CLI_TOKEN}`);
    const half = padded.length / 2;
    const stdin = (async function* () {
      yield new TextEncoder().encode(padded.slice(0, half));
      yield padded.slice(half);
    })();
    const fromStdin = await runCli(["list", "--json", "--token-file", "-"], cliFake(), {
      env: { LOSANT_TOKEN: undefined },
      stdin,
    });
    expect([fromStdin.code, fromStdin.stderr]).toEqual([0, ""]);
    expect(fromStdin.requests[0]?.headers.get("authorization")).toBe(`Bearer ${CLI_TOKEN}`);
  });

  /** The descriptors this process holds open on `file`. */
  const held = async (file: string) => {
    const fds = await readdir("/proc/self/fd");
    const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => "")));
    return targets.filter((target) => target === file);
  };

  it("closes the --token-file it opened, whether it took it or refused it", async () => {
    const good = path.join(dir, "closed.token");
    await writeFile(good, `${CLI_TOKEN}\n`, { mode: 0o600 });
    const big = path.join(dir, "closed-big.token");
    await writeFile(big, "x".repeat(64 * 1024 + 1), { mode: 0o600 });
    for (const [file, code] of [
      [good, 0],
      [big, 2],
      [dir, 2],
    ] as const) {
      const run = await runCli(["list", "--json", "--token-file", file], cliFake());
      expect([run.code, await held(file)]).toEqual([code, []]);
    }
  });

  it("refuses a --token-file past 64 KiB after reading at most one byte more, /dev/zero included", async () => {
    const run = await runCli(["list", "--token-file", "/dev/zero"], cliFake());
    expect([run.code, line(run.stderr), run.requests]).toEqual([
      2,
      '--token-file "/dev/zero" is larger than 64 KiB: it must hold the token alone, on one line',
      [],
    ]);
    const big = path.join(dir, "big.token");
    await writeFile(big, "x".repeat(64 * 1024 + 1), { mode: 0o600 });
    expect(line((await runCli(["list", "--token-file", big], cliFake())).stderr)).toMatch(/is larger than 64 KiB/);
  });

  it("warns, as ssh does, when others may read the --token-file, and goes on", async () => {
    const open = path.join(dir, "open.token");
    await writeFile(open, `${CLI_TOKEN}\n`, { mode: 0o644 });
    await chmod(open, 0o644);
    const run = await runCli(["list", "--json", "--token-file", open], cliFake());
    expect(run.code).toBe(0);
    expect(line(run.stderr)).toMatch(
      /^--token-file ".*open\.token" can be read by others \(mode 0644\): make it private with chmod 600$/,
    );
    await chmod(open, 0o600);
    expect((await runCli(["list", "--json", "--token-file", open], cliFake())).stderr).toBe("");
  });

  it("reads the token from stdin with --token-file -, and then delete needs --yes, for stdin cannot answer too", async () => {
    const stdin = (async function* () {
      yield `${CLI_TOKEN}\n`;
    })();
    const run = await runCli(["list", "--json", "--token-file", "-"], cliFake(), {
      env: { LOSANT_TOKEN: undefined },
      stdin,
    });
    expect(run.code).toBe(0);
    expect(run.requests[0]?.headers.get("authorization")).toBe(`Bearer ${CLI_TOKEN}`);
    const asking = await runCli(["delete", ID, "--token-file", "-"], cliFake(), {
      env: { LOSANT_TOKEN: undefined },
      stdin: (async function* () {
        yield CLI_TOKEN;
      })(),
      prompt: async () => "y",
    });
    expect([asking.code, line(asking.stderr), asking.requests]).toEqual([
      2,
      "delete asks before deleting, and stdin carries the token (--token-file -): pass --yes to delete without asking",
      [],
    ]);
    const flood = (async function* () {
      for (;;) yield "x".repeat(4096);
    })();
    expect(line((await runCli(["list", "--token-file", "-"], cliFake(), { stdin: flood })).stderr)).toBe(
      '--token-file "-" is larger than 64 KiB: it must hold the token alone, on one line',
    );
  });

  it("flushes the secret to disk before saying it is written", async () => {
    const probe = await open(path.join(dir, "probe"), "w");
    const handle = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    const sync = vi.spyOn(handle, "sync");
    onTestFinished(() => sync.mockRestore());
    const file = path.join(dir, "flushed.token");
    const run = await runCli(["create", "--name", "x", "--secret-file", file], cliFake());
    expect(run.code).toBe(0);
    expect(sync).toHaveBeenCalledTimes(1);
    expect((await stat(file)).size).toBeGreaterThan(100);
  });

  it("closes the --secret-file once the secret is in it", async () => {
    const file = path.join(dir, "closed-secret.token");
    const run = await runCli(["create", "--name", "x", "--secret-file", file], cliFake());
    expect([run.code, await held(file)]).toEqual([0, []]);
    expect((await stat(file)).size).toBeGreaterThan(100);
  });

  it("reports the failed create, not the missing file, when the secret file it made is already gone", async () => {
    const file = path.join(dir, "gone.token");
    const failing = async () => {
      await rm(file);
      return Response.json({ type: "InternalError", message: "the database is away" }, { status: 500 });
    };
    const run = await runCli(["create", "--name", "x", "--secret-file", file], undefined, { fetch: failing });
    expect([run.code, line(run.stderr)]).toEqual([
      1,
      "Losant API 500 InternalError: the database is away (POST /me/tokens)",
    ]);
  });
});

describe("a write to stdout that fails", () => {
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  it.each([
    ["EPIPE", "the reader of stdout has gone away (EPIPE)"],
    ["ENOSPC", "no space left on device (ENOSPC)"],
    ["EBADF", "stdout is closed (EBADF)"],
    ["ERR_STREAM_DESTROYED", "stdout is closed"],
    ["EIO", "input/output error (EIO)"],
    ["EDQUOT", "disk quota exceeded (EDQUOT)"],
    ["EACCES", "permission denied (EACCES)"],
    ["EWEIRD", "error EWEIRD"],
    [undefined, "the write failed"],
  ])("is named by its code %s in words: %s", async (code, words) => {
    const stdoutError = Object.assign(new Error("write failed"), code === undefined ? {} : { code });
    const run = await runCli(["create", "--name", "x"], cliFake(), { stdoutError });
    expect(run.code).toBe(1);
    expect(line(run.stderr)).toMatch(
      new RegExp(
        `^the new secret could not be written to stdout: ${escaped(words)}; new token [\\da-f]{24} was deleted again, as nobody holds its secret$`,
      ),
    );
  });

  it("is reported when the write throws, as when it calls back with the error", async () => {
    const stdoutError = Object.assign(new Error("write ENOSPC"), { code: "ENOSPC" });
    for (const stdoutThrows of [false, true]) {
      const run = await runCli(["list"], cliFake(), { stdoutError, stdoutThrows });
      expect([run.code, line(run.stderr)]).toEqual([1, "could not write to stdout: no space left on device (ENOSPC)"]);
    }
  });
});

describe("tables and fields", () => {
  it("bolds the header on a terminal, pads every column but the last, and pads before colouring", async () => {
    const fake = cliFake({
      initial: { userTokens: [{ id: ID, name: "deploy", status: "inactive", scope: ["devices.get", "data.export"] }] },
    });
    const run = await runCli(["list"], fake, { tty: true });
    const bold = (text: string) => `\x1b[1m${text}\x1b[0m`;
    expect(run.stdout.split("\n")[0]).toBe(
      `${bold("ID".padEnd(24))}  ${bold("NAME  ")}  ${bold("STATUS  ")}  ${bold("EXPIRES")}  ${bold("SCOPE")}`,
    );
    expect(run.stdout.split("\n")[1]).toBe(`${ID}  deploy  \x1b[33minactive\x1b[0m  never    devices.get,data.export`);
  });

  it("marks with ? or - what a token from the API lacks", async () => {
    const bare = async () => Response.json({});
    const fields = await runCli(["get", ID], undefined, { fetch: bare });
    expect(fields.stdout).toBe(
      [
        "id:            ?",
        "name:          ",
        "status:        ?",
        "description:   -",
        "scope:         -",
        "default role:  -",
        "org roles:     -",
        "created:       never",
        "updated:       never",
        "expires:       never",
        "owner:         ? ?",
        "creator:       ?",
        "",
      ].join("\n"),
    );
    const byId = async () =>
      Response.json({ creatorId: "575ed70c7ae143cd83dc4aa9", ownerType: "application", ownerId: ID });
    expect((await runCli(["get", ID], undefined, { fetch: byId })).stdout).toMatch(
      /^expires: {7}never\nowner: {9}application aaaaaaaaaaaaaaaaaaaaaaa1\ncreator: {7}575ed70c7ae143cd83dc4aa9\n$/m,
    );
    const list = async () => Response.json({ items: [{}], count: 1, totalCount: 1, perPage: 100, page: 0 });
    expect((await runCli(["list"], undefined, { fetch: list })).stdout).toBe(
      "ID  NAME  STATUS  EXPIRES  SCOPE\n?         ?       never    -\n",
    );
    const trailing = async () =>
      Response.json({
        items: [{ id: ID, name: "t", status: "active", scope: ["devices.get\t"] }],
        count: 1,
        totalCount: 1,
        perPage: 100,
        page: 0,
      });
    expect((await runCli(["list"], undefined, { fetch: trailing })).stdout.split("\n")[1]).toBe(
      `${ID}  t     active  never    devices.get\\u0009`,
    );
  });

  it("writes every control, line-separating, bidi and zero-width character of the server's text as an escape, and colours only what has a colour", async () => {
    const odd = async () =>
      Response.json({ id: ID, name: "a\x00b\x1fc\x7fd\x9fe\u2028f\u202eg\u2066h\u2069i\u200bj\\k", status: "active" });
    const lines = (await runCli(["get", ID], undefined, { fetch: odd, tty: true })).stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      `id:            ${ID}`,
      "name:          a\\u0000b\\u001fc\\u007fd\\u009fe\\u2028f\\u202eg\\u2066h\\u2069i\\u200bj\\\\k",
      "status:        \x1b[32mactive\x1b[0m",
    ]);
  });

  it("quotes a name and status the API left out as empty in delete's question", async () => {
    let asked = "";
    const answers = async (request: Request) =>
      request.method === "GET" ? Response.json({ id: ID }) : Response.json({ success: true });
    const run = await runCli(["delete", ID], undefined, {
      fetch: answers,
      prompt: async (question) => ((asked = question), "n"),
    });
    expect(run.code).toBe(1);
    expect(asked).toBe(`Delete token ${ID} "" ()? This cannot be undone. [y/N] `);
  });
});

describe("display widths", () => {
  const listed = async (names: string[], columns = 200, flags: string[] = []) => {
    const fake = cliFake({
      initial: {
        userTokens: names.map((name, i) => ({
          id: `aaaaaaaaaaaaaaaaaaaaaa${String(i).padStart(2, "0")}`,
          name,
          scope: ["devices.get"],
        })),
      },
    });
    return (
      await runCli(["list", "--sort", "id", ...flags], fake, { tty: true, columns, env: { NO_COLOR: "1" } })
    ).stdout.split("\n");
  };

  it("counts East Asian wide characters as two columns, combining marks as none, and an emoji sequence as two", async () => {
    const lines = await listed(["東京", "e\u0301te\u0301", "👩‍💻", "ab"]);
    // Every STATUS column starts at the same display column: after a NAME column 4 wide (東京 and NAME).
    expect(lines.slice(1, 5)).toEqual([
      "aaaaaaaaaaaaaaaaaaaaaa00  東京  active  never    devices.get",
      "aaaaaaaaaaaaaaaaaaaaaa01  e\u0301te\u0301   active  never    devices.get",
      "aaaaaaaaaaaaaaaaaaaaaa02  👩‍💻    active  never    devices.get",
      "aaaaaaaaaaaaaaaaaaaaaa03  ab    active  never    devices.get",
    ]);
  });

  it("keeps the joiner inside an emoji sequence, and shows a lone one as an escape", async () => {
    const lines = await listed(["👩‍💻", "a\u200db"]);
    expect(lines[1]).toContain("👩\u200d💻");
    expect(lines[2]).toContain("a\\u200db");
  });

  it("cuts a wide name within a grapheme's bounds, never through one", async () => {
    // Room for a NAME column 11 wide: five wide characters (10 columns) and the ellipsis.
    const lines = await listed(["東京東京東京東京東京東京東京東京"], 24 + 2 + 11 + 2 + 6 + 2 + 7 + 2 + 11);
    expect(lines[1]).toBe("aaaaaaaaaaaaaaaaaaaaaa00  東京東京東…  active  never    devices.get");
  });

  it("shows a long scope list's first entries and +N more, and all of them with --wide", async () => {
    const scope = [
      "devices.get",
      "devices.post",
      "device.get",
      "data.export",
      "data.timeSeriesQuery",
      "all.Application",
    ];
    const fake = cliFake({ initial: { userTokens: [{ id: ID, name: "x", scope }] } });
    const cut = await runCli(["list"], fake, { tty: true });
    expect(cut.stdout.split("\n")[1]).toMatch(/devices\.get,devices\.post,device\.get,\+3 more$/);
    expect((await runCli(["list", "--wide"], fake, { tty: true })).stdout.split("\n")[1]).toMatch(
      new RegExp(`${scope.join(",").replace(/\./g, "\\.")}$`),
    );
    expect((await runCli(["get", ID], fake, { tty: true })).stdout).toContain(
      "scope:         devices.get,devices.post,device.get,+3 more\n",
    );
  });
});

describe("fitting the terminal's width", () => {
  /** The lines `argv` prints on a terminal `columns` wide, without colour, the API answering one page of `items`. */
  const shown = async (argv: string[], items: object[], columns: number) => {
    const fetch = async () => Response.json({ items, totalCount: items.length });
    return (await runCli(argv, undefined, { fetch, tty: true, columns, env: { NO_COLOR: "1" } })).stdout.split("\n");
  };
  const token = (name: string, scope: string) => ({ id: ID, name, status: "active", scope: [scope] });

  it("cuts the widest column first, and of two as wide, the first", async () => {
    // 24 + 30 + 6 + 7 + 30 and four gaps of 2: 105 columns whole.
    expect((await shown(["list"], [token("n".repeat(30), "s".repeat(30))], 104))[1]).toBe(
      `${ID}  ${"n".repeat(28)}…  active  never    ${"s".repeat(30)}`,
    );
    expect((await shown(["list"], [token("n".repeat(30), "s".repeat(31))], 105))[1]).toBe(
      `${ID}  ${"n".repeat(30)}  active  never    ${"s".repeat(29)}…`,
    );
  });

  it("cuts no column below its header or 8 columns, even when the table then does not fit", async () => {
    expect(await shown(["list"], [token("n".repeat(30), "s".repeat(30))], 20)).toEqual([
      "ID                        NAME      STATUS  EXPIRES  SCOPE",
      `${ID}  nnnnnnn…  active  never    sssssss…`,
      "",
    ]);
  });

  it("cuts the owners' column of audit --all first when it is the widest, down to its least", async () => {
    const owner = "The factory floor of the north plant";
    const fake = cliFake({
      initial: {
        applications: [{ id: APP_ID, name: owner }],
        applicationTokens: { [APP_ID]: [{ id: ID, name: "deploy-the-north-plant", scope: ["devices.get"] }] },
      },
    });
    const audited = async (columns: number) =>
      (await runCli(["audit", "--all"], fake, { tty: true, columns, env: { NO_COLOR: "1" } })).stdout.split("\n");
    // 48 + 4 + 24 + 22 + 6 + 7 + 9 and six gaps of 2: 132 columns whole.
    expect(await audited(120)).toEqual([
      `${"OWNER".padEnd(36)}  KIND  ID                        NAME                    STATUS  EXPIRES  FINDINGS`,
      `${`application ${owner}`.slice(0, 35)}…  api   ${ID}  deploy-the-north-plant  active  never    no-expiry`,
      "",
    ]);
    expect((await audited(30))[1]).toBe(`applica…  api   ${ID}  deploy-…  active  never    no-expiry`);
  });

  it("ends no row in spaces, even when its last cell is empty", async () => {
    const fetch = async () => Response.json({ items: [token("x", "")], totalCount: 1 });
    expect((await runCli(["list"], undefined, { fetch })).stdout).toBe(
      `ID                        NAME  STATUS  EXPIRES  SCOPE\n${ID}  x     active  never\n`,
    );
  });

  it("cuts a field's value to the terminal's width, after its key", async () => {
    const fetch = async () => Response.json(token("n".repeat(60), "devices.get"));
    const lines = (await runCli(["get", ID], undefined, { fetch, tty: true, columns: 60 })).stdout.split("\n");
    // The longest key, "default role:", and two spaces take 15 columns: the name has the other 45.
    expect(lines[1]).toBe(`name:          ${"n".repeat(44)}…`);
    expect(Math.max(...lines.map((row) => row.length))).toBe(60);
  });
});

describe("colour", () => {
  const seeded = () => cliFake({ initial: { userTokens: [{ id: ID, name: "x", scope: ["devices.get"] }] } });
  it.each([
    ["a terminal", { tty: true }, true],
    ["a pipe", {}, false],
    ["a terminal with NO_COLOR", { tty: true, env: { NO_COLOR: "1" } }, false],
    [
      "a terminal with NO_COLOR set empty, which no-color.org says to ignore",
      { tty: true, env: { NO_COLOR: "" } },
      true,
    ],
    ["a terminal with TERM=dumb", { tty: true, env: { TERM: "dumb" } }, false],
    ["a terminal with TERM=xterm-256color", { tty: true, env: { TERM: "xterm-256color" } }, true],
    ["a pipe with FORCE_COLOR", { env: { FORCE_COLOR: "1" } }, true],
    ["a pipe with FORCE_COLOR set empty", { env: { FORCE_COLOR: "" } }, true],
    ["a pipe with FORCE_COLOR=0", { env: { FORCE_COLOR: "0" } }, false],
    ["a pipe with FORCE_COLOR=false", { env: { FORCE_COLOR: "false" } }, false],
    [
      "a terminal with FORCE_COLOR and NO_COLOR: forcing wins",
      { tty: true, env: { FORCE_COLOR: "1", NO_COLOR: "1" } },
      true,
    ],
    ["a terminal with FORCE_COLOR=0 and TERM=dumb", { tty: true, env: { FORCE_COLOR: "0", TERM: "dumb" } }, false],
  ])("is on for %s: %s", async (_what, options, coloured) => {
    expect((await runCli(["list"], seeded(), options)).stdout.includes("\x1b[")).toBe(coloured);
  });
});
