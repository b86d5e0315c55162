import type { ParseArgsConfig } from "node:util";
import type { Out } from "./output.js";
import type { Tokens } from "./tokens.js";

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
  /** Colour on stdout: a terminal without NO_COLOR. */
  colour: boolean;
  now: () => Date;
  /** Asks a question on the terminal; undefined when there is none to ask on. */
  prompt: ((question: string) => Promise<string>) | undefined;
  /** The tokens acted on; called after the command has checked its own arguments. */
  tokens(): Tokens;
  /** Registers a secret, so that nothing written to stderr can ever carry it. */
  secret(text: string): void;
  /** Writes one diagnostic line on stderr, secrets removed. */
  warn(line: string): void;
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
  run(context: Context): Promise<number>;
}
