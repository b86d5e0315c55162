import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAccessTokensClient, type AccessTokenPatch, type AccessTokenPost } from "../src/index.js";
import { loadSpec, schemaValidator } from "./support/spec.js";
import { prismOptions, verdictFetch, type Verdict } from "./support/prism.js";
import { ID } from "./support/clients.js";

const RUNS = 300;
const SEED = 20_261_128;
const validate = schemaValidator(loadSpec());

// Names count code points, as JSON Schema's maxLength does: any Unicode, 1 to 255 of them.
const name = fc.string({ unit: "binary", minLength: 1, maxLength: 255 });
const status = fc.constantFrom("active" as const, "inactive" as const);
const dateTime = fc
  .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
  .map((date) => date.toISOString());
const scope = fc.array(fc.string({ unit: "grapheme", maxLength: 40 }), { maxLength: 8 });

const validPost: fc.Arbitrary<AccessTokenPost> = fc.record(
  { name, expirationDate: dateTime, scope, status },
  { requiredKeys: ["name"] },
);
const validPatch: fc.Arbitrary<AccessTokenPatch> = fc.record({ name, status }, { requiredKeys: [] });

type Body = Record<string, unknown>;
type Breakage = [label: string, body: Body];

const notAStatus = fc.string({ maxLength: 20 }).filter((value) => value !== "active" && value !== "inactive");
const malformedDate = fc.oneof(
  fc.constantFrom(
    "2017-06-13",
    "2017-06-13 04:00:00",
    "2017-13-01T00:00:00Z",
    "2017-06-32T00:00:00Z",
    "June 13, 2017",
    "",
    "now",
  ),
  fc.string({ unit: "grapheme-ascii", maxLength: 12 }).filter((value) => !/^\d{4}-/.test(value)),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const extraKey = (allowed: string[]) =>
  fc
    .string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 })
    .filter((key) => !allowed.includes(key) && key !== "__proto__");

/** A valid body with exactly one published constraint broken. */
function breakOne(valid: fc.Arbitrary<Body>, allowed: string[], nameRequired: boolean): fc.Arbitrary<Breakage> {
  const set = (key: string, value: fc.Arbitrary<unknown>, label: string) =>
    fc.tuple(valid, value).map(([body, broken]): Breakage => [label, { ...body, [key]: broken }]);
  const options: fc.Arbitrary<Breakage>[] = [
    set("name", fc.constant(""), "empty name"),
    set("name", fc.string({ unit: "binary", minLength: 256, maxLength: 300 }), "name over 255 characters"),
    set("status", notAStatus, "status outside the enum"),
    set(
      "name",
      wrongType.filter((value) => typeof value !== "string"),
      "name of the wrong type",
    ),
    set("status", wrongType, "status of the wrong type"),
    fc
      .tuple(valid, extraKey(allowed), fc.jsonValue())
      .map(([body, key, value]): Breakage => ["extra property", { ...body, [key]: value }]),
  ];
  if (nameRequired) {
    options.push(
      valid.map(({ name: _dropped, ...rest }): Breakage => ["missing name", rest]),
      set("expirationDate", malformedDate, "malformed expirationDate"),
      set("expirationDate", fc.oneof(fc.integer(), fc.boolean()), "expirationDate of the wrong type"),
      set("scope", fc.oneof(fc.string(), fc.integer()), "scope that is not an array"),
      set("scope", fc.array(fc.integer(), { minLength: 1, maxLength: 3 }), "scope items that are not strings"),
    );
  }
  return fc.oneof(...options);
}

function client() {
  const verdict: Verdict = { violations: null };
  return { verdict, client: createAccessTokensClient(prismOptions({ fetch: verdictFetch(verdict) })) };
}

const params = { params: { path: { accessTokenId: ID } } };
const errorShaped = (error: unknown) => expect(validate("Error", error)).toEqual([]);

describe("valid bodies, generated", () => {
  it(`Prism accepts ${RUNS} AccessTokenPost bodies with no sl-violations`, async () => {
    await fc.assert(
      fc.asyncProperty(validPost, async (body) => {
        expect(validate("AccessTokenPost", body)).toEqual([]);
        const { verdict, client: c } = client();
        const { response } = await c.POST("/access-tokens", { body });
        expect(verdict.violations).toBeNull();
        expect(response.status).toBe(201);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`Prism accepts ${RUNS} AccessTokenPatch bodies with no sl-violations`, async () => {
    await fc.assert(
      fc.asyncProperty(validPatch, async (body) => {
        expect(validate("AccessTokenPatch", body)).toEqual([]);
        const { verdict, client: c } = client();
        const { response } = await c.PATCH("/access-tokens/{accessTokenId}", { ...params, body });
        expect(verdict.violations).toBeNull();
        expect(response.status).toBe(200);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe("invalid bodies, generated, each breaking exactly one constraint", () => {
  const postAllowed = ["name", "expirationDate", "scope", "status"];

  it(`Prism rejects ${RUNS} broken AccessTokenPost bodies with 400 and an Error body`, async () => {
    await fc.assert(
      fc.asyncProperty(breakOne(validPost as fc.Arbitrary<Body>, postAllowed, true), async ([, body]) => {
        expect(validate("AccessTokenPost", body)).not.toEqual([]);
        const { verdict, client: c } = client();
        const { error, response } = await c.POST("/access-tokens", { body: body as never });
        expect(response.status).toBe(400);
        expect(verdict.violations).toMatch(/"location":\["request","body"/);
        errorShaped(error);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`Prism rejects ${RUNS} broken AccessTokenPatch bodies with 400 and an Error body`, async () => {
    await fc.assert(
      fc.asyncProperty(breakOne(validPatch as fc.Arbitrary<Body>, ["name", "status"], false), async ([, body]) => {
        expect(validate("AccessTokenPatch", body)).not.toEqual([]);
        const { verdict, client: c } = client();
        const { error, response } = await c.PATCH("/access-tokens/{accessTokenId}", { ...params, body: body as never });
        expect(response.status).toBe(400);
        expect(verdict.violations).toMatch(/"location":\["request","body"/);
        errorShaped(error);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
