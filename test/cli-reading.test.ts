// How the CLI reads a list: the --limit it takes, when it stops asking for pages, the bound on what it
// keeps, and the operation a malformed page is blamed on.
import { describe, expect, it } from "vitest";
import { ListTooLong, readPages, type Pages } from "../src/cli/read-all.js";
import { APP_ID, cliFake, runCli } from "./support/cli.js";

const line = (stderr: string) => stderr.replace(/^losant-tokens: /gm, "").trimEnd();

describe("--limit", () => {
  const fake = () => cliFake({ initial: { userTokens: Array.from({ length: 12 }, (_, i) => ({ name: `t${i}` })) } });

  it.each([
    ["1", 1],
    ["007", 7],
    ["10000", 12],
  ])("takes %j, and lists at most that many tokens", async (limit, listed) => {
    const run = await runCli(["list", "--limit", limit, "--json"], fake());
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(listed);
  });

  it.each(["0", "10001", "", " 5", "5 ", "+5", "1.5", "5e2", "1e3", "0x10", "1234567890"])(
    "refuses %j as a usage error, before any request",
    async (limit) => {
      const run = await runCli(["list", "--limit", limit], fake());
      expect([run.code, run.requests.length, line(run.stderr)]).toEqual([
        2,
        0,
        `--limit ${JSON.stringify(limit)} is not a whole number from 1 to 10000`,
      ]);
    },
  );
});

/** A list of `pages` pages of items (strings), whose answers say `totalCount`, recording the pages asked for. */
function list(pages: string[][], totalCount?: number) {
  const asked: number[] = [];
  const pagesOf: Pages<string> = {
    operation: "listBlobs",
    page: async ({ page }) => {
      asked.push(page);
      return { items: pages[page] ?? [], ...(totalCount === undefined ? {} : { totalCount }) };
    },
    kind: { check: (value) => value as string, noun: "blobs" },
  };
  return { asked, pages: pagesOf };
}

describe("reading a list page by page", () => {
  const FULL = Array.from({ length: 100 }, () => "x");

  it.each([
    ["stops at the totalCount, not asking for the page past it", 100, [0]],
    ["reads on to the totalCount", 200, [0, 1]],
    ["without a totalCount, reads on to a short page", undefined, [0, 1, 2]],
  ])("%s", async (_what, totalCount, asked) => {
    const blobs = list([FULL, FULL], totalCount);
    await readPages(blobs.pages);
    expect(blobs.asked).toEqual(asked);
  });
});

describe("the bound on what a list keeps", () => {
  const MIB = 1024 * 1024;
  // A string of n - 2 characters is n characters as JSON, its quotes counted.
  const blob = (chars: number) => "x".repeat(chars - 2);

  it("keeps 64 MiB of items, as JSON", async () => {
    const items = Array.from({ length: 64 }, () => blob(MIB));
    expect(await readPages(list([items]).pages)).toHaveLength(64);
  });

  it("refuses a character more, naming the items and how to read less", async () => {
    const items = [...Array.from({ length: 63 }, () => blob(MIB)), blob(MIB + 1)];
    const reading = readPages(list([items]).pages);
    await expect(reading).rejects.toThrow(ListTooLong);
    await expect(reading).rejects.toThrow(
      "the list's blobs exceed 64 MiB, the most this tool keeps: narrow it with --filter or --status, or pass --limit",
    );
  });
});

describe("a malformed page of an owner's tokens", () => {
  it.each([
    ["--application", "listApplicationTokens"],
    ["--instance", "listInstanceTokens"],
  ])("with %s is blamed on %s", async (flag, operation) => {
    const fetch = async () => Response.json({ items: "none" });
    const run = await runCli(["list", flag, APP_ID], undefined, { fetch });
    expect([run.code, line(run.stderr)]).toEqual([
      1,
      `the answer to ${operation} does not match Losant's API: $.items should be a list of tokens`,
    ]);
  });
});
