import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAccessTokensClient, type ApiTokenPatch, type ApiTokenPost } from "../src/index.js";
import { prismOptions, verdictFetch, type Verdict } from "./support/prism.js";
import { inlineRefs, loadSpec, operationFacts, schemaValidator } from "./support/spec.js";

const RUNS = 300;
const SEED = 20_261_128;
const spec = loadSpec();
const validate = schemaValidator(spec);
const facts = operationFacts(spec);

/** Every string an `enum` under this node of the spec allows, references followed. */
function enumValues(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(enumValues);
  if (!node || typeof node !== "object") return [];
  const { enum: values, ...rest } = node as { enum?: unknown[] };
  return [
    ...(values ?? []).filter((value): value is string => typeof value === "string"),
    ...Object.values(rest).flatMap(enumValues),
  ];
}
// The vocabulary as the spec gives it: every scope the published schema accepts.
const SCOPES = [...new Set(enumValues(inlineRefs(spec, spec.components.schemas["ApiTokenScope"])))].filter(
  (scope) => validate("ApiTokenScope", scope).length === 0,
);
const ROLES = enumValues(spec.components.schemas["Role"]);

const hex24 = fc.stringMatching(/^[0-9a-fA-F]{24}$/);
const dateTime = fc
  .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
  .map((date) => date.toISOString());
const resourceRoles = fc.array(fc.record({ resourceId: hex24, role: fc.constantFrom("collaborate", "view", "none") }), {
  maxLength: 3,
});
const orgRole = fc.record(
  {
    orgId: fc.oneof(hex24, fc.constant("sandbox")),
    role: fc.constantFrom(...ROLES),
    applicationRoles: resourceRoles,
    dashboardRoles: resourceRoles,
  },
  { requiredKeys: ["orgId", "role"] },
);
const common = {
  name: fc.string({ unit: "binary", minLength: 1, maxLength: 255 }),
  description: fc.string({ maxLength: 100 }),
  defaultRole: fc.constantFrom(...ROLES),
  orgRoles: fc.array(orgRole, { maxLength: 4 }),
  status: fc.constantFrom("active" as const, "inactive" as const),
};
const validPost = fc.record(
  { ...common, expirationDate: dateTime, scope: fc.uniqueArray(fc.constantFrom(...SCOPES), { maxLength: 8 }) },
  { requiredKeys: ["name"] },
) as fc.Arbitrary<ApiTokenPost>;
const validPatch = fc.record(common, { requiredKeys: [] }) as fc.Arbitrary<ApiTokenPatch>;

type Body = Record<string, unknown>;
/** A valid body with exactly one published constraint broken, and what was broken. */
function breakOne(valid: fc.Arbitrary<Body>, kind: "post" | "patch"): fc.Arbitrary<[string, Body]> {
  const set = (key: string, value: fc.Arbitrary<unknown>, label: string) =>
    fc.tuple(valid, value).map(([body, broken]): [string, Body] => [label, { ...body, [key]: broken }]);
  const role = (extra: Body) => ({ orgId: "sandbox", role: "view", ...extra });
  const options: fc.Arbitrary<[string, Body]>[] = [
    set("name", fc.constant(""), "an empty name"),
    set("name", fc.string({ unit: "binary", minLength: 256, maxLength: 300 }), "a name over 255 characters"),
    set("name", fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)), "a name that is not a string"),
    set("description", fc.constant("d".repeat(32_768)), "a description over 32767 characters"),
    set(
      "defaultRole",
      fc.string({ maxLength: 10 }).filter((value) => !ROLES.includes(value)),
      "a defaultRole outside the enum",
    ),
    set(
      "status",
      fc.string({ maxLength: 10 }).filter((value) => value !== "active" && value !== "inactive"),
      "a status outside the enum",
    ),
    set("orgRoles", fc.array(orgRole, { minLength: 26, maxLength: 27 }), "more than 25 orgRoles"),
    set("orgRoles", fc.constant([{ orgId: "sandbox" }]), "an org role without a role"),
    set("orgRoles", fc.constant([role({ extra: 1 })]), "an org role with an unknown property"),
    set(
      "orgRoles",
      fc.string({ minLength: 1, maxLength: 23 }).map((orgId) => [role({ orgId })]),
      "an orgId that is neither 24 hex characters nor sandbox",
    ),
    set(
      "orgRoles",
      fc
        .array(fc.record({ resourceId: hex24, role: fc.constant("view") }), { minLength: 101, maxLength: 101 })
        .map((roles) => [role({ applicationRoles: roles })]),
      "over 100 application roles",
    ),
    set(
      "orgRoles",
      fc.constant([role({ dashboardRoles: [{ resourceId: "x", role: "view" }] })]),
      "a dashboard resourceId that is not 24 hex characters",
    ),
    set(
      "orgRoles",
      fc.constant([role({ applicationRoles: [{ resourceId: "575ec7417ae143cd83dc4a95", role: "admin" }] })]),
      "an application role outside its enum",
    ),
    fc
      .tuple(
        valid,
        fc
          .string({ minLength: 1, maxLength: 12 })
          .filter(
            (key) =>
              ![
                "name",
                "description",
                "expirationDate",
                "defaultRole",
                "orgRoles",
                "scope",
                "status",
                "__proto__",
              ].includes(key),
          ),
        fc.jsonValue(),
      )
      .map(([body, key, value]): [string, Body] => ["an unknown property", { ...body, [key]: value }]),
  ];
  if (kind === "post") {
    options.push(
      valid.map(({ name: _dropped, ...rest }): [string, Body] => ["no name", rest]),
      set(
        "expirationDate",
        fc.constantFrom("2017-06-13", "June 13, 2017", "2017-13-01T00:00:00Z", "now", ""),
        "a malformed expirationDate",
      ),
      set(
        "scope",
        fc.constantFrom(...SCOPES).map((scope) => [scope, scope]),
        "a scope given twice (uniqueItems)",
      ),
      set(
        "scope",
        fc
          .string({ maxLength: 20 })
          .filter((scope) => !SCOPES.includes(scope))
          .map((scope) => [scope]),
        "a scope outside the vocabulary",
      ),
      set("scope", fc.constant("all.Application"), "a scope that is not a list"),
    );
  } else {
    options.push(
      set("scope", fc.constant(["all.Application"]), "a scope, which cannot change after creation"),
      set("expirationDate", dateTime, "an expirationDate, which cannot change after creation"),
    );
  }
  return fc.oneof(...options);
}

function client() {
  const verdict: Verdict = { violations: null };
  return { verdict, client: createAccessTokensClient(prismOptions({ fetch: verdictFetch(verdict) })) };
}
/** The create and update operations of both API token resources, from the spec. */
const writes = (method: "POST" | "PATCH") =>
  facts.filter((op) => op.method === method && op.body?.startsWith("ApiToken"));
const send = (op: ReturnType<typeof writes>[number], body: unknown) => {
  const { verdict, client: typed } = client();
  const path = Object.fromEntries(op.pathParams.map(({ name, example }) => [name, example]));
  const call = (
    typed as unknown as Record<string, (url: string, init: object) => Promise<{ response: Response; error?: unknown }>>
  )[op.method];
  return call!(op.path, { params: { path }, body }).then((result) => ({ ...result, verdict }));
};

describe("the scope vocabulary", () => {
  it("has hundreds of scopes from the four published groups", () => {
    expect(SCOPES.length).toBeGreaterThan(300);
    expect(SCOPES).toEqual(expect.arrayContaining(["all.Application", "all.Organization", "all.User"]));
  });
});

describe.each([
  ["ApiTokenPost", "POST", validPost, "post"],
  ["ApiTokenPatch", "PATCH", validPatch, "patch"],
] as const)("%s bodies, generated", (schema, method, valid, kind) => {
  const ops = writes(method);

  it(`has the operations to send them to`, () => {
    // The user's, an application's and an instance's tokens.
    expect(ops.map((op) => op.id)).toHaveLength(3);
  });

  it(`${RUNS} valid ones are accepted by Prism with no sl-violations`, async () => {
    await fc.assert(
      fc.asyncProperty(valid, fc.constantFrom(...ops), async (body, op) => {
        expect(validate(schema, body)).toEqual([]);
        const { response, verdict } = await send(op, body);
        expect(verdict.violations).toBeNull();
        expect(response.status).toBe(op.success);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`${RUNS} with one constraint broken are refused by Prism with 400 and an Error body`, async () => {
    await fc.assert(
      fc.asyncProperty(breakOne(valid as fc.Arbitrary<Body>, kind), fc.constantFrom(...ops), async ([, body], op) => {
        expect(validate(schema, body)).not.toEqual([]);
        const { response, error, verdict } = await send(op, body);
        expect(response.status).toBe(400);
        expect(verdict.violations).toMatch(/"location":\["request","body"/);
        expect(validate("Error", error)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
