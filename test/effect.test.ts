// The one rule behind every error's `mayHaveSucceeded` (src/core/effect.ts), as a table.
import { describe, expect, it } from "vitest";
import { mayHaveSucceeded, type Failure } from "../src/core/effect.js";

const CHANGING = ["POST", "PATCH", "PUT", "DELETE"];
const SAFE = ["GET", "HEAD", "OPTIONS", "TRACE"];

describe("whether a failed call may have done what it asked", () => {
  const table: [
    what: string,
    status: number | undefined,
    failure: Failure | undefined,
    earlier: boolean,
    changing: boolean,
  ][] = [
    ["a refused connection, nothing sent before", undefined, "refused", false, false],
    ["a refused connection after an earlier send", undefined, "refused", true, true],
    ["a reset before any answer", undefined, "network", false, true],
    ["a timeout before any answer", undefined, "timeout", false, true],
    ["a 201 whose body was cut off", 201, "network", false, true],
    ["a 200 whose body timed out", 200, "timeout", false, true],
    ["a 201 whose body is over the limit or not JSON", 201, undefined, false, true],
    ["a 204 refused for its body", 204, undefined, false, true],
    ["a 299 refused for its body", 299, undefined, false, true],
    ["a 500 whose body was cut off", 500, "network", false, true],
    ["the API's 404 to a first send", 404, undefined, false, false],
    ["the API's 404 after a resend", 404, undefined, true, true],
    ["the API's 502 after an earlier attempt", 502, undefined, true, true],
    ["a redirect to a first send", 302, undefined, false, false],
    ["a 199 to a first send", 199, undefined, false, false],
    ["a 300 to a first send", 300, undefined, false, false],
  ];
  it.each(table)(
    "%s: %s, %s, earlier %s → %s for a method that changes state",
    (_what, status, failure, earlier, changing) => {
      for (const method of CHANGING) expect(mayHaveSucceeded(method, status, failure, earlier)).toBe(changing);
    },
  );
  it.each(table)(
    "%s: never for GET, HEAD, OPTIONS or TRACE, which change nothing",
    (_what, status, failure, earlier) => {
      for (const method of SAFE) expect(mayHaveSucceeded(method, status, failure, earlier)).toBe(false);
    },
  );
});
