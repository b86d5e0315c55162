// Mutation testing: `npm run test:mutation`, outside CI, on Node 20 (Stryker 9; 10 needs Node 22).
// test/MUTATION.md reports the score and explains every surviving mutant.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "npm",
  // Everything that runs; the type-only modules (types.ts, core/sender.ts, index.ts's re-exports) give no mutant worth a test.
  mutate: ["src/**/*.ts", "!src/types.ts", "!src/index.ts", "!src/core/sender.ts"],
  testRunner: "vitest",
  // The fast test files only: no Prism, no tsc or gen subprocesses (see vitest.mutation.config.ts).
  vitest: { configFile: "vitest.mutation.config.ts" },
  // A mutant that does not type-check is a compile error, not a survivor.
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  coverageAnalysis: "perTest",
  // A 2-core machine shared with others: two workers, started under `nice` by the npm script.
  concurrency: 2,
  // A mutant that makes a retry wait its full backoff, or a request hang, is a timeout (detected).
  timeoutMS: 10_000,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false },
  tempDirName: ".stryker-tmp",
  thresholds: { high: 95, low: 90, break: null },
};
