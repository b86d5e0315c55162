// The built `losant-tokens` as a user runs it: a child process of node on dist/, with real streams, so
// that what only a process meets (a pipe whose reader is gone, a full disk, a closed stdout, Ctrl-C, a
// terminal) is met for real. Tests that use it need `npm run build` first, as the package tests do.
import { spawn, type StdioOptions } from "node:child_process";
import { openSync, closeSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";
import { serve } from "../../scripts/fake.mjs";
import type { FakeLosant } from "../../src/fake/index.js";
import { CLI_TOKEN } from "./cli.js";
import { repoPath } from "./spec.js";

/** The executable as the package installs it. */
const BIN = repoPath("dist/src/cli/bin.js");

/** What a child run did: its exit code (or the signal that ended it) and its output, as bytes read. */
export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  /** Where stdout goes: a pipe read to the end (default), a pipe whose reader is gone before anything is written, /dev/full, or closed. */
  stdout?: "pipe" | "gone" | "full" | "closed";
  /** Called once the child is running, with a way to send it a signal. */
  started?: (kill: (signal: NodeJS.Signals) => void) => void;
}

/** Runs `losant-tokens argv…` in a child process against `url`, with LOSANT_TOKEN set unless env says otherwise. */
export function spawnCli(argv: string[], url: string, options: SpawnOptions = {}): Promise<ProcessRun> {
  const env = { PATH: process.env["PATH"], LOSANT_TOKEN: CLI_TOKEN, LOSANT_API_URL: url, ...options.env };
  let program = process.execPath;
  let args = [BIN, ...argv];
  let stdout: "pipe" | "ignore" | number = "pipe";
  let full: number | undefined;
  if (options.stdout === "full") stdout = full = openSync("/dev/full", "w");
  if (options.stdout === "closed") {
    // A shell closes fd 1 before node starts, as `losant-tokens … >&-` does.
    program = "/bin/sh";
    args = ["-c", 'exec "$0" "$@" >&-', process.execPath, BIN, ...argv];
    stdout = "ignore";
  }
  const stdio: StdioOptions = ["ignore", stdout, "pipe"];
  const child = spawn(program, args, { env, stdio });
  if (full !== undefined) closeSync(full);
  const out = { stdout: "", stderr: "" };
  if (options.stdout === "gone") child.stdout?.destroy();
  else child.stdout?.on("data", (chunk: Buffer) => (out.stdout += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (out.stderr += chunk.toString("utf8")));
  options.started?.((signal) => child.kill(signal));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, ...out }));
  });
}

/**
 * Runs a shell command line under a pseudo-terminal of `columns` columns (util-linux's `script`), and
 * resolves with the exact bytes the terminal received. The terminal turns each "\n" into "\r\n".
 */
export function underTerminal(
  command: string,
  env: Record<string, string | undefined>,
  columns = 100,
): Promise<{ code: number | null; bytes: Buffer }> {
  const child = spawn("script", ["-qfec", `stty cols ${columns} rows 50; ${command}`, "/dev/null"], {
    env: { PATH: process.env["PATH"], TERM: "xterm-256color", LOSANT_TOKEN: CLI_TOKEN, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const chunks: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, bytes: Buffer.concat(chunks) }));
  });
}

/** A command line that runs the built CLI with these arguments, each quoted for sh. */
export const cliCommand = (argv: string[]): string =>
  [process.execPath, BIN, ...argv].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(" ");

/** The fake over HTTP on a free port, closed when the test ends. */
export async function servedFake(fake: Pick<FakeLosant, "fetch">, seen: Request[] = []): Promise<string> {
  const server = await serve(
    (request: Request) => {
      seen.push(request.clone());
      return fake.fetch(request);
    },
    { port: 0 },
  );
  onTestFinished(() => server.close());
  return server.url as string;
}

/** A server that takes requests and never answers: `arrived` resolves with the first request's method. */
export async function stalledServer(): Promise<{ url: string; arrived: Promise<string> }> {
  let seen!: (method: string) => void;
  const arrived = new Promise<string>((resolve) => (seen = resolve));
  const server: Server = createServer((request) => seen(request.method ?? ""));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrived };
}
