import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Command, Values } from "./context.js";
import { distance } from "./distance.js";
import { shown, UsageError } from "./usage.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Positional = { kind: "positional"; index: number; value: string };

/** The options every command takes. `token` is parsed only to be refused with its reason. */
export const GLOBAL_OPTIONS: Options = {
  application: { type: "string" },
  instance: { type: "string" },
  "api-url": { type: "string" },
  "token-file": { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  timeout: { type: "string" },
  retries: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
};

/** What the command line asks for: a command, its values and positionals; or no command, for the tool's help or version. */
export type Parsed =
  | { command: Command; values: Values; positionals: string[] }
  | { command: undefined; version?: boolean };

/** A token given as an argument is refused before anything else: `ps` shows it to every user of the machine. */
function refuseTokenArgument(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === "--") return;
    if (arg === "--token" || arg.startsWith("--token=")) {
      throw new UsageError(
        "--token is refused: other users of this machine can read a command line with ps; set LOSANT_TOKEN or pass --token-file <path>",
      );
    }
  }
}

/**
 * parseArgs's error as one line that names the option, never quoting a value. Strict parsing that allows
 * positionals throws for two reasons only: an unknown option, or an option's value missing or unwanted.
 */
function parseError(error: unknown, command: Command): UsageError {
  const { code, message } = error as { code?: string; message: string };
  // Node quotes the option, its short form first when it has one ('-y, --yes'): the long form is named.
  // Stryker disable next-line StringLiteral: every parseArgs error quotes its option; the fallback guards a change of wording
  const option = /'(?:-\w, )?(-[^' ]*)/.exec(message)?.[1] ?? "an option";
  const help = `see losant-tokens ${command.name} --help`;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    // A short option is one letter, near no option either way, and every option starts with its dash.
    // Stryker disable next-line Regex: so neither the dash's anchor nor the second dash changes a hint
    const name = option.replace(/^--?/, "").split("=")[0]!;
    const near = Object.keys({ ...GLOBAL_OPTIONS, ...command.options })
      .filter((known) => distance(known, name) <= (name.length >= 4 ? 2 : 1))
      .map((known) => `--${known}`);
    const hint = near.length ? `did you mean ${near.join(" or ")}? (${help})` : help;
    return new UsageError(
      `unknown option ${/^--?[\w-]+$/.test(option) ? option : shown(option)} for ${command.name}: ${hint}`,
    );
  }
  if (/does not take an argument/.test(message)) return new UsageError(`${option} takes no value: ${help}`);
  return new UsageError(
    `${option} needs a value (to give one that starts with a dash, write ${option}=-value): ${help}`,
  );
}

/** Parses the command line: the command first found, then its options, strictly. Throws UsageError. */
export function parseCommandLine(argv: readonly string[], commands: readonly Command[]): Parsed {
  refuseTokenArgument(argv);
  // Every option any command knows, loosely, only to find where the command name is.
  const all: Options = Object.assign(
    {},
    GLOBAL_OPTIONS,
    ...commands.flatMap((command) => [command.options, ...(command.subcommands ?? []).map((sub) => sub.options)]),
  );
  const loose = parseArgs({ args: [...argv], options: all, strict: false, allowPositionals: true, tokens: true });
  const first = loose.tokens.find((token): token is Positional => token.kind === "positional");
  if (!first) {
    if (argv.length === 0 || loose.values["help"]) return { command: undefined };
    if (loose.values["version"]) return { command: undefined, version: true };
    throw new UsageError("no command given: run losant-tokens --help for the list");
  }
  let name = first.value;
  let rest = [...argv.slice(0, first.index), ...argv.slice(first.index + 1)];
  // `losant-tokens help <command>` is `losant-tokens <command> --help`.
  if (name === "help") {
    const target = rest.find((arg) => !arg.startsWith("-"));
    if (target === undefined) return { command: undefined };
    name = target;
    rest = ["--help"];
  }
  let command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    const near = commands.filter((candidate) => distance(candidate.name, name) <= 2).map((candidate) => candidate.name);
    const hint = near.length
      ? `did you mean ${near.join(" or ")}? (run losant-tokens --help for every command)`
      : "run losant-tokens --help for every command";
    throw new UsageError(`unknown command ${shown(name)}: ${hint}`);
  }
  // A group (`oauth`) takes its subcommand as the next word: `oauth list`, `oauth revoke <id>`.
  if (command.subcommands) ({ command, rest } = subcommand(command, rest, all));
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: Options; strict: true; allowPositionals: true; tokens: true }>
  >;
  const options = { ...GLOBAL_OPTIONS, ...command.options };
  try {
    parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    throw parseError(error, command);
  }
  // parseArgs keeps the last of a repeated option: a second value is more likely a mistake than a change of mind.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== "option" || options[token.name]?.multiple) continue;
    if (seen.has(token.name) && options[token.name]?.type === "string")
      throw new UsageError(`--${token.name} was given more than once: give it once`);
    seen.add(token.name);
  }
  const values = parsed.values as Values;
  const { positionals } = parsed;
  // With --help, the command's help is all that is asked for: its arguments need not be there.
  if (!values["help"]) {
    if (positionals.length < command.positionals.length) {
      throw new UsageError(
        `${command.name} needs <${command.positionals[positionals.length]}>: losant-tokens ${command.usage.split(" [")[0]}`,
      );
    }
    if (positionals.length > command.positionals.length)
      throw new UsageError(
        `unexpected argument ${shown(positionals[command.positionals.length]!)} for ${command.name}: see losant-tokens ${command.name} --help`,
      );
  }
  return { command, values, positionals };
}

/** The subcommand of a group, and the arguments left after its name; the group itself for its own --help. */
function subcommand(group: Command, rest: string[], all: Options): { command: Command; rest: string[] } {
  const subs = group.subcommands ?? [];
  const loose = parseArgs({ args: rest, options: all, strict: false, allowPositionals: true, tokens: true });
  const first = loose.tokens.find((token): token is Positional => token.kind === "positional");
  // A subcommand is named with its group: `oauth list`.
  const names = subs.filter((sub) => !sub.hidden).map((sub) => sub.name.split(" ")[1]!);
  if (!first) {
    if (loose.values["help"]) return { command: group, rest: ["--help"] };
    throw new UsageError(
      `${group.name} needs a subcommand: ${names.join(", ")} (see losant-tokens ${group.name} --help)`,
    );
  }
  const found = subs.find((sub) => sub.name === `${group.name} ${first.value}`);
  if (!found) {
    const near = names.filter((known) => distance(known, first.value) <= 2);
    const hint = near.length
      ? `did you mean ${near.map((known) => `${group.name} ${known}`).join(" or ")}?`
      : `it takes ${names.join(", ")}`;
    throw new UsageError(
      `unknown subcommand ${shown(first.value)} for ${group.name}: ${hint} (see losant-tokens ${group.name} --help)`,
    );
  }
  return { command: found, rest: [...rest.slice(0, first.index), ...rest.slice(first.index + 1)] };
}
