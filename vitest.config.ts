import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/support/contract.ts"],
    // Several tests start Node processes (gen, tsc); a busy 2-core CI machine needs the headroom.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
