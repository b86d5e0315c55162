// The CLI's runProcess() with a process of the test's own: its streams, its signals and an exit() that
// throws, so that a test sees what a real process would meet (a terminal or not, Ctrl-C, /dev/null's
// descriptor) in process, where mutation testing sees it.
import { EventEmitter } from "node:events";
import { PassThrough, Writable } from "node:stream";
import { runProcess, type CliProcess } from "../../src/cli/main.js";

/** What the process's exit() throws: it never returns, as process.exit never does. */
export const EXITED = new Error("process.exit() called");

export interface ProcessOptions {
  /** Whether stdin, stdout and stderr are terminals. */
  tty?: boolean;
  /** The file descriptor stdout says it has. */
  fd?: number;
  /** Runs when stderr asks a [y/N] question: type an answer into stdin, or send a signal. */
  asked?: (stdin: PassThrough, signals: EventEmitter) => void;
}

/** A process for runProcess, with what it wrote and the exit codes it asked for in `out`. */
export function processOf(argv: string[], env: Record<string, string | undefined>, options: ProcessOptions = {}) {
  const out = { stdout: "", stderr: "", exits: [] as (number | string | null | undefined)[] };
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  const signals = new EventEmitter();
  const sink = (key: "stdout" | "stderr") =>
    Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          out[key] += chunk.toString();
          if (key === "stderr" && out.stderr.endsWith("[y/N] ")) options.asked?.(stdin, signals);
          done();
        },
      }),
      { isTTY: options.tty ?? false },
      key === "stdout" && options.fd !== undefined ? { fd: options.fd } : {},
    );
  const proc = {
    on: (name: string, listener: () => void) => signals.on(name, listener),
    off: (name: string, listener: () => void) => signals.off(name, listener),
    argv: ["/usr/bin/node", "/usr/bin/losant-tokens", ...argv],
    env,
    stdin,
    stdout: sink("stdout"),
    stderr: sink("stderr"),
    exitCode: undefined as number | undefined,
    exit: (code?: number | string | null): never => {
      out.exits.push(code);
      throw EXITED;
    },
  };
  return { proc, out, stdin, signals, run: () => runProcess(proc as unknown as CliProcess) };
}
