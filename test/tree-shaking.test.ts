import path from "node:path";
import { describe, expect, it } from "vitest";
import { bundleForBrowser } from "../scripts/browser-bundle.mjs";
import { repoPath } from "./support/spec.js";

// A program that uses one facade, as a user writes it: each call returns what it read, so that the bundler keeps it.
const program = (factory: string, ids: string[]) => `
import { ${factory} } from ${JSON.stringify(repoPath("src/index.ts"))};
export async function run(token) {
  const api = ${factory}({ token });
  const list = await api.list(${ids.join(", ")});
  const created = await api.create(${[...ids, '{ name: "bench" }'].join(", ")});
  return [list.count, created.id, (await api.delete(${[...ids, "created.id"].join(", ")})).success];
}`;

const FACADES = [
  "access-tokens.ts",
  "user-tokens.ts",
  "application-tokens.ts",
  "instance-tokens.ts",
  "oauth-tokens.ts",
  "owners.ts",
];
// The audit is a module of its own too: a facade's program carries none of it.
const AUDIT = ["audit.ts", "policy.ts"];

describe("a browser bundle of a program that uses one facade", () => {
  it.each([
    ["createAccessTokensApi", [], "access-tokens.ts"],
    ["createUserTokensApi", [], "user-tokens.ts"],
    ["createApplicationTokensApi", ['"575ec8687ae143cd83dc4a97"'], "application-tokens.ts"],
    ["createInstanceTokensApi", ['"575ec7417ae143cd83dc4a96"'], "instance-tokens.ts"],
    ["createOauthTokensApi", [], "oauth-tokens.ts"],
  ])("with %s carries no other facade's file, and none of the audit", async (factory, ids, own) => {
    const { inputs } = await bundleForBrowser(program(factory, ids), repoPath("."));
    const files = inputs.map((input) => path.basename(input));
    expect(files.filter((file) => FACADES.includes(file))).toEqual([own]);
    expect(files.filter((file) => AUDIT.includes(file))).toEqual([]);
  });
});
