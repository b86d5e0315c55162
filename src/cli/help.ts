import type { Command } from "./context.js";

/**
 * The options every command takes. A function, not a constant made when the module loads: mutation
 * testing can then tell which tests read these lines (the help compared with test/fixtures/cli-help/).
 */
const globalHelp = (): string[] => [
  "--application <id>   act on an application's tokens instead of your own",
  "--instance <id>      act on an instance's tokens instead of your own (not with --application)",
  "--api-url <url>      the API's address (default LOSANT_API_URL, else https://api.losant.com);",
  "                     http:// only on loopback",
  "--token-file <path>  read the API token from a file (one line; - for stdin) instead of LOSANT_TOKEN",
  "--json               print one JSON document on stdout",
  "--quiet, -q          no progress, summary or notice on stderr (errors still)",
  "--timeout <duration> give up on a request after this long: 30s, 2m or 500ms (default 30s)",
  "--retries <n>        retries of a failed request, 0 to 10 (default 2)",
  "--help, -h           show help",
  "--version, -V        print the version",
];

const indent = (lines: readonly string[]) => lines.map((line) => `  ${line}`).join("\n");

/** `losant-tokens --help`. */
export function toolHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return `losant-tokens: list, create, rotate, revoke and audit Losant API tokens

Usage:
  losant-tokens <command> [options]

Commands:
${indent(commands.map((command) => `${command.name.padEnd(width)}  ${command.summary}`))}

Options for every command:
${indent(globalHelp())}

Credentials: LOSANT_TOKEN, or --token-file. A token is never accepted on the command line
(--token): other users of the machine could read it with ps.

Output: tables for people, cut to the terminal's width (--wide for all); --json for machines.
Colour on a terminal; NO_COLOR or TERM=dumb turns it off, FORCE_COLOR on.

Exit codes: 0 done; 1 a failed call, findings (or an owner not visible) under audit --strict,
or retire refusing; 2 a usage error;
130 interrupted (Ctrl-C).

Examples:
  export LOSANT_TOKEN=$(cat ~/.losant-token)
  losant-tokens list
  losant-tokens create --name ci-deploy --scope all.Application --expires-in 90d
  losant-tokens rotate 5f1e2d3c4b5a69788796a5b4 --delete-old
  losant-tokens audit --all --strict
  source <(losant-tokens completion bash)

Run losant-tokens <command> --help for a command's options.
`;
}

/** `losant-tokens <command> --help`. */
export function commandHelp(command: Command): string {
  const own = command.help.length
    ? `\n${command.subcommands ? "Subcommands" : "Options"}:\n${indent(command.help)}\n`
    : "";
  return `losant-tokens ${command.name}: ${command.summary}

Usage:
  losant-tokens ${command.usage}
${own}
Options for every command:
${indent(globalHelp())}

Examples:
${indent(command.examples)}
`;
}
