/// <reference types="node" />
import { fstatSync, statSync } from "node:fs";
import { LosantApiError, LosantConnectionError } from "../errors.js";
import type { ClientOptions } from "../core/options.js";
import { redactor } from "../core/redact.js";
import { MalformedAnswer } from "./answers.js";
import { parseCommandLine } from "./args.js";
import { proxyOptions } from "./proxy.js";
import { id, text } from "./checks.js";
import { COMMANDS } from "./commands/index.js";
import type { Context, Values } from "./context.js";
import { parseDuration } from "./durations.js";
import { connectionFailure } from "./failures.js";
import { commandHelp, toolHelp } from "./help.js";
import { colourOn, handOver, writeFailure, type Out } from "./output.js";
import { ListTooLong } from "./read-all.js";
import { readTokenFile, type Input } from "./secrets.js";
import type { Owner, Reach, Tokens } from "./tokens.js";
import { Interrupted, shown, UsageError } from "./usage.js";
import { version } from "./version.js";
import { loadWidths } from "./width.js";

/** Everything the CLI touches, handed in: the bin passes the process's, tests their own. */
export interface CliIO {
  /** The arguments after the program's name. */
  argv: readonly string[];
  env: Record<string, string | undefined>;
  stdout: Out;
  stderr: Out;
  /** Standard input, for `--token-file -`. */
  stdin?: Input;
  /** True when stdout goes nowhere (closed, which Node reopens as /dev/null, or /dev/null itself): a secret there would be lost. */
  stdoutDiscarded?: boolean;
  /** The fetch requests go through; the global one by default. */
  fetch?: ClientOptions["fetch"];
  /** Asks a question on the terminal and resolves with the answer; leave it out unless stdin and stderr are terminals. */
  prompt?: (question: string, signal?: AbortSignal) => Promise<string>;
  /** Aborted by Ctrl-C: calls stop, and the command ends with exit 130. */
  signal?: AbortSignal;
  /** The clock; the system's by default. */
  now?: () => Date;
}

/** The API token, from --token-file (`-` for stdin) or LOSANT_TOKEN; warnings about the file go to `warn`. */
async function credential(
  values: Values,
  io: CliIO,
  warn: (line: string) => void,
): Promise<{ token: string; from: string }> {
  const file = text(values, "token-file");
  if (file !== undefined) return { token: await readTokenFile(file, io.stdin, warn), from: "--token-file" };
  const token = io.env["LOSANT_TOKEN"]?.trim();
  if (token) return { token, from: "LOSANT_TOKEN" };
  throw new UsageError(
    "no API token: set LOSANT_TOKEN, or pass --token-file <path> (a file holding the token on one line, or - for stdin)",
  );
}

/** The client options the command line asks for: address, timeout and retries; usage errors for bad ones. */
function clientOptions(values: Values, io: CliIO, token: string): ClientOptions {
  const given = text(values, "api-url");
  const fromEnv = io.env["LOSANT_API_URL"];
  if (given === undefined && fromEnv !== undefined && fromEnv.trim() === "") {
    throw new UsageError(
      "LOSANT_API_URL is set but empty: unset it to use https://api.losant.com, or set it to the API's address",
    );
  }
  if (given !== undefined && given.trim() === "")
    throw new UsageError("--api-url is empty: give the API's address, such as https://api.losant.com");
  const baseUrl = given ?? fromEnv;
  const options: ClientOptions = {
    token,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(io.fetch ? { fetch: io.fetch } : proxyOptions(io.env, baseUrl, io.stderr)),
  };
  const timeout = text(values, "timeout");
  if (timeout !== undefined) options.timeoutMs = parseDuration(timeout, "--timeout", { ms: true, max: 3_600_000 });
  const retries = text(values, "retries");
  if (retries !== undefined) {
    if (!/^(?:\d|10)$/.test(retries))
      throw new UsageError(`--retries ${shown(retries)} is not a whole number from 0 to 10`);
    options.retries = Number(retries);
  }
  return options;
}

/** The owner --application or --instance names (they exclude each other), or the user. */
function ownerOf(values: Values): Owner {
  const application = text(values, "application");
  const instance = text(values, "instance");
  if (application !== undefined && instance !== undefined) {
    throw new UsageError("--application and --instance cannot both be given: a token belongs to one owner; choose one");
  }
  if (application !== undefined) return { type: "application", id: id(application, "--application") };
  if (instance !== undefined) return { type: "instance", id: id(instance, "--instance") };
  return { type: "user", id: undefined };
}

/** The facades over the options the command line gives; the client's own checks become usage errors. */
async function connect(
  values: Values,
  io: CliIO,
  warn: (line: string) => void,
): Promise<{ tokens: Tokens; reach: Reach; token: string }> {
  const owner = ownerOf(values);
  const { token, from } = await credential(values, io, warn);
  const urlFrom = text(values, "api-url") !== undefined ? "--api-url" : "LOSANT_API_URL";
  const options = clientOptions(values, io, token);
  // The client and the facades load here, once a command needs them: --help never does.
  const { reachOf } = await import("./tokens.js");
  try {
    const reach = reachOf(options);
    return { tokens: reach.tokens(owner), reach, token };
  } catch (error) {
    const message = (error as Error).message.replace("losant-access-tokens: ", "");
    if (message.startsWith("options.token"))
      throw new UsageError(`the token from ${from} is not a bearer token (letters, digits and -._~+/ then =)`);
    throw new UsageError(message.replace("options.baseUrl", urlFrom).replace(", or allowInsecureHttp", ""));
  }
}

/** The one line an error gets on stderr, and its exit code: in the CLI's words, never a JavaScript internal message. */
function report(error: unknown, baseUrl: string): { line: string; code: number } {
  if (error instanceof UsageError) return { line: error.message, code: 2 };
  if (error instanceof Interrupted) return { line: error.message, code: 130 };
  if (error instanceof MalformedAnswer || error instanceof ListTooLong) return { line: error.message, code: 1 };
  if (error instanceof LosantConnectionError) return { line: connectionFailure(error, baseUrl), code: 1 };
  if (error instanceof LosantApiError) {
    // The library names its option; the CLI names the limit.
    return {
      line: error.message.replace(
        /larger than maxResponseBytes \((\d+) bytes\)/,
        "larger than the $1 bytes this tool reads",
      ),
      code: 1,
    };
  }
  // An errno-style code is a failed write of the output: the client's errors, above, carry no code.
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return { line: `could not write to stdout: ${writeFailure(error)}`, code: 1 };
  if (code !== undefined) return { line: `failed: ${writeFailure(error)}`, code: 1 };
  // A plain Error or a thrown string says what failed; a TypeError or RangeError is JavaScript's own ("is not a function").
  if (typeof error === "string" || (error instanceof Error && error.constructor === Error))
    return { line: `failed: ${String(error instanceof Error ? error.message : error)}`, code: 1 };
  return { line: "failed: an unexpected error; run again, and report it if it persists", code: 1 };
}

/** Runs `losant-tokens` with the given arguments, environment and streams; resolves with the exit code. */
export async function main(io: CliIO): Promise<number> {
  const secrets = new Set<string>();
  // Every diagnostic is one line, with every secret known so far redacted by the client's own rule.
  const warn = (line: string) => {
    const safe = [...secrets].reduce((shown, secret) => redactor(secret)(shown), line.replace(/\s*\n\s*/g, " "));
    io.stderr.write(`losant-tokens: ${safe}\n`);
  };
  let baseUrl = "https://api.losant.com";
  try {
    const parsed = parseCommandLine(io.argv, COMMANDS);
    if (parsed.command === undefined) {
      await handOver(io.stdout, parsed.version ? `losant-tokens ${version()}\n` : toolHelp(COMMANDS));
      return 0;
    }
    const { command, values, positionals } = parsed;
    if (values["help"]) {
      await handOver(io.stdout, commandHelp(command));
      return 0;
    }
    const quiet = values["quiet"] === true;
    const json = values["json"] === true;
    let tokens: Tokens | undefined;
    let reach: Reach | undefined;
    if (command.offline !== true) {
      const connected = await connect(values, io, warn);
      secrets.add(connected.token);
      ({ tokens, reach } = connected);
      baseUrl = text(values, "api-url") ?? io.env["LOSANT_API_URL"] ?? baseUrl;
    }
    let progressShown = false;
    const context: Context = {
      values,
      positionals,
      stdout: io.stdout,
      stderr: io.stderr,
      env: io.env,
      json,
      quiet,
      stdoutDiscarded: io.stdoutDiscarded === true,
      colour: colourOn(io.stdout, io.env),
      width: values["wide"] || !io.stdout.isTTY ? undefined : io.stdout.columns || 80,
      wide: values["wide"] === true,
      now: io.now ?? (() => new Date()),
      // Stdin that carried the token cannot carry an answer too: each command that asks refuses --token-file - first.
      prompt: io.prompt ? (question) => io.prompt!(question, io.signal) : undefined,
      call: io.signal ? { signal: io.signal } : {},
      tokens: () => tokens!,
      reach: () => reach!,
      ownerGiven: text(values, "application") !== undefined || text(values, "instance") !== undefined,
      secret: (text) => void secrets.add(text),
      print: (text) => handOver(io.stdout, text),
      warn,
      note: (line) => void (quiet || io.stderr.write(`${line}\n`)),
      progress: (line) => {
        if (quiet || io.stderr.isTTY !== true || (!line && !progressShown)) return;
        progressShown = line !== "";
        io.stderr.write(line ? `\r${line}\x1b[K` : "\r\x1b[K");
      },
    };
    await loadWidths();
    return await command.run(context);
  } catch (error) {
    if (io.signal?.aborted && !(error instanceof Interrupted)) {
      warn("interrupted");
      return 130;
    }
    // A reader of stdout that went away (`| head`) ends the output, quietly, as in any pipe.
    if ((error as { code?: unknown } | null)?.code === "EPIPE") return 0;
    const { line, code } = report(error, baseUrl);
    warn(line);
    return code;
  }
}

/** Whether a file descriptor is /dev/null: Node opens a closed stdout as /dev/null, so both read as one. */
function discards(fd: number): boolean {
  try {
    const [out, nothing] = [fstatSync(fd), statSync("/dev/null")];
    // The same device and inode are the same file: /dev/null itself, not a copy of its device numbers elsewhere.
    return (
      out.ino === nothing.ino &&
      // Stryker disable next-line ConditionalExpression: no file but /dev/null has its inode number on another device here
      out.dev === nothing.dev
    );
  } catch {
    return false;
  }
}

/** The parts of Node's `process` the executable runs on. */
export type CliProcess = Pick<
  NodeJS.Process,
  "argv" | "env" | "stdin" | "stdout" | "stderr" | "exitCode" | "exit" | "on" | "off"
>;

/** Asks on the terminal: the question on stderr, so that stdout stays the command's output; Ctrl-C aborts. */
async function ask(proc: CliProcess, question: string, interrupt: () => void, signal?: AbortSignal): Promise<string> {
  const { createInterface } = await import("node:readline/promises");
  const terminal = createInterface({ input: proc.stdin, output: proc.stderr });
  // Ctrl-C at the prompt reaches readline, not the process: it is the same interruption.
  terminal.on("SIGINT", interrupt);
  try {
    return await terminal.question(question, signal ? { signal } : {});
  } finally {
    // An open interface keeps reading stdin, and the process would never exit.
    terminal.close();
  }
}

/** The `losant-tokens` executable (bin.ts): main() with the process's arguments, environment and streams; resolves with the exit code. */
export async function runProcess(proc: CliProcess): Promise<number> {
  // Write errors reach the write's own callback (handOver); without a listener they would end the process.
  const ignore = () => undefined;
  proc.stdout.on("error", ignore);
  proc.stderr.on("error", ignore);
  const controller = new AbortController();
  let interrupts = 0;
  // The first Ctrl-C stops the calls, so that the command can clean up and say what may exist; a second one ends at once.
  const interrupt = () => {
    interrupts += 1;
    if (interrupts > 1) proc.exit(130);
    controller.abort();
  };
  proc.on("SIGINT", interrupt);
  try {
    return await main({
      argv: proc.argv.slice(2),
      env: proc.env,
      stdout: proc.stdout,
      stderr: proc.stderr,
      stdin: proc.stdin,
      // The process's stdout is fd 1; a test's process names a file of its own.
      stdoutDiscarded: discards(proc.stdout.fd),
      signal: controller.signal,
      ...(proc.stdin.isTTY && proc.stderr.isTTY
        ? { prompt: (question: string, signal?: AbortSignal) => ask(proc, question, interrupt, signal) }
        : {}),
    });
  } finally {
    proc.off("SIGINT", interrupt);
  }
}
