import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** The transport's contract: these files run once per path, the same tests against each sender. */
export const TRANSPORT_SUITE = [
  "reliability",
  "custom-fetch",
  "answers",
  "middleware",
  "redaction",
  "properties",
  "answer-properties",
  "options",
  "node-transport",
  "hostile-sockets",
  "validation",
].map((name) => `test/${name}.test.ts`);

/** `#send` as the package's import conditions pick it, from the sources: the Node path, or the fetch path. */
const sender = (file: string) => ({
  alias: { "#send": fileURLToPath(new URL(`./src/core/${file}`, import.meta.url)) },
});

const shared = {
  globalSetup: ["test/global-setup.ts"],
  setupFiles: ["test/support/contract.ts"],
  // Several tests start Node processes (gen, tsc); a busy 2-core CI machine needs the headroom.
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        // Everything, on the path Node takes: node:http.
        resolve: sender("send.node.ts"),
        test: {
          ...shared,
          name: "node",
          include: ["test/**/*.test.ts"],
          exclude: ["test/browser/**", "node_modules/**"],
          // Type tests: tsc checks every `@ts-expect-error` in *.test-d.ts and reports each `it` as a test.
          typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
        },
      },
      {
        // The transport suite again, on the path browsers, Deno, Bun and workers take: the global fetch.
        resolve: sender("send.ts"),
        test: { ...shared, name: "fetch", include: TRANSPORT_SUITE, env: { LOSANT_TEST_PATH: "fetch" } },
      },
    ],
  },
});
