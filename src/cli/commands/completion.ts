import { GLOBAL_OPTIONS } from "../args.js";
import type { Command } from "../context.js";
import { shown, UsageError } from "../usage.js";

type Shell = "bash" | "zsh" | "fish";

/** Every long option a command takes (a group: any of its subcommands), the global ones included, as `--name`. */
const optionsOf = (command: Command): string[] =>
  Object.keys(
    Object.assign({}, command.options, ...(command.subcommands ?? []).map((sub) => sub.options), GLOBAL_OPTIONS),
  ).map((name) => `--${name}`);
/** What completes after a command's name: a group's subcommands, then the options. */
const wordsOf = (command: Command): string[] => [
  ...(command.subcommands ?? []).filter((sub) => !sub.hidden).map((sub) => sub.name.split(" ").pop()!),
  ...optionsOf(command),
];
/** Single quotes for a shell word (the summaries are ours, but a quote in one must not end the word). */
const single = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

function bash(commands: readonly Command[]): string {
  const cases = commands.map((command) => `    ${command.name}) words="${wordsOf(command).join(" ")}" ;;`).join("\n");
  return `# losant-tokens completion for bash: add  source <(losant-tokens completion bash)  to ~/.bashrc
_losant_tokens() {
  local cur=\${COMP_WORDS[COMP_CWORD]} command="" word words
  for word in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case $word in -*) ;; *) command=$word; break ;; esac
  done
  case $command in
${cases}
    *) words="${commands.map((command) => command.name).join(" ")} --help --version" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _losant_tokens losant-tokens
`;
}

function zsh(commands: readonly Command[]): string {
  const described = commands.map((command) => `    ${single(`${command.name}:${command.summary}`)}`).join("\n");
  const cases = commands
    .map((command) => `    ${command.name}) compadd -- ${wordsOf(command).join(" ")} ;;`)
    .join("\n");
  return `#compdef losant-tokens
# losant-tokens completion for zsh: add  source <(losant-tokens completion zsh)  to ~/.zshrc (after compinit)
_losant_tokens() {
  local -a commands
  commands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case $words[2] in
${cases}
  esac
}
compdef _losant_tokens losant-tokens
`;
}

function fish(commands: readonly Command[]): string {
  const lines = [
    "# losant-tokens completion for fish: losant-tokens completion fish > ~/.config/fish/completions/losant-tokens.fish",
    "complete -c losant-tokens -f",
  ];
  for (const command of commands) {
    lines.push(`complete -c losant-tokens -n __fish_use_subcommand -a ${command.name} -d ${single(command.summary)}`);
    for (const sub of (command.subcommands ?? []).filter((known) => !known.hidden)) {
      lines.push(
        `complete -c losant-tokens -n '__fish_seen_subcommand_from ${command.name}' -a ${sub.name.split(" ").pop()} -d ${single(sub.summary)}`,
      );
    }
    for (const option of optionsOf(command))
      lines.push(`complete -c losant-tokens -n '__fish_seen_subcommand_from ${command.name}' -l ${option.slice(2)}`);
  }
  return `${lines.join("\n")}\n`;
}

const SCRIPTS: Record<Shell, (commands: readonly Command[]) => string> = { bash, zsh, fish };

/** `completion bash|zsh|fish`: the shell's completion script, over `commands` (given late, as the list holds this command too). */
export const completion = (commands: () => readonly Command[]): Command => ({
  name: "completion",
  summary: "Print a shell completion script (bash, zsh or fish)",
  usage: "completion <shell>",
  positionals: ["shell"],
  options: {},
  help: [],
  examples: [
    "source <(losant-tokens completion bash)",
    "losant-tokens completion fish > ~/.config/fish/completions/losant-tokens.fish",
  ],
  offline: true,
  async run(context) {
    const shell = context.positionals[0]!;
    if (!Object.hasOwn(SCRIPTS, shell))
      throw new UsageError(`completion ${shown(shell)} is not a shell this tool completes for: bash, zsh or fish`);
    await context.print(SCRIPTS[shell as Shell](commands()));
    return 0;
  },
});
