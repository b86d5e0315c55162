import { describe, expect, it } from "vitest";
import { createFakeLosant } from "../src/fake/index.js";
import { APP } from "./support/fake-scenario.js";

// The options a fake is made with: initial data held to the spec's token schemas, and the user behind
// every token. A bad one is a TypeError at creation that names it; a good one is kept as given.

const ID = "575ec7417ae143cd83dc4a95";
const USER = "575ed70c7ae143cd83dc4aa9";
const made = (initial: unknown) => () => createFakeLosant({ initial } as never);

describe("initial data that the fake refuses, naming the place", () => {
  it.each([
    [
      "a seed that is not an object",
      { userTokens: ["deploy"] },
      "options.initial.userTokens[0] must be an object, got string",
    ],
    [
      "a collection that is not a list",
      { accessTokens: { name: "x" } },
      "options.initial.accessTokens must be an array, got object",
    ],
    [
      "applications given as a list",
      { applicationTokens: [[{ name: "x" }]] },
      "options.initial.applicationTokens must be an object of arrays by application id",
    ],
    [
      "a seed holding a function",
      { userTokens: [{ name: "x", description: () => "x" }] },
      "options.initial.userTokens[0] must be plain data (strings, arrays, objects)",
    ],
    [
      "an apiTokenId other than its id",
      { userTokens: [{ id: ID, apiTokenId: "575ec7417ae143cd83dc4a96" }] },
      "options.initial.userTokens[0].apiTokenId must equal its id",
    ],
    [
      "an accessTokenId other than its id",
      { accessTokens: [{ id: ID, accessTokenId: "575ec7417ae143cd83dc4a96", name: "x" }] },
      "options.initial.accessTokens[0].accessTokenId must equal its id",
    ],
    [
      "an access token of another user",
      { accessTokens: [{ name: "x", userId: "575ec7417ae143cd83dc4a96" }] },
      `options.initial.accessTokens[0].userId must be "${USER}" where this seed sits, got "575ec7417ae143cd83dc4a96"`,
    ],
    [
      "two unknown collections",
      { devices: [], flows: [] },
      'options.initial has unknown "devices", "flows": it takes userTokens, applicationTokens, instanceTokens, oauthTokens, applications, instances, accessTokens',
    ],
  ])("refuses %s", (_what, initial, message) => {
    expect(made(initial)).toThrow(new TypeError(`losant-access-tokens/fake: ${message}`));
  });
});

describe("initial data kept as given", () => {
  it("takes a seed that repeats the fields its place decides, its ids in capitals", () => {
    const seed = {
      id: ID.toUpperCase(),
      apiTokenId: ID.toUpperCase(),
      name: "x",
      ownerId: APP.toUpperCase(),
      ownerType: "application" as const,
    };
    const fake = createFakeLosant({ initial: { applicationTokens: { [APP]: [seed] } } });
    expect(fake.state().applicationTokens[APP]).toEqual([
      expect.objectContaining({ id: ID, apiTokenId: ID, ownerId: APP, ownerType: "application" }),
    ]);
  });

  it("gives a seeded access token the fake's user, and its id as accessTokenId", () => {
    const fake = createFakeLosant({
      user: { id: "5f0c1e2d3a4b5c6d7e8f9a0b" },
      initial: { accessTokens: [{ id: ID, name: "old" }] },
    });
    expect(fake.state().accessTokens).toEqual([
      expect.objectContaining({ id: ID, accessTokenId: ID, userId: "5f0c1e2d3a4b5c6d7e8f9a0b", name: "old" }),
    ]);
  });
});

describe("the user option", () => {
  it("takes a field given as undefined as one left out: the spec's example user fills it", () => {
    const fake = createFakeLosant({
      user: { id: undefined, name: "Ada" },
      initial: { userTokens: [{ name: "x" }] },
    } as never);
    expect(fake.state().userTokens).toEqual([
      expect.objectContaining({ ownerId: USER, creatorId: USER, creatorName: "Ada" }),
    ]);
  });

  it.each([
    ["an id the spec rejects", { id: "me" }, /^losant-access-tokens\/fake: options\.user\.id must match pattern/],
    ["a name the spec rejects", { name: 5 }, /^losant-access-tokens\/fake: options\.user\.name must be string, got 5$/],
  ])("refuses %s, naming the field", (_what, user, message) => {
    expect(() => createFakeLosant({ user } as never)).toThrow(message);
  });
});
