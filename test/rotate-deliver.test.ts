// rotateApiToken's delivery step, in process against the fake: the new secret is handed over before the
// old token is touched; when it cannot be, the new token goes again and the old one stays as it was; and
// a rotation can stop after delivery (the first half of a two-phase rotation).
import { describe, expect, it } from "vitest";
import { createUserTokensApi, rotateApiToken, RotationError } from "../src/index.js";
import { CLI_TOKEN, cliFake } from "./support/cli.js";

const OLD = "aaaaaaaaaaaaaaaaaaaaaaa1";

/** The user's tokens over a fake holding OLD, recording each request as "METHOD id-or-collection"; `fails` answers some with a 500. */
function setUp(fails: (request: Request) => boolean = () => false) {
  const fake = cliFake({
    initial: { userTokens: [{ id: OLD, name: "deploy", status: "active", scope: ["all.Application"] }] },
  });
  const log: string[] = [];
  const fetch = async (request: Request) => {
    log.push(`${request.method} ${new URL(request.url).pathname.split("/").pop()}`);
    if (fails(request))
      return Response.json({ type: "InternalError", message: "the database is away" }, { status: 500 });
    return fake.fetch(request);
  };
  const states = () => fake.state().userTokens.map((token) => [token.id, token.status]);
  return { api: createUserTokensApi({ token: CLI_TOKEN, fetch, retries: 0 }), log, states };
}

describe("delivery", () => {
  it("hands the new token, with its secret, to deliver after the create and before the old token is touched", async () => {
    const { api, log } = setUp();
    const delivered: string[] = [];
    const { created, oldRetired } = await rotateApiToken(api, OLD, {
      deliver: (token) => {
        delivered.push(`${token.id} ${token.token.length > 0} after ${log.join(", ")}`);
      },
    });
    expect(delivered).toEqual([`${created.id} true after GET ${OLD}, POST tokens`]);
    expect(log).toEqual([`GET ${OLD}`, "POST tokens", `PATCH ${OLD}`]);
    expect(oldRetired).toBe(true);
  });

  it("deletes the new token and leaves the old one active when deliver rejects, rejecting with step deliver", async () => {
    const { api, log, states } = setUp();
    const error = (await rotateApiToken(api, OLD, {
      deleteOld: true,
      deliver: () => Promise.reject(new Error("the disk is full")),
    }).catch((caught: unknown) => caught)) as RotationError;
    expect(error).toBeInstanceOf(RotationError);
    expect([error.step, error.createdState, error.oldState]).toEqual(["deliver", "deleted", "active"]);
    expect(error.message).toBe(
      `rotation incomplete: new token ${error.created.id} was created and is deleted again; old token ${OLD} is active; handing over the new secret failed: the disk is full`,
    );
    expect(log).toEqual([`GET ${OLD}`, "POST tokens", `DELETE ${error.created.id}`]);
    expect(states()).toEqual([[OLD, "active"]]);
    // The secret is still on the error, not enumerable, for a caller who can try again.
    expect(error.secret).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(Object.keys(error)).not.toContain("secret");
  });

  it("says the new token may still exist when deleting it fails too", async () => {
    const { api } = setUp((request) => request.method === "DELETE");
    const error = (await rotateApiToken(api, OLD, { deliver: () => Promise.reject(new Error("no")) }).catch(
      (caught: unknown) => caught,
    )) as RotationError;
    expect(error.createdState).toBe("unknown");
    expect(error.message).toContain("was created and may still exist and be active (deleting it failed)");
  });

  it("stops after delivery with stopAfterDelivery, or when deliver resolves with stop: the old token stays active", async () => {
    for (const options of [{ stopAfterDelivery: true }, { deliver: () => "stop" as const }]) {
      const { api, log, states } = setUp();
      const rotation = await rotateApiToken(api, OLD, options);
      expect([rotation.oldRetired, rotation.oldDeleted, rotation.old.status]).toEqual([false, false, "active"]);
      expect(log).toEqual([`GET ${OLD}`, "POST tokens"]);
      expect(states()).toEqual([
        [OLD, "active"],
        [rotation.created.id, "active"],
      ]);
    }
  });
});
