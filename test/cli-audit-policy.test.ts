// The audit's policy: --max-age, and a JSON policy file whose durations are the CLI's own grammar; a
// flag on the command line wins over the file; a bad file is a usage error naming the key, before any request.
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliFake, NOW, runCli } from "./support/cli.js";
import { repoPath } from "./support/spec.js";

const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();
const ID = { old: "aaaaaaaaaaaaaaaaaaaaaaa1", young: "aaaaaaaaaaaaaaaaaaaaaaa2", legacy: "aaaaaaaaaaaaaaaaaaaaaaa3" };
const fake = () =>
  cliFake({
    initial: {
      userTokens: [
        {
          id: ID.old,
          name: "old-ci",
          scope: ["devices.get"],
          creationDate: at(-200),
          lastUpdated: at(-200),
          expirationDate: at(200),
        },
        {
          id: ID.young,
          name: "young",
          scope: ["devices.get"],
          creationDate: at(-10),
          lastUpdated: at(-10),
          expirationDate: at(60),
        },
        { id: ID.legacy, name: "legacy-export", scope: ["all.Application"], creationDate: at(-5), lastUpdated: at(-5) },
      ],
    },
  });
const line = (stderr: string) => stderr.replace(/^losant-tokens: /gm, "").trimEnd();
const findings = (stdout: string) =>
  Object.fromEntries(
    (JSON.parse(stdout) as { name: string; findings: string[] }[]).map((result) => [result.name, result.findings]),
  );

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "losant-policy-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
/** Writes a policy file and returns its path. */
const policyFile = async (policy: unknown, name = `p${Math.random()}.json`) => {
  const file = path.join(dir, name);
  await writeFile(file, typeof policy === "string" ? policy : JSON.stringify(policy));
  return file;
};

describe("--max-age", () => {
  it("flags tokens created longer ago than the duration as old", async () => {
    const run = await runCli(["audit", "--max-age", "90d", "--json"], fake());
    expect(findings(run.stdout)).toEqual({
      "legacy-export": ["no-expiry", "broad-scope"],
      "old-ci": ["old"],
      young: [],
    });
  });

  it("is a usage error when it is no duration", async () => {
    const run = await runCli(["audit", "--max-age", "90 days"], fake());
    expect([run.code, run.requests.length]).toEqual([2, 0]);
    expect(line(run.stderr)).toMatch(/^--max-age "90 days" is not a duration/);
  });
});

describe("--policy <file>", () => {
  it("applies maxAge, maxLifetime, requireExpiry, forbiddenScopes and within, durations in the CLI's grammar", async () => {
    const file = await policyFile({
      maxAge: "100d",
      maxLifetime: "300d",
      requireExpiry: false,
      forbiddenScopes: ["devices.*"],
      within: "90d",
    });
    const run = await runCli(["audit", "--policy", file, "--json"], fake());
    expect(run.code).toBe(0);
    expect(findings(run.stdout)).toEqual({
      "legacy-export": [],
      "old-ci": ["long-lived", "old", "broad-scope"],
      young: ["expiring", "broad-scope"],
    });
  });

  it("waives findings for an exception by id or name glob until its date, then reports exception-lapsed", async () => {
    const file = await policyFile({
      exceptions: [
        {
          name: "legacy-*",
          findings: ["no-expiry", "broad-scope"],
          reason: "The nightly export; replaced in Q3.",
          until: at(30),
        },
        { id: ID.old, findings: ["old"], reason: "Kept for the audit trail.", until: at(-1) },
      ],
    });
    const run = await runCli(["audit", "--policy", file, "--max-age", "90d", "--json"], fake());
    expect(findings(run.stdout)).toEqual({ "legacy-export": [], "old-ci": ["old", "exception-lapsed"], young: [] });
  });

  it("gives way to a flag on the command line", async () => {
    const file = await policyFile({ within: "90d", maxAge: "5d" });
    const run = await runCli(["audit", "--policy", file, "--within", "7d", "--max-age", "365d", "--json"], fake());
    expect(findings(run.stdout)).toEqual({ "legacy-export": ["no-expiry", "broad-scope"], "old-ci": [], young: [] });
  });

  it.each([
    [{ maxAgee: "90d" }, /has an unknown key "maxAgee": did you mean maxAge\? a policy takes maxAge, maxLifetime, /],
    // Two edits from a key is near enough to suggest it, in any case; three is not.
    [{ maxAgexx: "90d" }, /has an unknown key "maxAgexx": did you mean maxAge\? a policy takes /],
    [{ MAXAGE: "90d" }, /has an unknown key "MAXAGE": did you mean maxAge\? a policy takes /],
    [
      { maxAgexxx: "90d" },
      /has an unknown key "maxAgexxx": a policy takes maxAge, maxLifetime, requireExpiry, forbiddenScopes, within, exceptions$/,
    ],
    [{ maxAge: "90 days" }, /: maxAge "90 days" is not a duration: give a whole number and a unit/],
    [{ within: 30 }, /: within must be a duration such as "90d"/],
    [
      { exceptions: [{ name: "x", findings: ["old"], reason: "r", until: "someday" }] },
      /: exceptions\[0\]\.until must be a date/,
    ],
    [
      { exceptions: [{ name: "x", findings: ["bad"], reason: "r", until: "2027-01-01" }] },
      /: exceptions\[0\]\.findings\[0\] must be one of /,
    ],
    [
      { exceptions: [{ name: "x", findings: ["old"], reason: "r", until: "2027-01-01", extra: 1 }] },
      /: exceptions\[0\] has unknown key "extra"/,
    ],
    ["{ not json", /is not JSON: it must hold one JSON object/],
    ["[1, 2]", /" must hold one JSON object, such as \{"maxAge": "90d"\}$/],
    ["null", /" must hold one JSON object, such as \{"maxAge": "90d"\}$/],
    ["42", /" must hold one JSON object, such as \{"maxAge": "90d"\}$/],
    ['"90d"', /" must hold one JSON object, such as \{"maxAge": "90d"\}$/],
  ])("refuses %j as a usage error naming the key, before any request", async (policy, message) => {
    const file = await policyFile(policy);
    const run = await runCli(["audit", "--policy", file], fake());
    expect([run.code, run.requests.length, run.stdout]).toEqual([2, 0, ""]);
    expect(line(run.stderr)).toMatch(new RegExp(`^--policy "${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`));
    expect(line(run.stderr)).toMatch(message);
  });

  it("reads the file as the token file is read: a missing file, a folder and a file over 1 MiB are usage errors", async () => {
    const folder = path.join(dir, "folder");
    await mkdir(folder);
    const big = await policyFile(" ".repeat(1024 * 1024 + 1));
    for (const [file, message] of [
      [path.join(dir, "missing.json"), "cannot be read: no such file or directory"],
      [folder, "cannot be read: it is a directory"],
      [big, "is larger than 1 MiB: it must hold one JSON policy"],
    ] as const) {
      const run = await runCli(["audit", "--policy", file], fake());
      expect([run.code, run.requests.length, line(run.stderr)]).toEqual([
        2,
        0,
        `--policy ${JSON.stringify(file)} ${message}`,
      ]);
    }
  });
});

describe("the policy file docs/cli.md shows", () => {
  it("is one the CLI takes, and its exception waives what it says", async () => {
    const guide = await readFile(repoPath("docs/cli.md"), "utf8");
    const section = guide.slice(guide.indexOf("\n## The audit\n"));
    const example = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    if (!example) throw new Error('docs/cli.md\'s "## The audit" has no ```json block');
    const world = cliFake({
      initial: {
        userTokens: [{ name: "legacy-export", scope: ["devices.get"], creationDate: at(-5), lastUpdated: at(-5) }],
      },
    });
    const run = await runCli(["audit", "--policy", await policyFile(example), "--json"], world);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(findings(run.stdout)).toEqual({ "legacy-export": [] });
  });
});

describe("the CI job docs/cli.md shows", () => {
  it("is a scheduled GitHub Actions workflow whose step runs the strict, complete audit into the job summary", async () => {
    const { load } = await import("js-yaml");
    const guide = await readFile(repoPath("docs/cli.md"), "utf8");
    const section = guide.slice(guide.indexOf("\n## A CI job\n"));
    const text = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    if (!text) throw new Error('docs/cli.md\'s "## A CI job" has no ```yaml block');
    const workflow = load(text) as {
      on: { schedule: { cron: string }[] };
      jobs: Record<string, { steps: { run?: string }[] }>;
    };
    expect(workflow.on.schedule[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ""));
    const audit = runs.find((run) => run.includes("losant-tokens audit"));
    expect(audit).toMatch(
      /losant-tokens audit --all --strict (?:--policy \S+ )?--format markdown >> "\$GITHUB_STEP_SUMMARY"$/,
    );
    // The command the job runs is one the CLI takes.
    const argv = audit!
      .replace(/^.*losant-tokens /, "")
      .replace(/ >>.*$/, "")
      .split(" ")
      .filter((word) => !word.startsWith("--policy") && !word.endsWith(".json"));
    const run = await runCli(argv, fake());
    expect(run.stdout).toMatch(/^### Losant token audit\n/);
  });
});
