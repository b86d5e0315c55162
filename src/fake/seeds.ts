import type { Validator } from "../../generated/fake-operations.js";
import {
  listApplicationTokens as applicationIdCheck,
  listInstanceTokens as instanceIdCheck,
} from "../../generated/fake-params.js";
import {
  getAccessToken_200 as accessTokenCheck,
  getApplicationToken_200 as applicationTokenCheck,
  getInstanceToken_200 as instanceTokenCheck,
  getOauthToken_200 as oauthTokenCheck,
  getUserToken_200 as apiTokenCheck,
  listApplications_200 as applicationsCheck,
  listInstances_200 as instancesCheck,
} from "../../generated/fake-bodies.js";
import type { AccessToken, ApiToken, Application, Instance, OauthToken } from "../types.js";
import type { FakeUser } from "./handlers.js";
import { collection, emptyStore, nextId, type CollectionKey, type Store, type StoredToken } from "./store.js";
import { badOption, quoted } from "./errors.js";
import { check, dotted } from "./validation.js";

/** A token to start with: what the API would return for it, less its secret; the fake fills what is left out. */
export type ApiTokenSeed = Omit<ApiToken, "token">;
/** An access token to start with, less its secret. */
export type AccessTokenSeed = Omit<AccessToken, "token">;

/** An instance's API token to start with, less its secret and the owner fields Losant publishes none of for it. */
export type InstanceTokenSeed = Omit<ApiToken, "token" | "ownerId" | "ownerType">;
/** An OAuth token (a grant) to start with; it has no secret. */
export type OauthTokenSeed = OauthToken;
/** An application the user can see. */
export type ApplicationSeed = Application;
/** An instance the user can see. */
export type InstanceSeed = Instance;

/** The tokens a fake starts with, and returns to on `reset()`. */
export interface FakeLosantData {
  /** The user's API tokens, `/me/tokens`. */
  userTokens?: ApiTokenSeed[];
  /** API tokens by application id, `/applications/{applicationId}/tokens`. */
  applicationTokens?: Record<string, ApiTokenSeed[]>;
  /** API tokens by instance id, `/instances/{instanceId}/tokens`. */
  instanceTokens?: Record<string, InstanceTokenSeed[]>;
  /** The user's OAuth tokens, `/me/oauth-tokens`. */
  oauthTokens?: OauthTokenSeed[];
  /** The applications `/applications` lists (their tokens may be seeded or not: any application id has a token list). */
  applications?: ApplicationSeed[];
  /** The instances `/instances` lists. */
  instances?: InstanceSeed[];
  /** The user's access tokens, `/access-tokens`. */
  accessTokens?: AccessTokenSeed[];
}

/** The collections `options.initial` takes, in the order they are seeded. */
const COLLECTIONS = [
  "userTokens",
  "applicationTokens",
  "instanceTokens",
  "oauthTokens",
  "applications",
  "instances",
  "accessTokens",
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);

/**
 * A seed's id or owner field in lower case, to compare as MongoDB reads hexadecimal ids; any other value
 * as the schema check then quotes it (String() of a deeply nested array would overflow the stack).
 */
const lower = (value: unknown): string => (typeof value === "string" ? value.toLowerCase() : quoted(value));

/** How one collection's seeds become stored tokens: the fields the location decides, and the schema they must then meet. */
interface Place {
  key: CollectionKey;
  idField: "apiTokenId" | "accessTokenId" | "oauthTokenId" | "applicationId" | "instanceId";
  fixed: Record<string, string>;
  /** Fields a seed may give, filled when it does not: a token's creator and status, an application's owner. */
  defaults: Record<string, string>;
  /** Fields that must stay out, with the reason. */
  absent?: Record<string, string>;
  validate: Validator;
}

/** How deep a seed may nest: far deeper than any token (an org role is 3 levels down), far from a stack's limit. */
const MAX_DEPTH = 32;

/** Whether a value nests deeper than MAX_DEPTH (a cycle does), found without recursion. */
function tooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (depth > MAX_DEPTH) return true;
    if (node && typeof node === "object") for (const inner of Object.values(node)) stack.push([inner, depth + 1]);
  }
  return false;
}

/** A seed completed as the fake would have created it, then held to the spec's schema of that resource's tokens. */
function seeded(store: Store, seed: unknown, where: string, place: Place, now: Date): StoredToken {
  if (!isRecord(seed)) return badOption(`${where} must be an object, got ${typeof seed}`);
  // Answers and copies of the state write every value out: one nested thousands deep would overflow them.
  if (tooDeep(seed))
    badOption(`${where} is nested deeper than ${MAX_DEPTH} levels (or holds a cycle): a token is plain JSON data`);
  if ("token" in seed)
    badOption(`${where}.token must be left out: the fake keeps no token secret (only a creation answers with one)`);
  for (const [field, why] of Object.entries(place.absent ?? {}))
    if (field in seed) badOption(`${where}.${field} must be left out: ${why}`);
  for (const [field, value] of Object.entries(place.fixed)) {
    if (field in seed && lower(seed[field]) !== value)
      badOption(`${where}.${field} must be ${JSON.stringify(value)} where this seed sits, got ${quoted(seed[field])}`);
  }
  const at = now.toISOString();
  const id = seed["id"] === undefined ? nextId(store, now) : lower(seed["id"]);
  let copy: Record<string, unknown>;
  try {
    copy = structuredClone(seed);
  } catch {
    return badOption(`${where} must be plain data (strings, arrays, objects)`);
  }
  const token: StoredToken = {
    ...place.defaults,
    creationDate: at,
    lastUpdated: seed["creationDate"] ?? at,
    ...copy,
    ...place.fixed,
    id,
    [place.idField]: id,
  };
  if (place.idField in seed && lower(seed[place.idField]) !== id)
    badOption(`${where}.${place.idField} must equal its id`);
  const problem = check(place.validate, token, dotted(where));
  if (problem) badOption(problem);
  if ([...store.collections.values()].some((tokens) => tokens.has(id)))
    badOption(`${where}.id ${JSON.stringify(id)} is already the id of another seed`);
  collection(store, place.key).set(id, token);
  return token;
}

/** Seeds a list of one place, naming each by its index. */
function seedAll(store: Store, seeds: unknown, where: string, place: Place, now: Date): void {
  if (seeds === undefined) return;
  if (!Array.isArray(seeds)) {
    badOption(`${where} must be an array, got ${typeof seeds}`);
    return;
  }
  for (const [i, seed] of seeds.entries()) seeded(store, seed, `${where}[${i}]`, place, now);
}

/** The store a fake starts from: every seed completed and checked, or a TypeError naming the first bad one. */
export function initialStore(data: unknown, user: FakeUser, now: Date): Store {
  const store = emptyStore();
  if (data === undefined) return store;
  const where = "options.initial";
  if (!isRecord(data)) return badOption(`${where} must be an object, got ${typeof data}`);
  const unknown = Object.keys(data).filter((key) => !COLLECTIONS.includes(key));
  if (unknown.length)
    badOption(
      `${where} has unknown ${unknown.map((key) => JSON.stringify(key)).join(", ")}: it takes ${COLLECTIONS.join(", ")}`,
    );
  const token = { creatorId: user.id, creatorType: "user", creatorName: user.name, status: "active" };
  seedAll(
    store,
    data["userTokens"],
    `${where}.userTokens`,
    {
      key: "user",
      idField: "apiTokenId",
      fixed: { ownerId: user.id, ownerType: "user" },
      defaults: token,
      validate: apiTokenCheck,
    },
    now,
  );
  seedByOwner(data["applicationTokens"], `${where}.applicationTokens`, "application", (applicationId, at) => {
    // The application id is held to the spec's own rule for the path parameter.
    if (!applicationIdCheck({ path: { applicationId }, query: {}, header: {} }))
      badOption(`${at}: ${applicationId} is not an application id (24 hexadecimal characters)`);
    const id = applicationId.toLowerCase();
    const fixed = { ownerId: id, ownerType: "application" };
    return { key: `application:${id}`, idField: "apiTokenId", fixed, defaults: token, validate: applicationTokenCheck };
  });
  seedByOwner(data["instanceTokens"], `${where}.instanceTokens`, "instance", (instanceId, at) => {
    if (!instanceIdCheck({ path: { instanceId }, query: {}, header: {} }))
      badOption(`${at}: ${instanceId} is not an instance id (24 hexadecimal characters)`);
    const id = instanceId.toLowerCase();
    // Losant publishes no owner fields for an instance token: its owner is the instance in its path.
    const why = "Losant publishes no owner fields for an instance token (its owner is the instance in the path)";
    return {
      key: `instance:${id}`,
      idField: "apiTokenId",
      fixed: {},
      defaults: token,
      absent: { ownerId: why, ownerType: why },
      validate: instanceTokenCheck,
    };
  });
  seedAll(
    store,
    data["oauthTokens"],
    `${where}.oauthTokens`,
    { key: "oauth", idField: "oauthTokenId", fixed: {}, defaults: { status: "active" }, validate: oauthTokenCheck },
    now,
  );
  const owned = { ownerId: user.id, ownerType: "user" };
  seedAll(
    store,
    data["applications"],
    `${where}.applications`,
    { key: "applications", idField: "applicationId", fixed: {}, defaults: owned, validate: item(applicationsCheck) },
    now,
  );
  seedAll(
    store,
    data["instances"],
    `${where}.instances`,
    { key: "instances", idField: "instanceId", fixed: {}, defaults: {}, validate: item(instancesCheck) },
    now,
  );
  seedAll(
    store,
    data["accessTokens"],
    `${where}.accessTokens`,
    {
      key: "access",
      idField: "accessTokenId",
      fixed: { userId: user.id },
      defaults: { status: "active" },
      validate: accessTokenCheck,
    },
    now,
  );
  return store;

  /** Seeds the lists of an object of lists by owner id, each at the place `placeOf` gives. */
  function seedByOwner(byOwner: unknown, at: string, owner: string, placeOf: (id: string, at: string) => Place): void {
    if (byOwner !== undefined && !isRecord(byOwner)) badOption(`${at} must be an object of arrays by ${owner} id`);
    for (const [id, seeds] of Object.entries(byOwner ?? {})) {
      const here = `${at}[${JSON.stringify(id)}]`;
      seedAll(store, seeds, here, placeOf(id, here), now);
    }
  }
}

/**
 * The validator of one item of a collection, from the collection's: the spec names no schema for one
 * application or instance alone. Its errors point into the item, as if it had been checked alone.
 */
function item(collectionCheck: Validator): Validator {
  const check = ((value: unknown) => {
    const ok = collectionCheck({ items: [value] });
    check.errors =
      collectionCheck.errors?.map((error) => ({
        ...error,
        instancePath: error.instancePath.replace(/^\/items\/0/, ""),
      })) ?? null;
    return ok;
  }) as Validator;
  return check;
}
