// `audit --format markdown`: a table for a CI job's summary, where every value is text and only text.
// An OAuth client's name comes from a third party: whatever it holds, it stays inside its own cell.
import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { markdownCell } from "../src/cli/markdown.js";
import { cliFake, NOW, runCli } from "./support/cli.js";

const later = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();
const grant = (name: string, client: string) => ({
  name,
  scope: ["only.Organization.read" as const],
  creationDate: NOW.toISOString(),
  lastUpdated: NOW.toISOString(),
  expirationDate: later(300),
  oauth: { client_id: "5f0c1e2d3a4b5c6d7e8f9a01", client_name: client, authorizationStatus: "authorized" as const },
});

const HOSTILE = [
  "a | b",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "`code`",
  "[click](https://evil.example)",
  "![img](https://evil.example/x.png)",
  "**bold** and _it_ and *it*",
  "~~gone~~",
  "https://evil.example/login",
  "www.evil.example",
  "mail admin@evil.example",
  "line one\nline two",
  "\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007",
  "&lt;b&gt; &amp;",
  "back\\slash and \\u001b typed",
  "# heading",
];

/** A text as a reader sees it once rendered: as the terminal sanitiser shows it (controls, newlines and backslashes escaped). */
const markdownShown = (text: string) =>
  text
    .replace(/\\/g, "\\\\")
    .replace(/[\u0000-\u001f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** The HTML GitHub-flavoured Markdown makes of a document, as `marked` renders it. */
const render = (markdown: string) => marked.parse(markdown, { async: false, gfm: true }) as string;
/** The text of an HTML fragment, its entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, "&");

describe("a Markdown cell", () => {
  it.each(HOSTILE)("renders %j as one cell of plain text, shown as the terminal shows it", (name) => {
    const html = render(`| h |\n| --- |\n| ${markdownCell(name)} |\n`);
    const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((match) => match[1]!);
    expect(cells).toHaveLength(1);
    // No element but the table's own: no link, image, code, emphasis, strike, heading or script.
    expect(html.replace(/<\/?(table|thead|tbody|tr|th|td)>/g, "")).not.toMatch(/<[a-z]/i);
    // What a reader sees is the name as the terminal sanitiser shows it: controls and newlines escaped.
    expect(textOf(cells[0]!)).toBe(markdownShown(name));
  });
});

describe("audit --format markdown", () => {
  it("writes a heading, the count and one row per token, every hostile client name inside its cell", async () => {
    const fake = cliFake({ initial: { oauthTokens: HOSTILE.map((client, i) => grant(`grant ${i}`, client)) } });
    const run = await runCli(["audit", "--all", "--format", "markdown"], fake);
    expect(run.code).toBe(0);
    const [heading, , count] = run.stdout.split("\n");
    expect([heading, count]).toEqual(["### Losant token audit", `**0 of ${HOSTILE.length} tokens have findings.**`]);
    const html = render(run.stdout);
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((match) =>
      [...match[1]!.matchAll(/<t[dh]>([\s\S]*?)<\/t[dh]>/g)].map((cell) => textOf(cell[1]!)),
    );
    expect(rows[0]).toEqual(["Owner", "Kind", "ID", "Name", "Status", "Expires", "Findings"]);
    expect(rows.slice(1)).toHaveLength(HOSTILE.length);
    for (const row of rows.slice(1)) expect(row).toHaveLength(7);
    expect(html.replace(/<\/?(table|thead|tbody|tr|th|td|h3|p|strong)>/g, "")).not.toMatch(/<[a-z]/i);
    // Each grant's name cell names its client, as the terminal sanitiser shows it.
    // (The API sorts by name: grant 10 comes before grant 2.)
    expect(
      rows
        .slice(1)
        .map((row) => row[3])
        .sort(),
    ).toEqual(HOSTILE.map((client, i) => `grant ${i} (client: ${markdownShown(client)})`).sort());
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it("lists the owners it could not see under the table", async () => {
    const fake = cliFake();
    const fetch = async (request: Request) =>
      new URL(request.url).pathname === "/applications"
        ? Response.json({ type: "Forbidden", message: "no" }, { status: 403 })
        : fake.fetch(request);
    const run = await runCli(["audit", "--all", "--format", "markdown"], undefined, { fetch });
    expect(run.stdout).toContain(
      "- Not audited: the list of applications is not visible to this token (403): no application's tokens are audited\n",
    );
  });
});
