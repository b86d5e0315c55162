// `npm run size` (size-limit): what each way of using the package costs a browser bundle, as a user's bundler
// makes it (esbuild, browser, minified ESM, gzip level 9, openapi-fetch included), and scripts/size-tarball.mjs what the
// package weighs. Fails over a limit, or when a bundle would need a Node built-in (esbuild cannot resolve one for
// the browser). Each entry imports one factory, as a program using it does: the facade's methods live on
// the object it returns, so its program carries them all. Needs `npm run build` (`npm test` runs it first).
import { fileURLToPath } from "node:url";

const dist = (file) => fileURLToPath(new URL(`./dist/${file}`, import.meta.url));
const main = dist("src/index.js");
// The validators of `validateResponses` come by a dynamic import, which a bundler that splits code (Vite,
// Rollup, webpack) makes a chunk of its own, loaded only when a client asks for validation: left out of each
// program here (size-limit bundles one file), and measured on their own below. Splitting itself costs a
// program about 300 B more (a shared chunk it imports its errors and options from).
const onDemand = {
  name: "on-demand validators",
  setup(build) {
    build.onResolve({ filter: /\/core\/validate\.js$/ }, (args) =>
      args.kind === "dynamic-import" ? { path: args.path, external: true } : undefined,
    );
  },
};
const browserEsm = (config) => ({
  ...config,
  platform: "browser",
  format: "esm",
  plugins: [...(config.plugins ?? []), onDemand],
});
const program = (name, imports, limit) => ({
  name,
  import: imports,
  gzip: true,
  limit,
  modifyEsbuildConfig: browserEsm,
});
// One facade or the typed client: the budget that keeps the package from growing unnoticed. What a facade
// carries besides openapi-fetch (about 2,600 B): the options' checks (baseUrl's credentials masked), the
// transport's timeouts, retries and limits, the error family with its one quoting rule, the one
// mayHaveSucceeded rule, listAll's page limit and the hook that loads the validators on demand.
const PROGRAM = "7400 B";

export default [
  program("facade: createAccessTokensApi", { [main]: "{ createAccessTokensApi }" }, PROGRAM),
  program("facade: createUserTokensApi", { [main]: "{ createUserTokensApi }" }, PROGRAM),
  program("facade: createApplicationTokensApi", { [main]: "{ createApplicationTokensApi }" }, PROGRAM),
  program("facade: createInstanceTokensApi", { [main]: "{ createInstanceTokensApi }" }, PROGRAM),
  program("facade: createOauthTokensApi", { [main]: "{ createOauthTokensApi }" }, PROGRAM),
  program("typed client: createAccessTokensClient", { [main]: "{ createAccessTokensClient }" }, PROGRAM),
  // Measured, with a limit only as wide as a hard stop: what a test against the fake and the whole entry weigh.
  // The fake's validators of Losant's application and instance schemas (large, and described exactly) are
  // most of the first; the audit, the rotation's delivery step and the facades most of the second.
  program(
    "a test against the fake: createFakeLosant and a facade",
    { [main]: "{ createUserTokensApi }", [dist("src/fake/index.js")]: "{ createFakeLosant }" },
    "45000 B",
  ),
  program("the whole main entry", { [main]: "*" }, "11000 B"),
  // What a client with validateResponses: true loads on demand: the spec's response validators and their check.
  program(
    "validateResponses: the validators, loaded on demand",
    { [dist("src/core/validate.js")]: "{ createCheck }" },
    "22000 B",
  ),
];
