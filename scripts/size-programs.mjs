// The small programs whose browser bundles `npm run size` measures: what a user writes with one facade
// (list, then create, then delete) or with the typed client. The benchmark compares the access-token
// ones with the same program written against its peers.

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

/** The programs, by name, importing the package from `from` (its built entry). */
export const programs = (from) => ({
  "facade: createAccessTokensApi": facadeProgram(from, "createAccessTokensApi", []),
  "facade: createUserTokensApi": facadeProgram(from, "createUserTokensApi", []),
  "facade: createApplicationTokensApi": facadeProgram(from, "createApplicationTokensApi", ['"575ec8687ae143cd83dc4a97"']),
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
