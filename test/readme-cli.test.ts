import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse as shellWords } from "shell-quote";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { demoWorld } from "../scripts/fake-demo.mjs";
import { startFakeServer } from "../scripts/fake.mjs";
import { COMMANDS } from "../src/cli/commands/index.js";
import { main } from "../src/cli/main.js";
import { createFakeLosant } from "../src/fake/index.js";
import { repoPath } from "./support/spec.js";
import { blocksOf, readPage, sectionOf } from "./support/docs.js";
import { writeSnippets } from "./support/snippets.js";

// The guide's session writes `--secret-file ./ci.token`: a path relative to where the reader stands.
// The session runs in a scratch directory of its own, but vitest's worker threads (the pool of the
// mutation run) cannot chdir; so the relative paths the CLI opens resolve against the scratch
// directory, and everything else about the file (its creation, its mode, its content) is real.
const scratch = vi.hoisted(() => ({ dir: "" }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const { resolve } = await import("node:path");
  const here = <T>(file: T): T | string =>
    typeof file === "string" && scratch.dir ? resolve(scratch.dir, file) : file;
  return {
    ...actual,
    open: (file: string, ...rest: [string, number]) => actual.open(here(file), ...rest),
    rm: (file: string, options?: Parameters<typeof actual.rm>[1]) => actual.rm(here(file), options),
    readFile: ((file: string, options: never) => actual.readFile(here(file), options)) as typeof actual.readFile,
  };
});

/** The CLI's guide, whose session runs here, and its section that holds it. */
const GUIDE = "docs/cli.md";
const HEADING = "## A session";
/** The library guide's section whose rotation example runs against the session's fake. */
const LIBRARY = "docs/library.md";
const LIBRARY_HEADING = "## Rotation";

/** One `$` line of the guide's console block, and the lines a person sees after it. */
interface Step {
  /** The guide's line number of the `$` line, for failure messages. */
  line: number;
  command: string;
  expected: string[];
}

/** The console block of the guide's session, cut into steps: each `$ ` line and the lines until the next. */
async function readmeSession(): Promise<Step[]> {
  const readme = await readFile(repoPath(GUIDE), "utf8");
  const start = readme.indexOf(`\n${HEADING}\n`);
  if (start < 0) throw new Error(`${GUIDE} has no "${HEADING}" section`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const blocks = [...section.matchAll(/```console\n([\s\S]*?)```/g)];
  if (blocks.length !== 1) throw new Error(`${GUIDE}'s "${HEADING}" has ${blocks.length} console blocks, not one`);
  const block = blocks[0]!;
  // Line numbers of the guide: the block's first line comes after the ```console line.
  const firstLine = readme.slice(0, start + block.index! + 1).split("\n").length + 1;
  const steps: Step[] = [];
  block[1]!
    .replace(/\n$/, "")
    .split("\n")
    .forEach((text, i) => {
      if (text.startsWith("$ ")) steps.push({ line: firstLine + i, command: text.slice(2), expected: [] });
      else if (steps.length) steps.at(-1)!.expected.push(text);
      else
        throw new Error(
          `${GUIDE}:${firstLine + i}: the console block must begin with a "$ " line, not ${JSON.stringify(text)}`,
        );
    });
  return steps;
}

/** The words of a command line as a POSIX shell splits them; anything else a shell would do (pipes, globs, variables) is refused. */
function words(step: Step): string[] {
  return shellWords(step.command, (name) => {
    throw new Error(`${GUIDE}:${step.line}: the session expands $${name}, which this test does not do`);
  }).map((word) => {
    if (typeof word !== "string")
      throw new Error(`${GUIDE}:${step.line}: ${JSON.stringify(word)} is shell syntax this test does not run`);
    return word;
  });
}

/** A terminal line, and the stream that wrote it (both when one line took text from each). */
interface Printed {
  text: string;
  stream: "stdout" | "stderr" | "both";
}

/** What one step did: the exit code, the lines as a terminal shows them, and how many requests it sent. */
interface Ran {
  code: number;
  lines: Printed[];
  /** stdout and stderr, each apart. */
  stdout: string;
  stderr: string;
  requests: number;
}

/** Splits writes, in the order they were made, into the lines a terminal shows; every output must end its last line. */
function terminalLines(writes: { stream: "stdout" | "stderr"; text: string }[]): Printed[] {
  const lines: Printed[] = [];
  let current: Printed | undefined;
  for (const { stream, text } of writes) {
    for (const [i, part] of text.split("\n").entries()) {
      if (i > 0) {
        lines.push(current ?? { text: "", stream });
        current = undefined;
      }
      if (part === "") continue;
      current = current
        ? { text: current.text + part, stream: current.stream === stream ? stream : "both" }
        : { text: part, stream };
    }
  }
  if (current) lines.push({ ...current, text: `${current.text}⏎ (no newline at the end of the output)` });
  return lines;
}

/** The 24-hex-digit ids in a text. */
const idsIn = (text: string): string[] => text.match(/\b[0-9a-f]{24}\b/g) ?? [];
/** When the fake made an id: its first 8 hex digits are the creation time in seconds. */
const madeAt = (id: string): Date => new Date(Number.parseInt(id.slice(0, 8), 16) * 1000);

/**
 * The guide's session, run in order in this process against one fake: `export` sets the environment
 * of the commands after it, and each `losant-tokens` line runs the CLI's main() with the words the
 * shell would give it. The fake's clock and the CLI's are one: it stands at the creation time of the
 * first id the guide prints, and moves to the creation time of each new id the guide shows a step
 * making (as a person's clock moves between commands), never back.
 */
function session(steps: Step[]) {
  let env: Record<string, string> = {};
  const seen = new Set<string>();
  const firstId = steps.flatMap((step) => idsIn(step.expected.join("\n")))[0];
  if (!firstId) throw new Error("the guide's session prints no token id, so nothing sets its clock");
  let now = madeAt(firstId);
  // The demo world `npm run fake` serves, dated from the session's first moment; its ids are made then.
  const fake = createFakeLosant({ clock: () => now, initial: demoWorld(now) });
  for (const id of idsIn(JSON.stringify(fake.state()))) seen.add(id);

  /** Moves the clock to the creation time of the ids this step shows first. */
  function tick(step: Step): void {
    const fresh = idsIn(`${step.command}\n${step.expected.join("\n")}`).filter((id) => !seen.has(id));
    for (const id of fresh) seen.add(id);
    const times = [...new Set(fresh.map((id) => madeAt(id).getTime()))];
    if (times.length > 1)
      throw new Error(`${GUIDE}:${step.line}: one step shows new ids of different seconds: ${fresh.join(", ")}`);
    if (times[0] === undefined) return;
    if (times[0] < now.getTime())
      throw new Error(`${GUIDE}:${step.line}: ${fresh.join(", ")} would be made before the step above it`);
    now = new Date(times[0]);
  }

  /** Runs one step; `undefined` for an `export`, which prints nothing. */
  async function run(step: Step): Promise<Ran | undefined> {
    tick(step);
    const [program, ...args] = words(step);
    if (program === "export") {
      for (const assignment of args) {
        const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/s.exec(assignment);
        if (!match) throw new Error(`${GUIDE}:${step.line}: export of ${JSON.stringify(assignment)}, not NAME=value`);
        env = { ...env, [match[1]!]: match[2]! };
      }
      return undefined;
    }
    if (program !== "losant-tokens")
      throw new Error(
        `${GUIDE}:${step.line}: the session runs ${JSON.stringify(program)}; only export and losant-tokens are known here`,
      );
    const writes: { stream: "stdout" | "stderr"; text: string }[] = [];
    let requests = 0;
    const code = await main({
      argv: args,
      env: { ...env },
      // Not terminals: what the guide shows is plain text, as a pipe gets it (no colour, no progress).
      stdout: {
        write: (text: string, done?: (error?: Error | null) => void) => {
          writes.push({ stream: "stdout", text });
          done?.();
        },
        isTTY: false,
      },
      stderr: { write: (text: string) => void writes.push({ stream: "stderr", text }), isTTY: false },
      fetch: (request: Request) => {
        requests += 1;
        return fake.fetch(request);
      },
      now: () => now,
    });
    const of = (stream: string) =>
      writes
        .filter((write) => write.stream === stream)
        .map((write) => write.text)
        .join("");
    return { code, lines: terminalLines(writes), stdout: of("stdout"), stderr: of("stderr"), requests };
  }

  return { fake, run, tick };
}

/**
 * Where the guide's lines and the printed ones part, or the pairs of lines that match. A line `...`
 * (indented or not, as in a JSON document) stands for any number of lines; a line ending in `…` matches any line that begins with the rest.
 */
function align(
  expected: string[],
  actual: string[],
): { pairs: [number, number][] } | { expectedAt: number; actualAt: number } {
  let furthest = { expectedAt: 0, actualAt: 0 };
  const failed = new Set<string>();
  const walk = (e: number, a: number): [number, number][] | undefined => {
    if (failed.has(`${e},${a}`)) return undefined;
    if (e > furthest.expectedAt || (e === furthest.expectedAt && a > furthest.actualAt))
      furthest = { expectedAt: e, actualAt: a };
    const want = expected[e];
    let found: [number, number][] | undefined;
    if (want === undefined) found = a === actual.length ? [] : undefined;
    else if (want.trim() === "...") {
      for (let skip = a; skip <= actual.length && !found; skip += 1) found = walk(e + 1, skip);
    } else if (
      a < actual.length &&
      (want.endsWith("…") ? actual[a]!.startsWith(want.slice(0, -1)) : actual[a] === want)
    ) {
      const rest = walk(e + 1, a + 1);
      found = rest && [[e, a], ...rest];
    }
    if (!found) failed.add(`${e},${a}`);
    return found;
  };
  const pairs = walk(0, 0);
  return pairs ? { pairs } : furthest;
}

/**
 * The stream a line of the session belongs on, by the CLI's conventions: diagnostics
 * (`losant-tokens: …`), the audit's count of tokens with findings and rotate --keep-old's next step go to
 * stderr; tables, fields,
 * confirmations and the secret go to stdout.
 */
const streamOf = (line: string): "stdout" | "stderr" =>
  /^losant-tokens: |^\d+ of \d+ (?:tokens have|token has) findings\.$|^Deploy the new secret, then finish with: /.test(
    line,
  )
    ? "stderr"
    : "stdout";

/** The exit code a step must end with, by the guide's exit codes: 2 for a usage error, 1 for findings under --strict, else 0. */
function exitOf(step: Step, args: string[]): number {
  if (step.expected.some((line) => streamOf(line) === "stderr" && line.startsWith("losant-tokens: "))) return 2;
  const findings = step.expected
    .map((line) => /^(\d+) of \d+ (?:tokens have|token has) findings\.$/.exec(line)?.[1])
    .find(Boolean);
  return args.includes("--strict") && Number(findings) > 0 ? 1 : 0;
}

/** A readable account of where a step's output and the guide part. */
function mismatch(step: Step, ran: Ran, at: { expectedAt: number; actualAt: number }): string {
  const shown = ran.lines.map((line, i) => `${i === at.actualAt ? ">" : " "} [${line.stream}] ${line.text}`).join("\n");
  const want = step.expected[at.expectedAt];
  return [
    `${GUIDE}:${step.line}: \`$ ${step.command}\``,
    want === undefined
      ? `printed more than ${GUIDE} shows, from: ${JSON.stringify(ran.lines[at.actualAt]?.text)}`
      : `${GUIDE}:${step.line + 1 + at.expectedAt} shows ${JSON.stringify(want)}, but the CLI printed ${JSON.stringify(ran.lines[at.actualAt]?.text ?? "(nothing more)")}`,
    "what the CLI printed:",
    shown || "  (nothing)",
  ].join("\n");
}

describe("the CLI guide's session (docs/cli.md)", () => {
  let steps: Step[] = [];
  beforeAll(async () => {
    steps = await readmeSession();
    scratch.dir = await mkdtemp(path.join(tmpdir(), "losant-readme-cli-"));
  });
  afterAll(async () => {
    await rm(scratch.dir, { recursive: true, force: true });
    scratch.dir = "";
  });

  it("runs, every command in order against one fake, printing exactly what docs/cli.md shows, each line on its stream", async () => {
    // The session sets the environment first, then shows every command of the tool.
    expect(words(steps[0]!)[0]).toBe("export");
    expect(new Set(steps.slice(1).map((step) => words(step)[1]))).toEqual(
      new Set(COMMANDS.map((command) => command.name)),
    );
    const { run } = session(steps);
    let secretFile: string | undefined;
    let terminal = "";
    for (const step of steps) {
      const ran = await run(step);
      if (!ran) {
        expect(step.expected, `${GUIDE}:${step.line}: \`$ ${step.command}\` prints nothing`).toEqual([]);
        continue;
      }
      terminal += ran.stdout + ran.stderr;
      const result = align(
        step.expected,
        ran.lines.map((line) => line.text),
      );
      if (!("pairs" in result)) expect.fail(mismatch(step, ran, result));
      for (const [e, a] of result.pairs) {
        const line = ran.lines[a]!;
        const want = streamOf(step.expected[e]!);
        expect(
          line.stream,
          `${GUIDE}:${step.line + 1 + e}: \`$ ${step.command}\` prints ${JSON.stringify(line.text)} on ${line.stream}, not ${want}`,
        ).toBe(want);
      }
      const args = words(step).slice(1);
      expect(
        ran.code,
        `${GUIDE}:${step.line}: \`$ ${step.command}\` exits with ${ran.code}\n${ran.stdout}${ran.stderr}`,
      ).toBe(exitOf(step, args));
      // A usage error is found before any request is sent.
      if (exitOf(step, args) === 2)
        expect(ran.requests, `${GUIDE}:${step.line}: \`$ ${step.command}\` sent a request`).toBe(0);
      const file = args[args.indexOf("--secret-file") + 1];
      if (args.includes("--secret-file") && file) secretFile = file;
    }
    // The rotation's secret went into ./ci.token, mode 0600, and nowhere on the terminal.
    expect(secretFile).toBe("./ci.token");
    const written = path.join(scratch.dir, secretFile!);
    const secret = await readFile(written, "utf8");
    expect(secret).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect((await stat(written)).mode & 0o777).toBe(0o600);
    expect(terminal).not.toContain(secret.trim());
  });

  it("has the library guide's rotation example rotate the token the session made, as the CLI's rotate does", async () => {
    const section = sectionOf(LIBRARY, readPage(LIBRARY), LIBRARY_HEADING);
    const examples = blocksOf(LIBRARY, section).filter((block) => block.lang === "ts");
    if (examples.length !== 1)
      throw new Error(`${LIBRARY}'s "${LIBRARY_HEADING}" has ${examples.length} \`\`\`ts blocks, not one`);
    // Marked for the test of every block as one that needs the shell session's token: it runs here.
    expect(examples[0]!.needs).toMatch(/docs\/cli\.md's session/);
    const code = examples[0]!.code;

    // The session up to its rotate command, on a fake served over HTTP as `npm run fake` serves it; then
    // the example, at the time the session's rotate runs: it makes the token the CLI's rotate makes.
    const rotating = steps.findIndex((step) => words(step)[1] === "rotate");
    const rotate = steps[rotating]!;
    const oldId = words(rotate)[2]!;
    const newId = idsIn(rotate.expected.join("\n")).find((id) => id !== oldId);
    expect(newId, `${GUIDE}:${rotate.line}: the rotate step shows the new token's id`).toBeDefined();
    expect(
      idsIn(code),
      `${LIBRARY}'s rotation must rotate ${oldId}, the token ${GUIDE}:${rotate.line} rotates`,
    ).toEqual([oldId]);
    const { fake, run, tick } = session(steps);
    for (const step of steps.slice(0, rotating)) await run(step);
    tick(rotate);
    const served = await startFakeServer({ port: 0, fake });
    const snippets = await writeSnippets(".readme-cli", {
      rotation: code
        .replaceAll('from "losant-access-tokens"', 'from "../../src/index.js"')
        .replaceAll("http://127.0.0.1:4011", served.url),
    });
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await import(`${pathToFileURL(snippets.files["rotation"]!).href}?run=${Math.random()}`);
      expect(error.mock.calls).toEqual([]);
      expect(log.mock.calls.map((args) => args.join(" "))).toEqual([
        `new ${newId} (secret received), old ${oldId} inactive`,
      ]);
    } finally {
      log.mockRestore();
      error.mockRestore();
      await Promise.all([served.close(), snippets.remove()]);
    }
    const byId = Object.fromEntries(fake.state().userTokens.map((token) => [token.id, token]));
    expect(byId[oldId]).toMatchObject({ status: "inactive" });
    expect(byId[newId!]).toMatchObject({ status: "active", name: byId[oldId]!.name, scope: byId[oldId]!.scope });
  });
});
