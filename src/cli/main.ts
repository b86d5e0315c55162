/// <reference types="node" />
import { createInterface } from "node:readline/promises";
import { LosantApiError, LosantConnectionError } from "../errors.js";
import type { ClientOptions } from "../core/options.js";
import { redactor } from "../core/redact.js";
import { parseCommandLine } from "./args.js";
import { proxyOptions } from "./proxy.js";
import { id, text } from "./checks.js";
import { COMMANDS } from "./commands/index.js";
import type { Context, Values } from "./context.js";
import { commandHelp, toolHelp } from "./help.js";
import { colourOn, type Out } from "./output.js";
import { readTokenFile } from "./secrets.js";
import { tokensOf, type Tokens } from "./tokens.js";
import { UsageError } from "./usage.js";

/** Everything the CLI touches, handed in: the bin passes the process's, tests their own. */
export interface CliIO {
  /** The arguments after the program's name. */
  argv: readonly string[];
  env: Record<string, string | undefined>;
  stdout: Out;
  stderr: Out;
  /** The fetch requests go through; the global one by default. */
  fetch?: ClientOptions["fetch"];
  /** Asks a question on the terminal and resolves with the answer; leave it out when stdin is not a terminal. */
  prompt?: (question: string) => Promise<string>;
  /** The clock; the system's by default. */
  now?: () => Date;
}

/** The API token, from --token-file or LOSANT_TOKEN. */
async function credential(values: Values, env: CliIO["env"]): Promise<{ token: string; from: string }> {
  const file = text(values, "token-file");
  if (file !== undefined) return { token: await readTokenFile(file), from: "--token-file" };
  const token = env["LOSANT_TOKEN"]?.trim();
  if (token) return { token, from: "LOSANT_TOKEN" };
  throw new UsageError("no API token: set LOSANT_TOKEN, or pass --token-file <path> (a file holding the token on one line)");
}

/** The facades over the options the command line gives; the client's own checks become usage errors. */
async function connect(values: Values, io: CliIO): Promise<{ tokens: Tokens; token: string }> {
  const application = text(values, "application");
  const applicationId = application === undefined ? undefined : id(application, "--application");
  const { token, from } = await credential(values, io.env);
  const urlFrom = text(values, "api-url") !== undefined ? "--api-url" : "LOSANT_API_URL";
  const baseUrl = text(values, "api-url") ?? (io.env["LOSANT_API_URL"] || undefined);
  const options: ClientOptions = { token, ...(baseUrl === undefined ? {} : { baseUrl }), ...(io.fetch ? { fetch: io.fetch } : proxyOptions(io.env, baseUrl, io.stderr)) };
  try {
    return { tokens: tokensOf(options, applicationId), token };
  } catch (error) {
    const message = (error as Error).message.replace("losant-access-tokens: ", "");
    if (message.startsWith("options.token")) throw new UsageError(`the token from ${from} is not a bearer token (letters, digits and -._~+/ then =)`);
    throw new UsageError(message.replace("options.baseUrl", urlFrom).replace(", or allowInsecureHttp", ""));
  }
}

/** The one line an error gets on stderr, and its exit code. */
function report(error: unknown): { line: string; code: number } {
  if (error instanceof UsageError) return { line: error.message, code: 2 };
  if (error instanceof LosantApiError || error instanceof LosantConnectionError) return { line: error.message, code: 1 };
  return { line: `failed: ${error instanceof Error ? error.message : String(error)}`, code: 1 };
}

/** Runs `losant-tokens` with the given arguments, environment and streams; resolves with the exit code. */
export async function main(io: CliIO): Promise<number> {
  const secrets = new Set<string>();
  // Every diagnostic is one line, with every secret known so far redacted by the client's own rule.
  const warn = (line: string) => {
    const safe = [...secrets].reduce((shown, secret) => redactor(secret)(shown), line.replace(/\s*\n\s*/g, " "));
    io.stderr.write(`losant-tokens: ${safe}\n`);
  };
  try {
    const parsed = parseCommandLine(io.argv, COMMANDS);
    if (!parsed.command) {
      io.stdout.write(toolHelp(COMMANDS));
      return 0;
    }
    const { command, values, positionals } = parsed;
    if (values["help"]) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    const { tokens, token } = await connect(values, io);
    secrets.add(token);
    const context: Context = {
      values,
      positionals,
      stdout: io.stdout,
      stderr: io.stderr,
      env: io.env,
      json: values["json"] === true,
      colour: colourOn(io.stdout, io.env),
      now: io.now ?? (() => new Date()),
      prompt: io.prompt,
      tokens: () => tokens,
      secret: (text) => void secrets.add(text),
      warn,
    };
    return await command.run(context);
  } catch (error) {
    const { line, code } = report(error);
    warn(line);
    return code;
  }
}

/** The parts of Node's `process` the executable runs on. */
export type CliProcess = Pick<NodeJS.Process, "argv" | "env" | "stdin" | "stdout" | "stderr" | "exitCode" | "exit">;

/** Asks on the terminal: the question on stderr, so that stdout stays the command's output. */
async function ask(proc: CliProcess, question: string): Promise<string> {
  const terminal = createInterface({ input: proc.stdin, output: proc.stderr });
  try {
    return await terminal.question(question);
  } finally {
    // An open interface keeps reading stdin, and the process would never exit.
    terminal.close();
  }
}

/** The `losant-tokens` executable (bin.ts): main() with the process's arguments, environment and streams; resolves with the exit code. */
export function runProcess(proc: CliProcess): Promise<number> {
  // A reader that goes away (`| head`) ends the output, not the process with a stack trace.
  proc.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") proc.exit(proc.exitCode ?? 0);
    throw error;
  });
  return main({
    argv: proc.argv.slice(2),
    env: proc.env,
    stdout: proc.stdout,
    stderr: proc.stderr,
    ...(proc.stdin.isTTY ? { prompt: (question: string) => ask(proc, question) } : {}),
  });
}
