// What a terminal shows of a token: how many columns each kind of character takes, and how a list of
// scopes is shortened to its first entries and "+N more".
import { beforeAll, describe, expect, it, vi } from "vitest";
import { displayWidth, loadWidths } from "../src/cli/width.js";
import { runCli } from "./support/cli.js";

const ID = "aaaaaaaaaaaaaaaaaaaaaaa1";

describe("the display width of a character", () => {
  beforeAll(loadWidths);

  it.each([
    ["a Latin letter", "a", 1],
    ["an East Asian wide character", "東", 2],
    ["a letter and a combining mark", "e\u0301", 1],
    ["a combining mark alone", "\u0301", 0],
    ["two combining marks alone", "\u0301\u0301", 0],
    ["a combining mark and a spacing mark, which takes a column", "\u0301\u0903", 1],
    ["a zero-width space, a format character", "\u200b", 0],
    ["a variation selector alone", "\ufe0f", 0],
    ["a pictograph shown as text", "\u263a", 1],
    ["a pictograph made emoji by a variation selector", "\u263a\ufe0f", 2],
    ["a keycap sequence", "1\ufe0f\u20e3", 2],
    ["a keycap sequence without its variation selector", "#\u20e3", 2],
    ["a regional-indicator flag", "\u{1f1ef}\u{1f1f5}", 2],
    ["an emoji with a skin-tone modifier", "\u{1f44d}\u{1f3fb}", 2],
    ["a text pictograph made emoji by a skin-tone modifier", "\u270c\u{1f3fb}", 2],
    ["a ZWJ sequence of emoji", "\u{1f469}\u200d\u{1f4bb}", 2],
    ["a ZWJ sequence of pictographs shown as text", "\u26f9\u200d\u2642", 2],
    ["a letter followed by a joiner", "a\u200d", 1],
  ])("is %s: %j takes %i", (_what, text, columns) => {
    expect(displayWidth(text)).toBe(columns);
  });

  it("cannot be measured before loadWidths() has loaded the East Asian width table", async () => {
    vi.resetModules();
    const fresh = await import("../src/cli/width.js");
    expect(() => fresh.displayWidth("a")).toThrow(new Error("loadWidths() must run before a width is measured"));
  });
});

describe("a token's scopes", () => {
  const SCOPES = [
    "devices.get",
    "devices.post",
    "device.get",
    "data.export",
    "data.timeSeriesQuery",
    "all.Application",
  ];
  /** The scope line `get` prints for a token with the first `count` scopes. */
  const scopeLine = async (count: number, flags: string[] = []) => {
    const fetch = async () => Response.json({ id: ID, name: "t", status: "active", scope: SCOPES.slice(0, count) });
    const lines = (await runCli(["get", ID, ...flags], undefined, { fetch })).stdout.split("\n");
    return lines.find((line) => line.startsWith("scope:"))?.replace(/^scope: +/, "");
  };

  it.each([
    [0, "-"],
    [1, "devices.get"],
    [3, "devices.get,devices.post,device.get"],
    // One more would be "+1 more", no shorter: all four are shown.
    [4, "devices.get,devices.post,device.get,data.export"],
    [5, "devices.get,devices.post,device.get,+2 more"],
    [6, "devices.get,devices.post,device.get,+3 more"],
  ])("are shown, %i of them, as %j", async (count, shown) => {
    expect(await scopeLine(count)).toBe(shown);
  });

  it("are all shown with --wide", async () => {
    expect(await scopeLine(6, ["--wide"])).toBe(SCOPES.join(","));
  });
});
