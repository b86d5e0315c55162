import { defineConfig } from "vitest/config";

/**
 * The fast test files, for `npm run test:mutation`: no Prism (no global setup, no contract setup file),
 * no tsc or gen subprocesses, so that each mutant is tested in seconds.
 */
export const FAST_TESTS = [
  "test/retry-policy.test.ts",
  "test/reliability.test.ts",
  "test/answers.test.ts",
  "test/redaction.test.ts",
  "test/custom-fetch.test.ts",
  "test/middleware.test.ts",
  "test/options.test.ts",
  "test/paths.test.ts",
  "test/answer-properties.test.ts",
  "test/list-all.test.ts",
  "test/requests.test.ts",
  // The fake in process (its HTTP server is scripts/fake.mjs, not src/).
  "test/fake.test.ts",
  "test/fake-model.test.ts",
  "test/fake-scenario.test.ts",
  "test/fake-hostile.test.ts",
  "test/fake-hostile-http.test.ts",
  "test/fake-edges.test.ts",
];

export default defineConfig({
  test: {
    include: FAST_TESTS,
    // Read by the property-based tests of the fake: fewer generated cases per mutant (see test/MUTATION.md).
    env: { LOSANT_MUTATION: "1" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
