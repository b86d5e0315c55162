import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { docPages, readPage } from "./support/docs.js";
import { repoPath } from "./support/spec.js";

/** The README is the front page: what the package is, the quick starts, and links to the rest. */
const README_MAX_LINES = 250;

/** A page's lines outside fenced code blocks, each with its line number, inline code spans blanked. */
function proseOf(text: string): { line: number; text: string }[] {
  let fenced = false;
  return text.split("\n").flatMap((line, i) => {
    if (line.startsWith("```")) fenced = !fenced;
    if (fenced || line.startsWith("```")) return [];
    return [{ line: i + 1, text: line.replace(/(`+)[\s\S]*?\1/g, "") }];
  });
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens, `-1`, `-2`… for repeats. */
function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const heading = fenced ? undefined : /^#{1,6} (.+)$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count ? `${base}-${count}` : base);
  }
  return anchors;
}

/** Every relative link and image of a page: where it is and what it points at. */
function linksOf(page: string): { where: string; target: string }[] {
  return proseOf(readPage(page)).flatMap(({ line, text }) =>
    [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
      .map(([, target = ""]) => target)
      .filter((target) => !/^[a-z][a-z\d+.-]*:/i.test(target))
      .map((target) => ({ where: `${page}:${line}`, target })),
  );
}

/** What is wrong with a link of `page`, or undefined when its file (and its heading) exist. */
function brokenLink(page: string, target: string): string | undefined {
  const [file = "", anchor] = target.split("#");
  const resolved = file ? path.posix.join(path.posix.dirname(page), file) : page;
  if (resolved.startsWith("..") || !existsSync(repoPath(resolved))) return `${target}: no file ${resolved}`;
  if (anchor === undefined) return undefined;
  if (!resolved.endsWith(".md") || statSync(repoPath(resolved)).isDirectory())
    return `${target}: #${anchor} in a file that has no headings`;
  return anchorsOf(readPage(resolved)).has(anchor)
    ? undefined
    : `${target}: ${resolved} has no heading whose anchor is #${anchor}`;
}

describe("the docs' links", () => {
  it("point, every relative link and #anchor of the README, CONTRIBUTING.md and docs/, at a file and heading that exist", () => {
    const links = docPages().flatMap(linksOf);
    // The pages link to one another, to files of the repository, and to headings within pages.
    expect(links.some(({ target }) => target.includes("#"))).toBe(true);
    const broken = links.flatMap(({ where, target }) => {
      const problem = brokenLink(where.split(":")[0] ?? "", target);
      return problem ? [`${where}: ${problem}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it("make anchors as GitHub does, from a heading's words", () => {
    const anchors = anchorsOf(
      "# A\n## `mayHaveSucceeded`\n## Over HTTP: `npm run fake` and its demo world\n## Usage\n## Usage\n```sh\n# not a heading\n```\n",
    );
    expect([...anchors]).toEqual([
      "a",
      "mayhavesucceeded",
      "over-http-npm-run-fake-and-its-demo-world",
      "usage",
      "usage-1",
    ]);
  });
});

describe("the README as the front page", () => {
  it(`is at most ${README_MAX_LINES} lines`, () => {
    const lines = readPage("README.md").replace(/\n$/, "").split("\n").length;
    expect(lines).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it("links every page of docs/ and CONTRIBUTING.md from its Documentation list", () => {
    const readme = readPage("README.md");
    const list = readme.slice(readme.indexOf("\n## Documentation\n"));
    const linked = new Set(linksOf("README.md").map(({ target }) => target.split("#")[0]));
    for (const page of docPages().filter((page) => page !== "README.md")) {
      expect(linked.has(page), `the README does not link ${page}`).toBe(true);
      expect(list, `the README's Documentation list does not link ${page}`).toContain(`](${page})`);
    }
  });

  it("states the two set-up commands, as CONTRIBUTING.md and the library guide do", () => {
    const setUp = ["npm ci && npm run gen", "npm test"];
    for (const page of ["README.md", "CONTRIBUTING.md", "docs/library.md"]) {
      for (const command of setUp)
        expect(readPage(page), `${page} does not say \`${command}\``).toMatch(
          new RegExp(`^${command.replace(/[.*+?^${}()|[\]\\&]/g, "\\$&")} +#`, "m"),
        );
    }
  });
});

describe("the reports of figures", () => {
  // A reader wants today's figures and how to reproduce them; what came before is git's to keep.
  it.each(["BENCHMARKS.md", "test/MUTATION.md"])(
    "%s is at most 250 lines, with no issue numbers or sessions",
    (page) => {
      const text = readPage(page);
      expect(text.replace(/\n$/, "").split("\n").length).toBeLessThanOrEqual(250);
      expect(text).not.toMatch(/\bissue #?\d+|\bsessions?\b|#\d{2,}\b/i);
    },
  );
});
