import { expect } from "vitest";
import {
  createApplicationTokensApi,
  createUserTokensApi,
  LosantApiError,
  type ClientOptions,
} from "../../src/index.js";
import { createFakeLosant, type FakeLosant } from "../../src/fake/index.js";

/** The bearer token the scenarios send: shaped like Losant's (a JWT), accepted by a default fake. */
export const FAKE_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzY2VuYXJpbyJ9.c2NlbmFyaW8tc2lnbmF0dXJl";
/** Two applications of the scenario: tokens of one are not the other's. */
export const APP = "575ec8687ae143cd83dc4a97";
export const OTHER_APP = "575ec8687ae143cd83dc4a98";

/** A fake whose clock moves one second per reading from 2026-01-15T09:30:00Z, so that every date is known. */
export function tickingFake(): FakeLosant {
  let time = Date.parse("2026-01-15T09:30:00.000Z");
  return createFakeLosant({ clock: () => new Date((time += 1000)) });
}

/** The rejection of a call, which must be a LosantApiError: `status type: message`. */
async function refusal(call: Promise<unknown>): Promise<string> {
  const error: unknown = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof LosantApiError)) throw new Error(`expected a LosantApiError, got ${String(error)}`);
  return `${error.status} ${error.type}: ${error.apiMessage}`;
}

/**
 * The scenario every way of reaching the fake must pass (in-process, over HTTP, behind Prism): create,
 * get, list with sort, filter and paging, update, delete, and get is 404; for the user's tokens, then an
 * application's, which another application cannot see. Starts from an empty fake with a ticking clock.
 */
export async function runScenario(options: Partial<ClientOptions>, judge: "fake" | "prism" = "fake"): Promise<void> {
  // Behind Prism, a request the spec rejects never reaches the fake: Prism refuses it with 422.
  const rejects = (field: string) =>
    judge === "fake" ? new RegExp(`^400 Validation: body must not have "${field}"`) : /^422 /;
  const me = createUserTokensApi({ token: FAKE_TOKEN, retries: 0, ...options });

  // Create: the secret this once, an id of 24 hex digits, dates from the clock, owner and creator set.
  const created = await me.create({
    name: "ci-deploy",
    scope: ["all.User.read"],
    expirationDate: "2027-01-15T09:30:00+01:00",
  });
  expect(created.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(created.id).toMatch(/^[0-9a-f]{24}$/);
  expect(created).toMatchObject({
    apiTokenId: created.id,
    ownerType: "user",
    creatorType: "user",
    status: "active",
    scope: ["all.User.read"],
  });
  expect(created.creationDate).toBe(created.lastUpdated);
  expect(created.expirationDate).toBe("2027-01-15T08:30:00.000Z");
  const id = created.id ?? "";

  // Get: the same token, without its secret.
  const { token: _secret, ...stored } = created;
  expect(await me.get(id)).toEqual(stored);

  for (const [name, status] of [
    ["ci-nightly", "inactive"],
    ["Backup", "active"],
    ["alpha", "active"],
    ["ci-zeta", "active"],
  ] as const) {
    expect((await me.create({ name, status })).token).toBeDefined();
  }

  // List: the published defaults, echoed; names in code point order (upper case first); no secret.
  const all = await me.list();
  expect(all).toMatchObject({
    count: 5,
    totalCount: 5,
    perPage: 100,
    page: 0,
    sortField: "name",
    sortDirection: "asc",
    ownerType: "user",
  });
  expect(all.items?.map((token) => token.name)).toEqual(["Backup", "alpha", "ci-deploy", "ci-nightly", "ci-zeta"]);
  expect(all.items?.some((token) => "token" in token)).toBe(false);

  // Sort by another field, either way.
  const newest = await me.list({ sortField: "creationDate", sortDirection: "desc" });
  expect(newest.items?.map((token) => token.name)).toEqual(["ci-zeta", "alpha", "Backup", "ci-nightly", "ci-deploy"]);

  // Filter, globbing, case-insensitive, on the whole value; the filter is echoed.
  const ci = await me.list({ filterField: "name", filter: "CI-*" });
  expect([ci.totalCount, ci.filter, ci.filterField, ci.items?.map((token) => token.name)]).toEqual([
    3,
    "CI-*",
    "name",
    ["ci-deploy", "ci-nightly", "ci-zeta"],
  ]);
  expect((await me.list({ filterField: "name", filter: "?lpha" })).items?.map((token) => token.name)).toEqual([
    "alpha",
  ]);
  expect((await me.list({ filterField: "status", filter: "inactive" })).items?.map((token) => token.name)).toEqual([
    "ci-nightly",
  ]);

  // Pages: count is the page's, totalCount the whole; together they are the list, once each.
  const pages = await Promise.all([0, 1, 2, 3].map((page) => me.list({ perPage: 2, page })));
  expect(pages.map((page) => [page.count, page.totalCount, page.page, page.perPage])).toEqual([
    [2, 5, 0, 2],
    [2, 5, 1, 2],
    [1, 5, 2, 2],
    [0, 5, 3, 2],
  ]);
  expect(pages.flatMap((page) => page.items ?? [])).toEqual(all.items);
  const everyOne = [];
  for await (const token of me.listAll({ perPage: 2 })) everyOne.push(token);
  expect(everyOne).toEqual(all.items);

  // Update: what may change does, lastUpdated moves; scope and expirationDate cannot change.
  const updated = await me.update(id, { status: "inactive", description: "Paused during the audit." });
  expect(updated).toEqual({
    ...stored,
    status: "inactive",
    description: "Paused during the audit.",
    lastUpdated: expect.any(String),
  });
  expect(Date.parse(updated.lastUpdated ?? "")).toBeGreaterThan(Date.parse(updated.creationDate ?? ""));
  expect(await refusal(me.update(id, { scope: ["all.User"] } as never))).toMatch(rejects("scope"));
  expect(await refusal(me.update(id, { expirationDate: "2030-01-01T00:00:00Z" } as never))).toMatch(
    rejects("expirationDate"),
  );

  // Delete: then it is gone, for get, update and delete alike.
  expect(await me.delete(id)).toEqual({ success: true });
  for (const call of [() => me.get(id), () => me.update(id, { name: "again" }), () => me.delete(id)])
    expect(await refusal(call())).toBe("404 NotFound: API Token was not found");
  expect((await me.list()).totalCount).toBe(4);

  // An application's tokens: owned by it, invisible to another application.
  const apps = createApplicationTokensApi({ token: FAKE_TOKEN, retries: 0, ...options });
  const gateway = await apps.create(APP, { name: "Gateway provisioning", scope: ["devices.post", "device.get"] });
  expect(gateway).toMatchObject({ ownerId: APP, ownerType: "application", creatorType: "user" });
  const gatewayId = gateway.id ?? "";
  expect(await apps.get(APP, gatewayId)).toMatchObject({ name: "Gateway provisioning" });
  expect(await apps.list(APP)).toMatchObject({ count: 1, totalCount: 1, ownerId: APP, ownerType: "application" });
  expect(await apps.list(OTHER_APP)).toMatchObject({ items: [], count: 0, totalCount: 0, ownerId: OTHER_APP });
  for (const call of [
    () => apps.get(OTHER_APP, gatewayId),
    () => apps.update(OTHER_APP, gatewayId, { status: "inactive" }),
    () => apps.delete(OTHER_APP, gatewayId),
  ]) {
    expect(await refusal(call())).toBe("404 NotFound: API Token was not found");
  }
  expect((await me.list()).items?.map((token) => token.id)).not.toContain(gatewayId);
  expect(await apps.delete(APP, gatewayId)).toEqual({ success: true });
  expect(await refusal(apps.get(APP, gatewayId))).toBe("404 NotFound: API Token was not found");
}
