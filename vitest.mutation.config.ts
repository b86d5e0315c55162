import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { TRANSPORT_SUITE } from "./vitest.config.js";

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
  "test/validation.test.ts",
  "test/errors.test.ts",
  "test/requests.test.ts",
  "test/node-transport.test.ts",
  "test/stand-in-tokens.test.ts",
  "test/cut-off-bodies.test.ts",
  "test/node-sockets.test.ts",
  "test/node-zstd.test.ts",
  "test/effect.test.ts",
  "test/hostile-sockets.test.ts",
  "test/proxy.test.ts",
  // The fake in process (its HTTP server is scripts/fake.mjs, not src/).
  "test/fake.test.ts",
  "test/fake-model.test.ts",
  "test/fake-scenario.test.ts",
  "test/fake-hostile.test.ts",
  "test/fake-hostile-http.test.ts",
  "test/fake-edges.test.ts",
  "test/fake-validation.test.ts",
  "test/fake-seeds.test.ts",
  "test/fake-lists.test.ts",
  "test/fake-owners-and-grants.test.ts",
  // The command line, run in process against the fake.
  "test/cli.test.ts",
  "test/cli-bad-input.test.ts",
  "test/cli-rotate-failure.test.ts",
  "test/cli-secrets.test.ts",
  "test/cli-rules.test.ts",
  "test/cli-commands.test.ts",
  "test/rotate-api-token.test.ts",
  "test/cli-parts.test.ts",
  "test/cli-main.test.ts",
  "test/cli-answers.test.ts",
  "test/cli-audit-all.test.ts",
  "test/cli-audit-markdown.test.ts",
  "test/cli-audit-policy.test.ts",
  "test/cli-audit-output.test.ts",
  "test/cli-display.test.ts",
  "test/cli-reading.test.ts",
  "test/cli-completion-all.test.ts",
  "test/cli-oauth.test.ts",
  "test/cli-owners.test.ts",
  "test/cli-proxy.test.ts",
  "test/cli-rotation-phases.test.ts",
  "test/rotate-deliver.test.ts",
  "test/cli-retire-successor.test.ts",
  "test/cli-new-secrets.test.ts",
  "test/cli-audit-all-edges.test.ts",
  // The audit's pure rules and the one quoting rule.
  "test/audit.test.ts",
  "test/quote.test.ts",
  // The README's CLI session and its rotation example, run in process against the fake.
  "test/readme-cli.test.ts",
];

/** `#send` from the sources, as vitest.config.ts resolves it: without it, Node would load dist/ and no mutant of a sender would run. */
const sender = (file: string) => ({
  alias: { "#send": fileURLToPath(new URL(`./src/core/${file}`, import.meta.url)) },
});

const shared = {
  // Read by the property-based tests of the fake: fewer generated cases per mutant (see test/MUTATION.md).
  env: { LOSANT_MUTATION: "1" },
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      { resolve: sender("send.node.ts"), test: { ...shared, name: "node", include: FAST_TESTS } },
      // The fast part of the transport suite again on the fetch path, so that the fetch sender's mutants are tested too.
      {
        resolve: sender("send.ts"),
        test: {
          ...shared,
          name: "fetch",
          include: FAST_TESTS.filter((file) => TRANSPORT_SUITE.includes(file)),
          env: { ...shared.env, LOSANT_TEST_PATH: "fetch" },
        },
      },
    ],
  },
});
