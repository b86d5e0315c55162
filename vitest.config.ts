import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**", "node_modules/**"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/support/contract.ts"],
    // Type tests: tsc checks every `@ts-expect-error` in *.test-d.ts and reports each `it` as a test.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
    // Several tests start Node processes (gen, tsc); a busy 2-core CI machine needs the headroom.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
