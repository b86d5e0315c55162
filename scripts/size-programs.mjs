// The small programs whose browser bundles `npm run size` measures: what a user writes with one facade
// (list, then create, then delete) or with the typed client, and a test against the fake. The benchmark
// compares the access-token ones with the same program written against its peers.

/** A program that lists, creates and deletes through one facade: its import, its factory, the ids before the body. */
const facadeProgram = (from, factory, ids) => `
import { ${factory} } from ${JSON.stringify(from)};
export async function run(token) {
  const api = ${factory}({ token });
  const list = await api.list(${ids.join(", ")});
  const created = await api.create(${[...ids, '{ name: "bench" }'].join(", ")});
  const deleted = await api.delete(${[...ids, "created.id"].join(", ")});
  return [list.count, created.id, deleted.success];
}`;

/** A test that uses the fake: what the README's "Test against the fake" does, in a few lines. */
const fakeProgram = (from, fake) => `
import { createUserTokensApi } from ${JSON.stringify(from)};
import { createFakeLosant } from ${JSON.stringify(fake)};
export async function run() {
  const fake = createFakeLosant();
  const api = createUserTokensApi({ token: "test-token", fetch: fake.fetch });
  const created = await api.create({ name: "CI deploy key", scope: ["all.User.read"] });
  return [created.id, (await api.list()).totalCount, fake.state().userTokens.length];
}`;

/** The programs that use the main entry, by name, importing it from `from` (its built file). */
export const programs = (from) => ({
  "facade: createAccessTokensApi": facadeProgram(from, "createAccessTokensApi", []),
  "facade: createUserTokensApi": facadeProgram(from, "createUserTokensApi", []),
  "facade: createApplicationTokensApi": facadeProgram(from, "createApplicationTokensApi", ['"575ec8687ae143cd83dc4a97"']),
  "facade: createInstanceTokensApi": facadeProgram(from, "createInstanceTokensApi", ['"575ec7417ae143cd83dc4a96"']),
  "facade: createOauthTokensApi": facadeProgram(from, "createOauthTokensApi", []),
  "typed client: createAccessTokensClient": `
import { createAccessTokensClient } from ${JSON.stringify(from)};
export async function run(token) {
  const client = createAccessTokensClient({ token });
  const { data: list } = await client.GET("/access-tokens");
  const { data: created } = await client.POST("/access-tokens", { body: { name: "bench" } });
  const { data: deleted } = await client.DELETE("/access-tokens/{accessTokenId}", { params: { path: { accessTokenId: created.id } } });
  return [list.count, created.id, deleted.success];
}`,
});

/** The program that tests against the fake, importing the main entry from `from` and the fake from `fake`. */
export const fakeProgramOf = fakeProgram;
