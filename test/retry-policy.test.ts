import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, retryAfterMs, retryDelay, type Outcome } from "../src/core/retry-policy.js";

const settings = { retries: 2, retryBaseDelayMs: 500, retryMaxDelayMs: 8_000 };
const NOW = Date.parse("2026-11-28T12:00:00Z");
/** The largest wait the jitter can pick: `random` at its upper end. */
const highest = () => 1;

const refused: Outcome = { failure: "refused" };
const network: Outcome = { failure: "network" };
const timeout: Outcome = { failure: "timeout" };
const status = (code: number, retryAfter: string | null = null): Outcome => ({ status: code, retryAfter });

describe("retryDelay", () => {
  // method, attempt, outcome, the wait (random at its highest) or undefined for "stop"
  const table: [string, number, Outcome, number | undefined][] = [
    // nothing was sent: every method is retried
    ["GET", 1, refused, 500],
    ["POST", 1, refused, 500],
    ["PATCH", 1, refused, 500],
    ["DELETE", 1, refused, 500],
    // something may have been sent: only GET and DELETE
    ["GET", 1, network, 500],
    ["DELETE", 1, network, 500],
    ["POST", 1, network, undefined],
    ["PATCH", 1, network, undefined],
    ["GET", 1, timeout, 500],
    ["DELETE", 1, timeout, 500],
    ["POST", 1, timeout, undefined],
    ["PATCH", 1, timeout, undefined],
    // statuses worth another try, for GET and DELETE only
    ...[429, 502, 503, 504].flatMap((code): [string, number, Outcome, number | undefined][] => [
      ["GET", 1, status(code), 500],
      ["DELETE", 1, status(code), 500],
      ["POST", 1, status(code), undefined],
      ["PATCH", 1, status(code), undefined],
    ]),
    // every other status ends the call
    ...[200, 201, 204, 400, 401, 403, 404, 409, 422, 500, 501, 505, 599].map(
      (code): [string, number, Outcome, undefined] => ["GET", 1, status(code), undefined],
    ),
    // the backoff doubles, then stops growing at retryMaxDelayMs
    ["GET", 2, network, 1_000],
    // after the last retry, nothing
    ["GET", 3, network, undefined],
    ["GET", 3, status(503), undefined],
    ["POST", 3, refused, undefined],
  ];

  it.each(table)("%s, attempt %i, %o: %s", (method, attempt, outcome, expected) => {
    expect(retryDelay(method, attempt, outcome, settings, highest, NOW)).toBe(expected);
  });

  it("picks a wait at random between zero and the exponential bound (full jitter)", () => {
    expect(retryDelay("GET", 1, network, settings, () => 0, NOW)).toBe(0);
    expect(retryDelay("GET", 2, network, settings, () => 0.5, NOW)).toBe(500);
  });

  it("caps the bound at retryMaxDelayMs", () => {
    const many = { retries: 10, retryBaseDelayMs: 500, retryMaxDelayMs: 3_000 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelay("GET", attempt, network, many, highest, NOW))).toEqual([
      500, 1_000, 2_000, 3_000, 3_000, 3_000,
    ]);
  });

  it("makes no retry at all with retries: 0", () => {
    expect(retryDelay("GET", 1, refused, { ...settings, retries: 0 }, highest, NOW)).toBeUndefined();
  });

  it("waits what Retry-After asks, instead of the backoff", () => {
    expect(retryDelay("GET", 1, status(429, "3"), settings, highest, NOW)).toBe(3_000);
    expect(retryDelay("DELETE", 2, status(503, "0"), settings, highest, NOW)).toBe(0);
    expect(retryDelay("GET", 1, status(503, new Date(NOW + 7_000).toUTCString()), settings, highest, NOW)).toBe(7_000);
  });

  it("stops at once when Retry-After asks for more than a minute", () => {
    expect(retryDelay("GET", 1, status(429, String(MAX_RETRY_AFTER_MS / 1000)), settings, highest, NOW)).toBe(60_000);
    expect(
      retryDelay("GET", 1, status(429, String(MAX_RETRY_AFTER_MS / 1000 + 1)), settings, highest, NOW),
    ).toBeUndefined();
    expect(
      retryDelay("GET", 1, status(503, new Date(NOW + 3_600_000).toUTCString()), settings, highest, NOW),
    ).toBeUndefined();
  });

  it("falls back to the backoff when Retry-After is not readable", () => {
    expect(retryDelay("GET", 1, status(503, "soon"), settings, highest, NOW)).toBe(500);
  });

  it("ignores Retry-After on statuses that are not retried", () => {
    expect(retryDelay("GET", 1, status(500, "1"), settings, highest, NOW)).toBeUndefined();
    expect(retryDelay("POST", 1, status(503, "1"), settings, highest, NOW)).toBeUndefined();
  });
});

describe("retryAfterMs", () => {
  it.each([
    ["0", 0],
    ["1", 1_000],
    ["120", 120_000],
    ["00042", 42_000],
    // digits are always delta-seconds, never a year that Date.parse would accept
    ["2026", 2_026_000],
    [new Date(NOW + 2_000).toUTCString(), 2_000],
    // a date in the past asks for no wait
    [new Date(NOW - 60_000).toUTCString(), 0],
  ])("reads %j as %i ms", (value, expected) => {
    expect(retryAfterMs(value, NOW)).toBe(expected);
  });

  it.each([
    null,
    "",
    " 1",
    "1.5",
    "-1",
    "+1",
    "1e3",
    "0x10",
    "tomorrow",
    // RFC 850 and asctime forms, and an IMF-fixdate with a weekday that does not match its date
    "Saturday, 28-Nov-26 12:00:02 GMT",
    "Sat Nov 28 12:00:02 2026",
    "Sun, 28 Nov 2026 12:00:02 GMT",
    "Sat, 28 Nov 2026 12:00:02 UTC",
    "Sat, 28 Nov 2026 12:00:02 +0000",
  ])("does not read %j as a wait", (value) => {
    expect(retryAfterMs(value, NOW)).toBeUndefined();
  });
});
