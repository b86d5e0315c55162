// The package's one rule for untrusted text in messages and on terminals (src/core/quote.ts), used by
// the errors, the CLI and the fake alike.
import { describe, expect, it } from "vitest";
import { clip, escapeJson, escapeUnsafe, quote, QUOTE_LIMIT } from "../src/core/quote.js";
import { quote as errorsQuote } from "../src/errors.js";
import { quoted } from "../src/fake/errors.js";

describe("escapeUnsafe", () => {
  it.each([
    ["C0 controls, ESC of CSI and OSC, BEL", "a\x00b\x1b[2Jc\x1b]0;t\x07d", "a\\u0000b\\u001b[2Jc\\u001b]0;t\\u0007d"],
    ["DEL and C1 controls, 0x9B among them", "a\x7fb\x85c\x9bd", "a\\u007fb\\u0085c\\u009bd"],
    [
      "bidi controls and the Arabic letter mark",
      "a\u202ab\u202ec\u2066d\u2069e\u061cf",
      "a\\u202ab\\u202ec\\u2066d\\u2069e\\u061cf",
    ],
    ["zero-width characters and the byte order mark", "a\u200bb\u200fc\ufeffd", "a\\u200bb\\u200fc\\ufeffd"],
    ["line and paragraph separators", "a\u2028b\u2029c", "a\\u2028b\\u2029c"],
    ["a lone surrogate", "a\ud800b", "a\\ud800b"],
    ["a backslash, so that an escape typed is never taken for one shown", "a\\u001b", "a\\\\u001b"],
  ])("shows %s as visible escapes", (_what, text, shown) => {
    expect(escapeUnsafe(text)).toBe(shown);
  });

  it("keeps the joiner inside an emoji sequence, and what else a name may hold: accents, CJK, emoji", () => {
    for (const text of ["👩‍💻", "🏳️‍🌈", "é", "e\u0301", "東京", "👍🏽"]) expect(escapeUnsafe(text)).toBe(text);
    expect(escapeUnsafe("a\u200db")).toBe("a\\u200db");
  });

  it("never makes two different texts look alike", () => {
    const texts = ["a\u202eb", "a\\u202eb", "a b", "a\u00a0b", "a\u200bb", "ab"];
    expect(new Set(texts.map(escapeUnsafe)).size).toBe(texts.length);
  });
});

describe("one length rule", () => {
  it("cuts at QUOTE_LIMIT characters (UTF-16 code units) with …; a pair cut in two is shown as an escape on a terminal", () => {
    expect(QUOTE_LIMIT).toBe(200);
    expect(clip("x".repeat(200))).toBe("x".repeat(200));
    expect(clip("x".repeat(201))).toBe(`${"x".repeat(200)}…`);
    expect(clip(`${"x".repeat(198)}😀`)).toBe(`${"x".repeat(198)}😀`);
    expect(escapeUnsafe(clip(`${"x".repeat(199)}😀`))).toBe(`${"x".repeat(199)}\\ud83d…`);
  });

  it("is the errors', the CLI's and the fake's: the same cut and the same escapes", () => {
    expect(errorsQuote).toBe(quote);
    expect(quote(`\x1b${"x".repeat(300)}`)).toBe(`\\u001b${"x".repeat(199)}…`);
    // A message escapes every unsafe character the display escapes, the emoji's joiner as well.
    expect(quote("👩\u200d💻 a\u202eb")).toBe("👩\\u200d💻 a\\u202eb");
    expect(quoted("x".repeat(300))).toBe(`"${"x".repeat(199)}…`);
    expect(quoted("a\u202eb")).toBe('"a\\u202eb"');
  });
});

describe("escapeJson", () => {
  it("writes what JSON.stringify leaves raw as \\u escapes, and parses back to the exact text", () => {
    const text = "a\u202eb\u009bc\u200bd\u2028e\ufefff";
    const written = escapeJson(JSON.stringify(text));
    expect(written).toBe('"a\\u202eb\\u009bc\\u200bd\\u2028e\\ufefff"');
    expect(JSON.parse(written)).toBe(text);
  });
});
