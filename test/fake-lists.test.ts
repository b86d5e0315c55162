import { describe, expect, it } from "vitest";
import { createFakeLosant, type FakeLosantOptions } from "../src/fake/index.js";
import { specChecked } from "./support/fake-answers.js";
import { FAKE_TOKEN } from "./support/fake-scenario.js";

// The order and the filter of a list, at the edges the broad tests of fake.test.ts pass over.

const { checked } = specChecked();
const auth = { authorization: `Bearer ${FAKE_TOKEN}` };

/** The names (or ids) a fake lists for a query, in order. */
async function listed(options: FakeLosantOptions, query: string, field: "name" | "id" = "name") {
  const response = await checked(createFakeLosant(options).fetch)(`https://api.losant.com/me/tokens?${query}`, {
    headers: auth,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Record<string, string>[] }).items.map((token) => token[field]);
}

describe("sorting", () => {
  it("puts a name before every longer name it begins, either way round", async () => {
    const initial = { userTokens: [{ name: "abc" }, { name: "a" }, { name: "ab" }] };
    expect(await listed({ initial }, "sortField=name")).toEqual(["a", "ab", "abc"]);
    expect(await listed({ initial }, "sortField=name&sortDirection=desc")).toEqual(["abc", "ab", "a"]);
  });

  it("orders tokens that all lack the field by id, either way", async () => {
    const initial = {
      userTokens: [
        { id: "575ec7417ae143cd83dc4a92", name: "x" },
        { id: "575ec7417ae143cd83dc4a91", name: "y" },
        { id: "575ec7417ae143cd83dc4a93", name: "z" },
      ],
    };
    expect(await listed({ initial }, "sortField=expirationDate", "id")).toEqual([
      "575ec7417ae143cd83dc4a91",
      "575ec7417ae143cd83dc4a92",
      "575ec7417ae143cd83dc4a93",
    ]);
    expect(await listed({ initial }, "sortField=expirationDate&sortDirection=desc", "id")).toEqual([
      "575ec7417ae143cd83dc4a93",
      "575ec7417ae143cd83dc4a92",
      "575ec7417ae143cd83dc4a91",
    ]);
  });

  it("orders equal names by id, not by the order the tokens were given in", async () => {
    const initial = {
      userTokens: [
        { id: "575ec7417ae143cd83dc4a92", name: "same" },
        { id: "575ec7417ae143cd83dc4a91", name: "same" },
      ],
    };
    expect(await listed({ initial }, "sortField=name", "id")).toEqual([
      "575ec7417ae143cd83dc4a91",
      "575ec7417ae143cd83dc4a92",
    ]);
  });
});

describe("filtering", () => {
  it("filters a token that has no name as an empty name: `*` keeps it, `?*` does not", async () => {
    const initial = { userTokens: [{ description: "nameless" }, { name: "named" }] };
    const descriptions = async (filter: string) => {
      const response = await checked(createFakeLosant({ initial }).fetch)(
        `https://api.losant.com/me/tokens?filterField=name&filter=${encodeURIComponent(filter)}`,
        { headers: auth },
      );
      return ((await response.json()) as { items: { name?: string; description?: string }[] }).items.map(
        (token) => token.name ?? token.description,
      );
    };
    expect(await descriptions("*")).toEqual(["nameless", "named"]);
    expect(await descriptions("?*")).toEqual(["named"]);
  });
});
