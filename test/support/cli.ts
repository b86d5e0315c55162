import { main } from "../../src/cli/main.js";
import { createFakeLosant, type FakeLosant, type FakeLosantOptions } from "../../src/fake/index.js";

/** The token every CLI test authenticates with, through LOSANT_TOKEN. */
export const CLI_TOKEN = "cli-test-token.abc123";
/** The fixed time of the CLI tests. */
export const NOW = new Date("2026-01-15T09:30:00.000Z");
export const APP_ID = "5f1e2d3c4b5a69788796a5b4";

/** What one run of the CLI did: its exit code, its output, and every request it sent. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  requests: Request[];
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  fetch?: (request: Request) => Promise<Response>;
  prompt?: (question: string) => Promise<string>;
  /** Whether stdout and stderr are terminals (both false by default, as in a pipe). */
  tty?: boolean;
  /** The terminal's width when tty is true; 200 by default. */
  columns?: number;
  /** Standard input, for --token-file -. */
  stdin?: AsyncIterable<string | Uint8Array>;
  /** Aborted as Ctrl-C aborts the process's. */
  signal?: AbortSignal;
  /** Makes each write to stdout fail with this error, as a full disk or a closed pipe does. */
  stdoutError?: NodeJS.ErrnoException;
  /** Whether the failing write throws stdoutError rather than pass it to its callback. */
  stdoutThrows?: boolean;
}

/** Runs the CLI in this process, against `fetch` (a fake's by default), with LOSANT_TOKEN set unless env says otherwise. */
export async function runCli(
  argv: string[],
  fake: Pick<FakeLosant, "fetch"> | undefined,
  options: RunOptions = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const requests: Request[] = [];
  const target = options.fetch ?? ((request: Request) => fake!.fetch(request));
  const code = await main({
    argv,
    env: { LOSANT_TOKEN: CLI_TOKEN, ...options.env },
    stdout: {
      write: (text: string, done?: (error?: Error | null) => void) => {
        if (options.stdoutError && options.stdoutThrows) throw options.stdoutError;
        if (options.stdoutError) return done?.(options.stdoutError);
        stdout += text;
        done?.();
      },
      isTTY: options.tty ?? false,
      ...(options.tty ? { columns: options.columns ?? 200 } : {}),
    },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
    ...(options.stdin ? { stdin: options.stdin } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    fetch: (request) => {
      requests.push(request.clone());
      return target(request);
    },
    ...(options.prompt ? { prompt: options.prompt } : {}),
    now: () => NOW,
  });
  return { code, stdout, stderr, requests };
}

/** A fake at the tests' fixed time, with the tokens given. */
export const cliFake = (options: FakeLosantOptions = {}): FakeLosant =>
  createFakeLosant({ clock: () => NOW, ...options });
