import { describe, expect, it } from "vitest";
import { DEMO, demoWorld } from "../scripts/fake-demo.mjs";
import {
  auditTokens,
  createApplicationsApi,
  createApplicationTokensApi,
  createInstancesApi,
  createInstanceTokensApi,
  createOauthTokensApi,
  createUserTokensApi,
  type AuditEntry,
} from "../src/index.js";
import { createFakeLosant } from "../src/fake/index.js";
import { specChecked } from "./support/fake-answers.js";

// The demo world `npm run fake` serves, read whole through the facades and audited: every token the
// caller can reach, of every owner and both kinds, as an `audit --all` reads them.

const NOW = new Date("2026-06-01T00:00:00.000Z");
const { checked } = specChecked();

/** Every token of the demo world, with its owner, read page after page as a client would. */
async function everything(): Promise<AuditEntry[]> {
  const fake = createFakeLosant({ clock: () => NOW, initial: demoWorld(NOW) });
  const options = { token: "t", fetch: checked((request) => fake.fetch(request)) };
  const user = { type: "user", id: DEMO.user, name: null } as const;
  const entries: AuditEntry[] = [];
  for await (const token of createUserTokensApi(options).listAll()) entries.push({ kind: "api", owner: user, token });
  for await (const token of createOauthTokensApi(options).listAll())
    entries.push({ kind: "oauth", owner: user, token });
  const applicationTokens = createApplicationTokensApi(options);
  for await (const app of createApplicationsApi(options).listAll()) {
    const owner = { type: "application", id: app.id ?? "", name: app.name ?? null } as const;
    for await (const token of applicationTokens.listAll(owner.id)) entries.push({ kind: "api", owner, token });
  }
  const instanceTokens = createInstanceTokensApi(options);
  for await (const instance of createInstancesApi(options).listAll()) {
    const owner = { type: "instance", id: instance.id ?? "", name: instance.name ?? null } as const;
    for await (const token of instanceTokens.listAll(owner.id)) entries.push({ kind: "api", owner, token });
  }
  return entries;
}

describe("the demo world of `npm run fake`, audited", () => {
  it("holds tokens of the user, two applications and an instance, API tokens and OAuth grants", async () => {
    const entries = await everything();
    const kinds = new Set(entries.map((entry) => `${entry.owner.type} ${entry.kind}`));
    expect([...kinds].sort()).toEqual(["application api", "instance api", "user api", "user oauth"]);
    expect(
      new Set(entries.filter((entry) => entry.owner.type === "application").map((entry) => entry.owner.name)),
    ).toEqual(new Set(["Factory", "Warehouse"]));
    // No secret is in any of them: the API shows one only on creation, and OAuth grants have none.
    for (const entry of entries) expect(entry.token).not.toHaveProperty("token");
  });

  it("gives the audit something to find: expired, expiring, no expiry, broad scope, a pending grant, a superseded pair", async () => {
    const found = auditTokens(await everything(), {}, NOW).map(
      (result) => `${result.owner.name ?? result.owner.type}/${result.name}: ${result.findings.join(" ")}`,
    );
    expect(found.sort()).toEqual(
      [
        "user/Deploy: superseded",
        "user/Deploy: ",
        "user/Legacy script: no-expiry broad-scope",
        "user/Laptop: broad-scope inactive",
        "user/Reporting assistant: ",
        "user/Dashboard integration: broad-scope pending",
        "Factory/Gateway provisioning: expiring",
        "Factory/Old importer: expired",
        "Warehouse/Inventory sync: broad-scope",
        "Enterprise/Usage report: ",
        "Enterprise/Admin automation: no-expiry broad-scope",
      ].sort(),
    );
  });
});
