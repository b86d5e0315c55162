import { describe, expect, it } from "vitest";
import { createFakeLosant } from "../src/fake/index.js";
import { specChecked } from "./support/fake-answers.js";
import { FAKE_TOKEN } from "./support/fake-scenario.js";

// How the fake words a refusal of what the spec does not allow, and which numbers and bodies it holds
// to the spec's types: the cases the broad tables of fake.test.ts and fake-hostile.test.ts pass over.

const { checked } = specChecked();
const auth = { authorization: `Bearer ${FAKE_TOKEN}` };
const json = { ...auth, "content-type": "application/json" };
const ID = "575ec7417ae143cd83dc4a95";

/** One request to a new fake, answered as { status, body }, every answer held to the spec. */
async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}) {
  const response = await checked(createFakeLosant().fetch)(`https://api.losant.com${path}`, {
    method,
    headers: init.headers ?? auth,
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const refusal = (message: string) => ({ status: 400, body: { type: "Validation", message } });

describe("a value that matches none of a oneOf's forms", () => {
  it("names the forms when one of them is not a list of values: an orgId neither an id nor sandbox", async () => {
    const body = JSON.stringify({ name: "x", orgRoles: [{ orgId: "boss", role: "view" }] });
    expect(await call("POST", "/me/tokens", { headers: json, body })).toEqual(
      refusal('body.orgRoles[0].orgId matches none of the forms the spec allows, got "boss"'),
    );
  });

  it("counts the values of every list when each form is one: a scope in none of the four groups", async () => {
    const body = JSON.stringify({ name: "x", scope: ["all.User", "nope"] });
    expect(await call("POST", "/me/tokens", { headers: json, body })).toEqual(
      refusal(
        expect.stringMatching(/^body\.scope\[1\] must be one of the \d{3} values the spec lists, got "nope"$/) as never,
      ),
    );
  });
});

describe("where a message points", () => {
  it("names an item past the tenth by its index in brackets", async () => {
    const scope = [
      "all.User",
      "all.User.read",
      "all.Application",
      "all.Application.read",
      "all.Application.cli",
      "all.Device",
      "all.Device.read",
      "application.*",
      "devices.*",
      "device.*",
      "nope",
    ];
    expect(
      (await call("POST", "/me/tokens", { headers: json, body: JSON.stringify({ name: "x", scope }) })).body["message"],
    ).toMatch(/^body\.scope\[10\] must be one of/);
  });

  it("lists the six values of sortField, the longest enum it lists rather than counts", async () => {
    expect(await call("GET", "/me/tokens?sortField=size")).toEqual(
      refusal(
        'query parameter sortField must be one of name, status, id, creationDate, lastUpdated, expirationDate, got "size"',
      ),
    );
  });

  it("says only what is wrong of a value that is not there: a hole in a seed's scope", () => {
    expect(() => createFakeLosant({ initial: { userTokens: [{ name: "x", scope: [undefined] }] } } as never)).toThrow(
      /^losant-access-tokens\/fake: options\.initial\.userTokens\[0\]\.scope\[0\] must be string$/,
    );
  });
});

describe("numeric parameters, held to JSON's decimal numbers and to safe integers", () => {
  it.each([
    ["a fraction of zeros", "perPage=2.00", 2],
    ["an exponent with a sign", "perPage=1e%2B2", 100],
    ["an exponent of two digits", "perPage=1E02", 100],
    ["the largest safe integer", "page=9007199254740991", 9007199254740991],
  ])("takes %s as the integer it is: %s", async (_what, query, value) => {
    const answer = await call("GET", `/me/tokens?${query}`);
    expect(answer.status).toBe(200);
    expect(answer.body[query.split("=")[0] ?? ""]).toBe(value);
  });

  it.each([
    [
      "the first integer past the safe ones",
      "page=9007199254740992",
      'query parameter page is out of range, got "9007199254740992"',
    ],
    [
      "a negative integer past the safe ones",
      "page=-9007199254740993",
      'query parameter page is out of range, got "-9007199254740993"',
    ],
    ["a number that overflows to -Infinity", "perPage=-1e400", 'query parameter perPage is out of range, got "-1e400"'],
    [
      "a hexadecimal number",
      "perPage=0x10",
      'query parameter perPage must be a number written in decimal digits, got "0x10"',
    ],
  ])("refuses %s, naming the parameter", async (_what, query, message) => {
    expect(await call("GET", `/me/tokens?${query}`)).toEqual(refusal(message));
  });
});

describe("bodies", () => {
  it("refuses a body sent with no Content-Type, saying none was given", async () => {
    const body = new TextEncoder().encode('{"name":"x"}');
    expect(await call("POST", "/me/tokens", { body })).toEqual(
      refusal('the request body must be JSON, sent with Content-Type: application/json; got Content-Type "(none)"'),
    );
  });

  it("ignores whatever is sent to an operation that takes no body, as HTTP lets a server do", async () => {
    const fake = createFakeLosant({ initial: { accessTokens: [{ id: ID, name: "old" }] } });
    const response = await checked(fake.fetch)(`https://api.losant.com/access-tokens/${ID}`, {
      method: "DELETE",
      headers: { ...auth, "content-type": "text/plain" },
      body: "not JSON",
    });
    expect([response.status, await response.json()]).toEqual([200, { success: true }]);
    expect(fake.state().accessTokens).toEqual([]);
  });
});
