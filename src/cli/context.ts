import type { ParseArgsConfig } from "node:util";
import type { CallOptions } from "../core/options.js";
import type { Out } from "./output.js";
import type { Reach, Tokens } from "./tokens.js";

/** The values parseArgs gives a command. */
export type Values = Record<string, string | boolean | string[] | undefined>;

/** What a command runs with: its parsed arguments, the streams, and the token collection. */
export interface Context {
  values: Values;
  positionals: string[];
  stdout: Out;
  stderr: Out;
  env: Record<string, string | undefined>;
  /** `--json`: one JSON document on stdout. */
  json: boolean;
  /** True when stdout goes nowhere (closed, or /dev/null): a secret printed there would be lost. */
  stdoutDiscarded: boolean;
  /** `--quiet`: no progress, summary or notice on stderr; errors still. */
  quiet: boolean;
  /** Colour on stdout: a terminal without NO_COLOR or TERM=dumb, or FORCE_COLOR. */
  colour: boolean;
  /** The width tables are cut to; undefined when stdout is no terminal, or with --wide. */
  width: number | undefined;
  /** `--wide`: every scope shown, nothing cut. */
  wide: boolean;
  now: () => Date;
  /** Asks a question on the terminal; undefined when there is none to ask on (stdin and stderr must both be terminals). */
  prompt: ((question: string) => Promise<string>) | undefined;
  /** What every API call takes: the signal Ctrl-C aborts. */
  call: CallOptions;
  /** The tokens acted on; called after the command has checked its own arguments. */
  tokens(): Tokens;
  /** Every collection the caller's token may reach (the OAuth grants, the owners and their tokens). */
  reach(): Reach;
  /** Whether --application or --instance chose an owner other than the user. */
  ownerGiven: boolean;
  /** Registers a secret, so that nothing written to stderr can ever carry it. */
  secret(text: string): void;
  /** Writes on stdout and resolves once the system has taken it; rejects with the write's error. */
  print(text: string): Promise<void>;
  /** Writes one diagnostic line on stderr, secrets removed. */
  warn(line: string): void;
  /** Writes one notice line on stderr (a summary, where a secret went), unless --quiet. */
  note(line: string): void;
  /** Rewrites the progress line on a terminal's stderr, unless --quiet; an empty text clears it. */
  progress(text: string): void;
}

/** One command: its help, its options (parseArgs's), and what it does. Resolves with the exit code. */
export interface Command {
  name: string;
  summary: string;
  /** The synopsis after `losant-tokens`. */
  usage: string;
  /** Names of the positional arguments, in order; all required. */
  positionals: string[];
  options: NonNullable<ParseArgsConfig["options"]>;
  /** One line per option, as the help shows them. */
  help: string[];
  examples: string[];
  /** True for a command that calls no API (completion): it needs no token. */
  offline?: boolean;
  /** A group's subcommands (`oauth list`, …), each named with the group's name first; the group's own run is never called. */
  subcommands?: readonly Command[];
  /** A subcommand that exists only to refuse with its reason: left out of lists and completion. */
  hidden?: boolean;
  run(context: Context): Promise<number>;
}
