import { defineConfig } from "vitest/config";

// `npm run test:browser`: the rendered docs in headless Chromium. Kept out of `npm test`, which needs no browser.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
