import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createApplicationTokensApi,
  createUserTokensApi,
  LosantApiError,
  type ApiToken,
  type ApiTokenPatch,
} from "../src/index.js";
import { createFakeLosant } from "../src/fake/index.js";
import { specChecked } from "./support/fake-answers.js";
import { FAKE_TOKEN } from "./support/fake-scenario.js";

const SEED = 14;
// Fewer under `npm run test:mutation`, which runs this test once per mutant it covers.
const RUNS = process.env["LOSANT_MUTATION"] ? 30 : 200;
const { checked } = specChecked();

/** Where a token lives: the user's, or one of two applications'. */
const OWNERS = ["user", "575ec8687ae143cd83dc4a97", "575ec8687ae143cd83dc4a98"] as const;
type Owner = (typeof OWNERS)[number];

/** What the model keeps of a token: what the calls set. */
interface Kept {
  name: string;
  status: "active" | "inactive";
  description?: string;
}

/** One call of a generated sequence; `pick` chooses among the tokens that exist (or, if none, an id no token has). */
type Step =
  | { kind: "create"; owner: Owner; name: string; status: "active" | "inactive" }
  | { kind: "update"; pick: number; name?: string; status?: "active" | "inactive"; description?: string }
  | { kind: "delete"; pick: number }
  | { kind: "update-missing" | "delete-missing"; owner: Owner };

// Few names, upper and lower case, so that ties and case order are common.
const name = fc.constantFrom("alpha", "Alpha", "beta", "b", "B", "zeta", "ci-1", "ci-2");
const status = fc.constantFrom("active" as const, "inactive" as const);
const owner = fc.constantFrom(...OWNERS);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("create" as const), owner, name, status }) },
  {
    weight: 2,
    arbitrary: fc.record(
      { kind: fc.constant("update" as const), pick: fc.nat(), name, status, description: fc.string({ maxLength: 12 }) },
      { requiredKeys: ["kind", "pick"] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom("update-missing" as const, "delete-missing" as const), owner }),
  },
);

/** Runs a sequence against a fresh fake and a Map, then lists every owner's tokens, all pages, through the facades. */
async function runSequence(steps: Step[]): Promise<void> {
  const fake = createFakeLosant();
  const options = { token: FAKE_TOKEN, fetch: checked(fake.fetch), retries: 0 };
  const me = createUserTokensApi(options);
  const apps = createApplicationTokensApi(options);
  const model = new Map<string, { owner: Owner; kept: Kept }>();
  const api = {
    create: (who: Owner, body: Kept) => (who === "user" ? me.create(body) : apps.create(who, body)),
    update: (who: Owner, id: string, body: ApiTokenPatch) =>
      who === "user" ? me.update(id, body) : apps.update(who, id, body),
    delete: (who: Owner, id: string) => (who === "user" ? me.delete(id) : apps.delete(who, id)),
  };
  const notFound = async (call: Promise<unknown>) => {
    const error = await call.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error instanceof LosantApiError && error.status).toBe(404);
  };

  for (const s of steps) {
    const ids = [...model.keys()];
    if (s.kind === "create") {
      const created = await api.create(s.owner, { name: s.name, status: s.status });
      model.set(created.id ?? "", { owner: s.owner, kept: { name: s.name, status: s.status } });
    } else if (s.kind === "update" && ids.length) {
      const id = ids[s.pick % ids.length] as string;
      const entry = model.get(id) as { owner: Owner; kept: Kept };
      const { kind: _kind, pick: _pick, ...patch } = s;
      await api.update(entry.owner, id, patch);
      Object.assign(entry.kept, patch);
    } else if (s.kind === "delete" && ids.length) {
      const id = ids[s.pick % ids.length] as string;
      expect(await api.delete((model.get(id) as { owner: Owner }).owner, id)).toEqual({ success: true });
      model.delete(id);
    } else if (s.kind === "update-missing" || s.kind === "update") {
      await notFound(api.update("owner" in s ? s.owner : "user", "0123456789abcdef01234567", { status: "inactive" }));
    } else {
      await notFound(api.delete("owner" in s ? s.owner : "user", "0123456789abcdef01234567"));
    }
  }

  for (const who of OWNERS) {
    const listed: ApiToken[] = [];
    // Small pages, so that most lists take several.
    for await (const token of who === "user" ? me.listAll({ perPage: 3 }) : apps.listAll(who, { perPage: 3 }))
      listed.push(token);
    const expected = [...model]
      .filter(([, entry]) => entry.owner === who)
      .map(([id, entry]) => ({ id, ...entry.kept }));
    const got = listed.map(({ id, name, status, description }) => ({
      id,
      name,
      status,
      ...(description === undefined ? {} : { description }),
    }));
    const byId = (a: { id?: string | undefined }, b: { id?: string | undefined }) =>
      (a.id ?? "") < (b.id ?? "") ? -1 : 1;
    expect([...got].sort(byId)).toEqual(expected.sort(byId));
    // The default order: by name in code point order (these names are ASCII: JavaScript's order), ties by id.
    const keys = listed.map((token) => `${token.name}\u0000${token.id}`);
    expect(keys).toEqual([...keys].sort());
  }
}

describe("the fake against a model of what should exist", () => {
  it("lists, over every page, exactly the tokens a Map says should exist, after any sequence of creates, updates and deletes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), (steps) => runSequence(steps)),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
