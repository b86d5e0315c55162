// Nothing from the API can drive the terminal, and tables fit it: the built CLI under a pseudo-terminal
// (util-linux's script), the exact bytes checked; and in process, JSON and the habits of gh and kubectl.
// Display widths and colour, in process, are in cli-parts.test.ts, where Stryker runs them.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { cliFake, runCli } from "./support/cli.js";
import { cliCommand, servedFake, underTerminal } from "./support/cli-process.js";

const OLD = "aaaaaaaaaaaaaaaaaaaaaaa2";
/** A name that would set the window title, open an OSC-8 link, start a CSI with C1 0x9B, and forge a line. */
const EVIL = "evil\x1b]0;pwned\x07\x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\\x9b31m\nlosant-tokens: forged";
const EVIL_SHOWN =
  "evil\\u001b]0;pwned\\u0007\\u001b]8;;http://x.example\\u001b\\\\link\\u001b]8;;\\u001b\\\\\\u009b31m\\u000alosant-tokens: forged";
/** Every byte a terminal acts on besides CR and LF, and the raw characters that hide or reorder text. */
const DRIVING = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;
/** A terminal's text without the colour sequences the CLI itself writes (SGR only). */
const withoutColour = (text: string) => text.replace(/\x1b\[[\d;]*m/g, "");

describe("on a terminal, exact bytes", () => {
  it("rotate shows a hostile name with visible escapes: no title, link, C1 sequence or forged line reaches the terminal", async () => {
    const fake = cliFake({
      initial: { userTokens: [{ id: OLD, name: EVIL, status: "active", scope: ["devices.get"] }] },
    });
    const url = await servedFake(fake);
    const { code, bytes } = await underTerminal(cliCommand(["rotate", OLD]), { LOSANT_API_URL: url });
    expect(code).toBe(0);
    const text = bytes.toString("utf8");
    const newId = fake.state().userTokens.find((token) => token.id !== OLD)!.id!;
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(`Created token ${newId} "${EVIL_SHOWN}" (active, expires never).`);
    expect(lines[1]).toBe("Secret (shown once; Losant keeps no copy):");
    expect(lines[2]).toMatch(/^\x1b\[1m[\w-]+\.[\w-]+\.[\w-]+\x1b\[0m$/);
    expect(lines.slice(3)).toEqual([`Old token ${OLD} is inactive.`, ""]);
    expect(withoutColour(text).replace(/\r\n/g, "")).not.toMatch(DRIVING);
  });

  it("list --json writes bidi, C1 and zero-width characters as \\u escapes on a terminal, and parses back to the exact name", async () => {
    const name = "a\u202eb\u009bc\u200bd\u2066e";
    const url = await servedFake(cliFake({ initial: { userTokens: [{ id: OLD, name, scope: ["devices.get"] }] } }));
    const { code, bytes } = await underTerminal(cliCommand(["list", "--json"]), { LOSANT_API_URL: url });
    expect(code).toBe(0);
    const text = bytes.toString("utf8");
    expect(text).toContain('"name": "a\\u202eb\\u009bc\\u200bd\\u2066e",\r\n');
    expect(text.replace(/\r\n/g, "\n")).not.toMatch(DRIVING);
    expect((JSON.parse(text.replace(/\r\n/g, "\n")) as { name: string }[])[0]?.name).toBe(name);
  });

  it("cuts a table to the terminal's width with …, and --wide shows every cell whole", async () => {
    const long = "n".repeat(120);
    const url = await servedFake(
      cliFake({ initial: { userTokens: [{ id: OLD, name: long, scope: ["devices.get"] }] } }),
    );
    const cut = (await underTerminal(cliCommand(["list"]), { LOSANT_API_URL: url, NO_COLOR: "1" }, 80)).bytes
      .toString("utf8")
      .split("\r\n");
    // 80 columns: the id (24), STATUS (6), EXPIRES (7), SCOPE (11) and four gaps of 2 leave NAME 24.
    expect(cut[1]).toBe(`${OLD}  ${"n".repeat(23)}…  active  never    devices.get`);
    expect(Math.max(...cut.map((row) => row.length))).toBe(80);
    const wide = (await underTerminal(cliCommand(["list", "--wide"]), { LOSANT_API_URL: url, NO_COLOR: "1" }, 80)).bytes
      .toString("utf8")
      .split("\r\n");
    expect(wide[1]).toBe(`${OLD}  ${long}  active  never    devices.get`);
  });

  it("exits 130 on Ctrl-C at delete's question, and deletes nothing", async () => {
    const fake = cliFake({ initial: { userTokens: [{ id: OLD, name: "deploy", scope: ["devices.get"] }] } });
    const url = await servedFake(fake);
    const child = spawn("script", ["-qfec", cliCommand(["delete", OLD]), "/dev/null"], {
      env: { PATH: process.env["PATH"], TERM: "xterm", LOSANT_TOKEN: "cli-test-token.abc123", LOSANT_API_URL: url },
      stdio: ["pipe", "pipe", "inherit"],
    });
    let seen = "";
    let typed = false;
    child.stdout.on("data", (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      // The question is up (readline then moves the cursor after it): type Ctrl-C, as a person does.
      if (!typed && seen.includes("[y/N] ")) {
        typed = true;
        child.stdin.write("\x03");
      }
    });
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(130);
    expect(seen).toMatch(/\[y\/N\] \x1b\[\d+G\r\r\nlosant-tokens: interrupted\r\n$/);
    expect(fake.state().userTokens.map((token) => token.id)).toEqual([OLD]);
  });
});

describe("JSON", () => {
  it("is never cut: a 255-character name and 500 scopes come whole, with --json on a narrow terminal", async () => {
    const name = "n".repeat(255);
    const scope = Array.from({ length: 500 }, (_, i) => `scope.${i}`);
    const run = await runCli(["list", "--json"], undefined, {
      tty: true,
      columns: 40,
      fetch: async () => Response.json({ items: [{ id: OLD, name, scope }], totalCount: 1 }),
    });
    expect(JSON.parse(run.stdout)).toEqual([{ id: OLD, name, scope }]);
  });

  it("says the old token was deleted after rotate --delete-old --json, with no status that calls it active", async () => {
    const fake = cliFake({
      initial: { userTokens: [{ id: OLD, name: "deploy", status: "active", scope: ["devices.get"] }] },
    });
    const run = await runCli(["rotate", OLD, "--delete-old", "--json"], fake);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as {
      created: Record<string, unknown>;
      old: Record<string, unknown>;
      oldState: string;
    };
    expect(Object.keys(document)).toEqual(["created", "old", "oldState"]);
    expect(document.oldState).toBe("deleted");
    expect(document.old).toMatchObject({ id: OLD, name: "deploy" });
    expect(document.old).not.toHaveProperty("status");
    expect(document.created["token"]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("gives rotate's document as one JSON text: oldState inactive, the old token as it is now", async () => {
    const fake = cliFake({
      initial: { userTokens: [{ id: OLD, name: "deploy", status: "active", scope: ["devices.get"] }] },
    });
    const document = JSON.parse((await runCli(["rotate", OLD, "--json"], fake)).stdout) as {
      old: { status: string };
      oldState: string;
    };
    expect([document.oldState, document.old.status]).toEqual(["inactive", "inactive"]);
  });
});

describe("the habits of gh and kubectl", () => {
  it("prints a bash completion script that bash reads, naming every command and its options", async () => {
    const run = await runCli(["completion", "bash"], undefined, { env: { LOSANT_TOKEN: undefined } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("complete -F _losant_tokens losant-tokens");
    expect(run.stdout).toContain(
      '    rotate) words="--expires-in --expires-at --delete-old --keep-old --secret-file --application',
    );
    const checked = spawn("bash", ["-n"], { stdio: ["pipe", "ignore", "pipe"] });
    let errors = "";
    checked.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    checked.stdin.end(run.stdout);
    expect([await new Promise((resolve) => checked.on("close", resolve)), errors]).toEqual([0, ""]);
  });

  it("prints zsh and fish completion scripts with every command", async () => {
    for (const shell of ["zsh", "fish"]) {
      const { code, stdout } = await runCli(["completion", shell], undefined, { env: { LOSANT_TOKEN: undefined } });
      expect(code).toBe(0);
      for (const command of ["list", "get", "create", "update", "delete", "rotate", "audit", "completion"])
        expect(stdout).toContain(command);
    }
  });

  it("takes --limit on list and audit: the first n tokens, and no more pages than they need", async () => {
    const fake = cliFake({
      initial: {
        userTokens: Array.from({ length: 250 }, (_, i) => ({
          name: `t-${String(i).padStart(3, "0")}`,
          scope: ["devices.get"],
        })),
      },
    });
    const run = await runCli(["list", "--limit", "3", "--json"], fake);
    expect((JSON.parse(run.stdout) as { name: string }[]).map((token) => token.name)).toEqual([
      "t-000",
      "t-001",
      "t-002",
    ]);
    expect(run.requests).toHaveLength(1);
    const audit = await runCli(["audit", "--limit", "150", "--json"], fake);
    expect(JSON.parse(audit.stdout)).toHaveLength(150);
    expect(audit.requests).toHaveLength(2);
  });

  it("keeps stderr quiet with --quiet: no summary from audit", async () => {
    const fake = cliFake({ initial: { userTokens: [{ name: "x", scope: ["all.Application"] }] } });
    expect((await runCli(["audit"], fake)).stderr).toBe("1 of 1 token has findings.\n");
    expect((await runCli(["audit", "--quiet"], fake)).stderr).toBe("");
    expect((await runCli(["audit", "-q"], fake)).stderr).toBe("");
  });

  it("names the limit in its own words, not the library's option, when an answer is too large", async () => {
    const huge = async () =>
      new Response(JSON.stringify({ items: [], pad: "x".repeat(11 * 1024 * 1024) }), {
        headers: { "content-type": "application/json" },
      });
    const run = await runCli(["list"], undefined, { fetch: huge });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/larger than the 10485760 bytes this tool reads/);
    expect(run.stderr).not.toContain("maxResponseBytes");
  });
});
