import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoPath } from "./support/spec.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: "T",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "T",
  GIT_COMMITTER_EMAIL: "t@example.com",
};
const LONG = "Rewrite the whole request path so that every sender shares one contract and one abort helper";

/** A repository whose history has a long subject before the check's script is added, and the commits `then` makes after. */
function repository(then: (git: (...args: string[]) => string) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), "losant-subjects-"));
  temps.push(dir);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env, encoding: "utf8" });
  git("init", "--quiet", "--initial-branch=main");
  git("commit", "--quiet", "--allow-empty", "-m", LONG);
  mkdirSync(path.join(dir, ".ci"));
  copyFileSync(repoPath(".ci/check-subjects.mjs"), path.join(dir, ".ci/check-subjects.mjs"));
  git("add", ".ci");
  git("commit", "--quiet", "-m", "Add the commit-subject check");
  then(git);
  return dir;
}

const check = (dir: string) =>
  spawnSync(process.execPath, [repoPath(".ci/check-subjects.mjs"), dir], { encoding: "utf8" });

describe("the commit-subject check of CI", () => {
  it("passes when every subject after the commit that added it is at most 72 characters, whatever came before", () => {
    const result = check(repository((git) => git("commit", "--quiet", "--allow-empty", "-m", "A".repeat(72))));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("fails on a longer subject after it, naming the commit and its length", () => {
    const result = check(repository((git) => git("commit", "--quiet", "--allow-empty", "-m", "B".repeat(73))));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/[0-9a-f]{7} \(73 characters\): B{73}/);
  });

  it("counts characters, not bytes", () => {
    const result = check(repository((git) => git("commit", "--quiet", "--allow-empty", "-m", "é".repeat(72))));
    expect(result.status).toBe(0);
  });

  it("holds merge commits to the same rule", () => {
    const dir = repository((git) => {
      git("checkout", "--quiet", "-b", "side");
      git("commit", "--quiet", "--allow-empty", "-m", "Add a side step");
      git("checkout", "--quiet", "main");
      git("commit", "--quiet", "--allow-empty", "-m", "Add a main step");
      git("merge", "--quiet", "--no-ff", "-m", `Merge ${LONG}`, "side");
    });
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`: Merge ${LONG}`);
  });

  it("checks the commits of a branch that forked before the check was added, once merged after it", () => {
    const dir = repository((git) => {
      git("checkout", "--quiet", "-b", "older", "HEAD~1");
      git("commit", "--quiet", "--allow-empty", "-m", LONG);
      git("checkout", "--quiet", "main");
      git("merge", "--quiet", "--no-ff", "-m", "Merge branch 'older'", "older");
    });
    expect(check(dir).stderr).toContain(`: ${LONG}`);
  });

  it("refuses a shallow clone, where the commit that added it cannot be told apart", () => {
    const shallow = mkdtempSync(path.join(tmpdir(), "losant-subjects-shallow-"));
    temps.push(shallow);
    const dir = repository((git) => git("commit", "--quiet", "--allow-empty", "-m", "Add a step"));
    execFileSync("git", ["clone", "--quiet", "--depth=1", `file://${dir}`, shallow], { env });
    const result = check(shallow);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("this is a shallow clone");
  });

  it("says what is missing in a history where no commit adds it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "losant-subjects-none-"));
    temps.push(dir);
    execFileSync("git", ["init", "--quiet", dir], { env });
    execFileSync("git", ["-C", dir, "commit", "--quiet", "--allow-empty", "-m", "Start"], { env });
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("no commit adds .ci/check-subjects.mjs in this history");
  });
});
