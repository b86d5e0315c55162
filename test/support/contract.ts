// Runs in every test file: a request sent as valid that Prism found fault with fails the file.
import { afterAll, expect } from "vitest";
import { contractViolations } from "./prism.js";

afterAll(() => {
  expect(contractViolations, "requests sent as valid that Prism's validation rejected").toEqual([]);
});
