// Shell completion knows every command of the tool: retire, the oauth group and its subcommands, and
// the new flags (--instance everywhere, audit's --all, --policy, --max-age and --format, rotate's --keep-old).
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";

const script = async (shell: string) => {
  const run = await runCli(["completion", shell], undefined, { env: { LOSANT_TOKEN: undefined } });
  expect(run.code).toBe(0);
  return run.stdout;
};

describe("completion", () => {
  it("for bash offers retire and oauth, oauth's subcommands, and the new flags of each command", async () => {
    const bash = await script("bash");
    expect(bash).toMatch(
      /\*\) words="list get create update delete rotate retire oauth audit completion --help --version"/,
    );
    expect(bash).toMatch(/ {4}oauth\) words="list get revoke --limit --wide --yes --application --instance /);
    expect(bash).toMatch(/ {4}retire\) words="--delete --yes --force --application --instance /);
    expect(bash).toMatch(
      / {4}audit\) words="--all --within --max-age --policy --strict --limit --format --wide --application --instance /,
    );
    expect(bash).toContain(" --keep-old ");
    // The refusing subcommands (oauth rotate, oauth retire) are never offered.
    expect(bash).not.toMatch(/oauth\) words="[^"]*\b(rotate|retire)\b/);
    const checked = spawn("bash", ["-n"], { stdio: ["pipe", "ignore", "pipe"] });
    let errors = "";
    checked.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    checked.stdin.end(bash);
    expect([await new Promise((resolve) => checked.on("close", resolve)), errors]).toEqual([0, ""]);
  });

  it("for zsh describes retire and oauth, and completes oauth's subcommands", async () => {
    const zsh = await script("zsh");
    expect(zsh).toContain(
      "'retire:Finish a rotation: set the old token inactive, or delete it, once its successor exists'",
    );
    expect(zsh).toContain("'oauth:List, show and revoke the OAuth grants you gave clients'");
    expect(zsh).toMatch(/ {4}oauth\) compadd -- list get revoke --limit /);
  });

  it("for fish completes oauth's subcommands with their summaries, and the new flags", async () => {
    const fish = await script("fish");
    expect(fish).toContain(
      "complete -c losant-tokens -n '__fish_seen_subcommand_from oauth' -a revoke -d 'Revoke an OAuth grant: delete it (asks first on a terminal)'",
    );
    expect(fish).toContain("complete -c losant-tokens -n '__fish_seen_subcommand_from audit' -l policy");
    expect(fish).toContain("complete -c losant-tokens -n '__fish_seen_subcommand_from rotate' -l keep-old");
    expect(fish).toContain("complete -c losant-tokens -n '__fish_seen_subcommand_from list' -l instance");
    expect(fish).not.toContain("-a rotate -d '(refused");
  });
});

describe("each completion script", () => {
  it.each(["bash", "zsh", "fish"])("reads as committed in test/fixtures/cli-completion/ (%s)", async (shell) => {
    await expect(await script(shell)).toMatchFileSnapshot(`./fixtures/cli-completion/${shell}.txt`);
  });

  it("needs its <shell>, and names the shells it knows", async () => {
    const errors = await Promise.all(
      [["completion"], ["completion", "tcsh"]].map((argv) =>
        runCli(argv, undefined, { env: { LOSANT_TOKEN: undefined } }),
      ),
    );
    expect(errors.map((run) => [run.code, run.stderr])).toEqual([
      [2, "losant-tokens: completion needs <shell>: losant-tokens completion <shell>\n"],
      [2, 'losant-tokens: completion "tcsh" is not a shell this tool completes for: bash, zsh or fish\n'],
    ]);
  });
});
