#!/usr/bin/env node
/// <reference types="node" />
// The `losant-tokens` executable: main() with the real process. Everything else is in main.ts.
import { createInterface } from "node:readline/promises";
import { main } from "./main.js";

/** Asks on the terminal: the question on stderr, so that stdout stays the command's output. */
async function prompt(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}

// A reader that goes away (`| head`) ends the output, not the process with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  ...(process.stdin.isTTY ? { prompt } : {}),
});
