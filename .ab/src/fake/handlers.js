import { notFound } from "./errors.js";
import { listPage } from "./list.js";
import { collection, nextId, newSecret } from "./store.js";
// Ids are hexadecimal, so one id in either case is one token: MongoDB reads them that way.
const lower = (call, name) => (call.path[name] ?? "").toLowerCase();
const byUser = (call) => ({ creatorId: call.user.id, creatorType: "user", creatorName: call.user.name });
const USER = {
    what: "API Token",
    idField: "apiTokenId",
    key: () => "user",
    owner: (call) => ({ ownerId: call.user.id, ownerType: "user" }),
    creator: byUser,
    paged: true,
};
const APPLICATION = {
    what: "API Token",
    idField: "apiTokenId",
    key: (call) => `application:${lower(call, "applicationId")}`,
    owner: (call) => ({ ownerId: lower(call, "applicationId"), ownerType: "application" }),
    creator: byUser,
    paged: true,
};
const ACCESS = {
    what: "Access Token",
    idField: "accessTokenId",
    key: () => "access",
    owner: (call) => ({ userId: call.user.id }),
    creator: () => ({}),
    paged: false,
};
/** A date-time as the API stores it (a MongoDB date): UTC with milliseconds. A leap second, which JavaScript cannot read, stays as sent. */
const storedDate = (value) => {
    const time = typeof value === "string" ? Date.parse(value) : NaN;
    return Number.isNaN(time) ? value : new Date(time).toISOString();
};
/** The token an item path names, or a 404. */
function find(resource, call) {
    const found = call.store.collections.get(resource.key(call))?.get(lower(call, resource.idField));
    if (!found)
        throw notFound(resource.what);
    return found;
}
const list = (resource) => (call) => {
    const all = [...(call.store.collections.get(resource.key(call))?.values() ?? [])];
    if (!resource.paged)
        return { items: all, count: all.length };
    const query = call.query;
    const { items, totalCount } = listPage(all, query);
    const { perPage, page, sortField, sortDirection, filter, filterField } = query;
    const echoed = { perPage, page, sortField, sortDirection, ...(filter === undefined ? {} : { filter }), ...(filterField === undefined ? {} : { filterField }) };
    return { items, count: items.length, totalCount, ...echoed, ...resource.owner(call) };
};
const create = (resource) => (call) => {
    const id = nextId(call.store, call.now);
    const at = call.now.toISOString();
    const body = call.body ?? {};
    // A token is active unless created inactive: Losant publishes no default, a new token is for use.
    const token = { id, [resource.idField]: id, ...resource.owner(call), ...resource.creator(call), ...body, status: body["status"] ?? "active", creationDate: at, lastUpdated: at };
    if (body["expirationDate"] !== undefined)
        token["expirationDate"] = storedDate(body["expirationDate"]);
    collection(call.store, resource.key(call)).set(id, token);
    // The secret is in this answer and nowhere else: Losant keeps no copy, nor does the fake.
    return { ...token, token: newSecret(id, call.now) };
};
const get = (resource) => (call) => find(resource, call);
const update = (resource) => (call) => 
// The body holds only what the spec lets change: scope and expiration date are not among it.
Object.assign(find(resource, call), call.body, { lastUpdated: call.now.toISOString() });
const remove = (resource) => (call) => {
    const { id } = find(resource, call);
    call.store.collections.get(resource.key(call))?.delete(id);
    return { success: true };
};
/** Each operation's semantics: a spec that gains an operation fails to compile here until it has one. */
export const handlers = {
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
    listAccessTokens: list(ACCESS),
    createAccessToken: create(ACCESS),
    getAccessToken: get(ACCESS),
    updateAccessToken: update(ACCESS),
    deleteAccessToken: remove(ACCESS),
};
