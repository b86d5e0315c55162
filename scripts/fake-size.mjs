#!/usr/bin/env node
// The browser bundle of a small program that tests against the fake (a facade over `fake.fetch`), as a
// user's bundler would make it from the built package: minified, then gzipped. Prints the figures; its
// function is what `npm run size` can call. Needs `npm run build`.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { bundleForBrowser } from "./browser-bundle.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The program measured: what the README's "Test against the fake" does, in a few lines. */
const program = (main, fake) => `
import { createUserTokensApi } from ${JSON.stringify(main)};
import { createFakeLosant } from ${JSON.stringify(fake)};
const fake = createFakeLosant();
const api = createUserTokensApi({ token: "test-token", fetch: fake.fetch });
const created = await api.create({ name: "CI deploy key", scope: ["all.User.read"] });
console.log(created.id, (await api.list()).totalCount, fake.state().userTokens.length);
`;

/** The same program without the fake, against the real API: what the fake adds is the difference. */
const withoutFake = (main) => `
import { createUserTokensApi } from ${JSON.stringify(main)};
const api = createUserTokensApi({ token: "test-token" });
const created = await api.create({ name: "CI deploy key", scope: ["all.User.read"] });
console.log(created.id, (await api.list()).totalCount);
`;

const gzipped = (code) => gzipSync(code, { level: 9 }).length;

/**
 * Bundles both programs for the browser from dist/ and resolves with their sizes in bytes (minified, and
 * minified + gzip), and the Node built-ins the fake's bundle would import (none, or the bundle fails).
 */
export async function fakeBundleSize() {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const main = path.join(root, pkg.exports["."].default);
  const fake = path.join(root, pkg.exports["./fake"].default);
  for (const entry of [main, fake]) {
    if (!existsSync(entry)) throw new Error(`${path.relative(root, entry)} is missing: run \`npm run build\` first.`);
  }
  const [withFake, without] = await Promise.all([bundleForBrowser(program(main, fake), root), bundleForBrowser(withoutFake(main), root)]);
  return {
    minified: withFake.code.length,
    gzipped: gzipped(withFake.code),
    fakeGzipped: gzipped(withFake.code) - gzipped(without.code),
    builtins: withFake.builtins,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const size = await fakeBundleSize();
    const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB (${bytes} bytes)`;
    console.log("fake size (a program that tests a facade against the fake, bundled for browsers by esbuild)");
    console.log(`  minified + gzip: ${kB(size.gzipped)} (${kB(size.minified)} minified), of which the fake adds ${kB(size.fakeGzipped)}`);
    if (size.builtins.length) {
      console.error(`  the bundle imports Node built-ins: ${size.builtins.join(", ")}`);
      process.exitCode = 1;
    }
  } catch (error) {
    console.error(`measuring the fake's bundle failed: ${error.message}`);
    process.exitCode = 1;
  }
}
