import type { operations } from "../../generated/fake-operations.js";
import { notFound } from "./errors.js";
import { listPage, type ListQuery } from "./list.js";
import { collection, nextId, newSecret, type CollectionKey, type Store, type StoredToken } from "./store.js";

/** The user every accepted bearer token stands for: the owner of `/me/tokens` and the creator of new tokens. */
export interface FakeUser {
  id: string;
  name: string;
}

/** One call, once routed and checked against the spec: parameters coerced and defaulted, body valid. */
interface Call {
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
  store: Store;
  now: Date;
  user: FakeUser;
}

/** The success status and body of a call; refusals are thrown as `Refusal`. */
export type Handler = (call: Call) => unknown;

/** Every operation's id, as the spec names it. */
export type OperationId = keyof typeof operations;

/** How one of the token resources keeps and shows its tokens. */
interface Resource {
  /** The noun of its 404 message. */
  what: "API Token" | "Access Token" | "OAuth Token";
  /** The path parameter, and the field every token repeats its id in. */
  idField: "apiTokenId" | "accessTokenId" | "oauthTokenId";
  key(call: Call): CollectionKey;
  /** Owner fields every token of the collection carries, and its list echoes. */
  owner(call: Call): Record<string, string>;
  /** Creator fields of a token the fake creates. */
  creator(call: Call): Record<string, string>;
  paged: boolean;
}

// Ids are hexadecimal, so one id in either case is one token: MongoDB reads them that way. The router
// gives every path parameter of the operation.
const lower = (call: Call, name: string) => (call.path[name] as string).toLowerCase();

const byUser = (call: Call) => ({ creatorId: call.user.id, creatorType: "user", creatorName: call.user.name });

const USER: Resource = {
  what: "API Token",
  idField: "apiTokenId",
  key: () => "user",
  owner: (call) => ({ ownerId: call.user.id, ownerType: "user" }),
  creator: byUser,
  paged: true,
};

const APPLICATION: Resource = {
  what: "API Token",
  idField: "apiTokenId",
  key: (call) => `application:${lower(call, "applicationId")}`,
  owner: (call) => ({ ownerId: lower(call, "applicationId"), ownerType: "application" }),
  creator: byUser,
  paged: true,
};

// Losant publishes no ownerType for an instance token (its schema allows application and user only), nor
// any other owner field: the fake's instance tokens have none, and their list echoes none.
const INSTANCE: Resource = {
  what: "API Token",
  idField: "apiTokenId",
  key: (call) => `instance:${lower(call, "instanceId")}`,
  owner: () => ({}),
  creator: byUser,
  paged: true,
};

// An OAuth token has no owner or creator fields: it is the user's grant to a client.
const OAUTH: Resource = {
  what: "OAuth Token",
  idField: "oauthTokenId",
  key: () => "oauth",
  owner: () => ({}),
  creator: () => ({}),
  paged: true,
};

const ACCESS: Resource = {
  what: "Access Token",
  idField: "accessTokenId",
  key: () => "access",
  owner: (call) => ({ userId: call.user.id }),
  creator: () => ({}),
  paged: false,
};

/** A date-time as the API stores it (a MongoDB date): UTC with milliseconds. A leap second, which JavaScript cannot read, stays as sent. */
const storedDate = (value: unknown) => {
  const time = typeof value === "string" ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? value : new Date(time).toISOString();
};

/** The token an item path names, or a 404. */
function find(resource: Resource, call: Call): StoredToken {
  const found = call.store.collections.get(resource.key(call))?.get(lower(call, resource.idField));
  if (!found) throw notFound(resource.what);
  return found;
}

const list =
  (resource: Resource): Handler =>
  (call) => {
    const all = [...(call.store.collections.get(resource.key(call))?.values() ?? [])];
    if (!resource.paged) return { items: all, count: all.length };
    const query = call.query as unknown as ListQuery;
    const { items, totalCount } = listPage(all, query);
    const { perPage, page, sortField, sortDirection, filter, filterField } = query;
    // A filter not given is undefined, which the JSON answer leaves out.
    return {
      items,
      count: items.length,
      totalCount,
      perPage,
      page,
      sortField,
      sortDirection,
      filter,
      filterField,
      ...resource.owner(call),
    };
  };

const create =
  (resource: Resource): Handler =>
  (call) => {
    const id = nextId(call.store, call.now);
    const at = call.now.toISOString();
    const body = call.body ?? {};
    // A token is active unless created inactive: Losant publishes no default, a new token is for use.
    const token: StoredToken = {
      id,
      [resource.idField]: id,
      ...resource.owner(call),
      ...resource.creator(call),
      ...body,
      status: body["status"] ?? "active",
      creationDate: at,
      lastUpdated: at,
    };
    if (body["expirationDate"] !== undefined) token["expirationDate"] = storedDate(body["expirationDate"]);
    collection(call.store, resource.key(call)).set(id, token);
    // The secret is in this answer and nowhere else: Losant keeps no copy, nor does the fake.
    return { ...token, token: newSecret(id, call.now) };
  };

/** A year after `now`, in UTC: the default session Losant gives a grant created without an expiry. */
const yearAfter = (now: Date) => {
  const at = new Date(now.getTime());
  at.setUTCFullYear(at.getUTCFullYear() + 1);
  return at.toISOString();
};

/**
 * A grant to an OAuth client, pending until the client completes the authorization (which happens at
 * Losant's OAuth endpoints, outside this API). Of the `oauth` body only what the OAuth token schema
 * shows is kept: the PKCE challenge is for the authorization step, and no answer shows it. There is no
 * token secret: an OAuth client gets its access token from the OAuth flow, not from this API.
 */
const createGrant: Handler = (call) => {
  const id = nextId(call.store, call.now);
  const at = call.now.toISOString();
  const { oauth, expirationDate, ...rest } = call.body ?? {};
  const { client_id, redirect_uri, resource } = (oauth ?? {}) as Record<string, unknown>;
  // Its body has no status (the schema refuses one): a new grant is active.
  const grant: StoredToken = { id, oauthTokenId: id, ...rest, status: "active", creationDate: at, lastUpdated: at };
  // Left out, the default one-year session; null, a session that does not expire.
  if (expirationDate === undefined) grant["expirationDate"] = yearAfter(call.now);
  else if (expirationDate !== null) grant["expirationDate"] = storedDate(expirationDate);
  grant["oauth"] = {
    client_id,
    redirect_uri,
    ...(resource === undefined ? {} : { resource }),
    authorizationStatus: "pending",
  };
  collection(call.store, OAUTH.key(call)).set(id, grant);
  return grant;
};

/** What `orgId` keeps of the applications: none given, all; blank, the user's own; an id, that organization's. */
function ownedAs(call: Call): (item: StoredToken) => boolean {
  const orgId = call.query["orgId"];
  if (orgId === undefined) return () => true;
  if (orgId === "") return (item) => item["ownerType"] === "user" && item["ownerId"] === call.user.id;
  const org = String(orgId).toLowerCase();
  return (item) => item["ownerType"] === "organization" && String(item["ownerId"]).toLowerCase() === org;
}

/**
 * A list of owners, the applications or the instances, as the token lists are listed: sorted, filtered
 * and paged. `summaryExclude` and `summaryInclude` are accepted and change nothing: the fake keeps no
 * application summary.
 */
const owners =
  (key: "applications" | "instances"): Handler =>
  (call) => {
    const all = [...(call.store.collections.get(key)?.values() ?? [])].filter(
      key === "applications" ? ownedAs(call) : () => true,
    );
    const query = call.query as unknown as ListQuery;
    const { items, totalCount } = listPage(all, query);
    const { perPage, page, sortField, sortDirection, filter, filterField } = query;
    return { items, count: items.length, totalCount, perPage, page, sortField, sortDirection, filter, filterField };
  };

const get =
  (resource: Resource): Handler =>
  (call) =>
    find(resource, call);

const update =
  (resource: Resource): Handler =>
  (call) =>
    // The body holds only what the spec lets change: scope and expiration date are not among it.
    Object.assign(find(resource, call), call.body, { lastUpdated: call.now.toISOString() });

const remove =
  (resource: Resource): Handler =>
  (call) => {
    const { id } = find(resource, call);
    call.store.collections.get(resource.key(call))?.delete(id);
    return { success: true };
  };

/** Each operation's semantics: a spec that gains an operation fails to compile here until it has one. */
export const handlers: Record<OperationId, Handler> = {
  listUserTokens: list(USER),
  createUserToken: create(USER),
  getUserToken: get(USER),
  updateUserToken: update(USER),
  deleteUserToken: remove(USER),
  listApplicationTokens: list(APPLICATION),
  createApplicationToken: create(APPLICATION),
  getApplicationToken: get(APPLICATION),
  updateApplicationToken: update(APPLICATION),
  deleteApplicationToken: remove(APPLICATION),
  listInstanceTokens: list(INSTANCE),
  createInstanceToken: create(INSTANCE),
  getInstanceToken: get(INSTANCE),
  updateInstanceToken: update(INSTANCE),
  deleteInstanceToken: remove(INSTANCE),
  listOauthTokens: list(OAUTH),
  createOauthToken: createGrant,
  getOauthToken: get(OAUTH),
  updateOauthToken: update(OAUTH),
  deleteOauthToken: remove(OAUTH),
  listApplications: owners("applications"),
  listInstances: owners("instances"),
  listAccessTokens: list(ACCESS),
  createAccessToken: create(ACCESS),
  getAccessToken: get(ACCESS),
  updateAccessToken: update(ACCESS),
  deleteAccessToken: remove(ACCESS),
};
