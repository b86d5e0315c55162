// `npm run size` (size-limit): what each way of using the package costs a browser bundle, as a user's bundler
// makes it (esbuild, browser, minified ESM, gzip level 9, openapi-fetch included), and scripts/size-tarball.mjs what the
// package weighs. Fails over a limit, or when a bundle would need a Node built-in (esbuild cannot resolve one for
// the browser). Each entry imports one factory, as a program using it does: the facade's methods live on
// the object it returns, so its program carries them all. Needs `npm run build` (`npm test` runs it first).
import { fileURLToPath } from "node:url";

const dist = (file) => fileURLToPath(new URL(`./dist/${file}`, import.meta.url));
const main = dist("src/index.js");
const browserEsm = (config) => ({ ...config, platform: "browser", format: "esm" });
const program = (name, imports, limit) => ({
  name,
  import: imports,
  gzip: true,
  limit,
  modifyEsbuildConfig: browserEsm,
});
// One facade or the typed client: the budget that keeps the package from growing unnoticed.
const PROGRAM = "6800 B";

export default [
  program("facade: createAccessTokensApi", { [main]: "{ createAccessTokensApi }" }, PROGRAM),
  program("facade: createUserTokensApi", { [main]: "{ createUserTokensApi }" }, PROGRAM),
  program("facade: createApplicationTokensApi", { [main]: "{ createApplicationTokensApi }" }, PROGRAM),
  program("facade: createInstanceTokensApi", { [main]: "{ createInstanceTokensApi }" }, PROGRAM),
  program("facade: createOauthTokensApi", { [main]: "{ createOauthTokensApi }" }, PROGRAM),
  program("typed client: createAccessTokensClient", { [main]: "{ createAccessTokensClient }" }, PROGRAM),
  // Measured, with a limit only as wide as a hard stop: what a test against the fake and the whole entry weigh.
  // The fake's limit moved from 30,000 to 45,000 B, and the entry's from 9,000 to 10,000 B, when the spec came
  // to describe all four token resources and the owner lists: the fake's validators of Losant's application
  // and instance schemas (large, and described exactly) are most of the first growth, the audit and the new
  // facades the second.
  program(
    "a test against the fake: createFakeLosant and a facade",
    { [main]: "{ createUserTokensApi }", [dist("src/fake/index.js")]: "{ createFakeLosant }" },
    "45000 B",
  ),
  program("the whole main entry", { [main]: "*" }, "10000 B"),
];
