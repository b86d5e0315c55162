import { listApplicationTokens as applicationIdCheck } from "../../generated/fake-params.js";
import { getAccessToken_200 as accessTokenCheck, getApplicationToken_200 as applicationTokenCheck, getUserToken_200 as apiTokenCheck } from "../../generated/fake-bodies.js";
import { collection, emptyStore, nextId } from "./store.js";
import { check, dotted } from "./validation.js";
const fail = (message) => {
    throw new TypeError(`losant-access-tokens/fake: ${message}`);
};
const isRecord = (value) => !!value && typeof value === "object" && !Array.isArray(value);
/** A seed completed as the fake would have created it, then held to the spec's schema of that resource's tokens. */
function seeded(store, seed, where, place, now) {
    if (!isRecord(seed))
        return fail(`${where} must be an object, got ${typeof seed}`);
    if ("token" in seed)
        fail(`${where}.token must be left out: the fake keeps no token secret (only a creation answers with one)`);
    for (const [field, value] of Object.entries(place.fixed)) {
        if (field in seed && String(seed[field]).toLowerCase() !== value)
            fail(`${where}.${field} must be ${JSON.stringify(value)} where this seed sits, got ${JSON.stringify(seed[field])}`);
    }
    const at = now.toISOString();
    const id = seed["id"] === undefined ? nextId(store, now) : String(seed["id"]).toLowerCase();
    let copy;
    try {
        copy = structuredClone(seed);
    }
    catch {
        return fail(`${where} must be plain data (strings, arrays, objects)`);
    }
    const token = { ...place.creator, status: "active", creationDate: at, lastUpdated: seed["creationDate"] ?? at, ...copy, ...place.fixed, id, [place.idField]: id };
    if (place.idField in seed && String(seed[place.idField]).toLowerCase() !== id)
        fail(`${where}.${place.idField} must equal its id`);
    const problem = check(place.validate, token, dotted(where));
    if (problem)
        fail(problem);
    if ([...store.collections.values()].some((tokens) => tokens.has(id)))
        fail(`${where}.id ${JSON.stringify(id)} is already the id of another seed`);
    collection(store, place.key).set(id, token);
    return token;
}
/** Seeds a list of one place, naming each by its index. */
function seedAll(store, seeds, where, place, now) {
    if (seeds === undefined)
        return;
    if (!Array.isArray(seeds))
        return fail(`${where} must be an array, got ${typeof seeds}`);
    seeds.forEach((seed, i) => seeded(store, seed, `${where}[${i}]`, place, now));
}
/** The store a fake starts from: every seed completed and checked, or a TypeError naming the first bad one. */
export function initialStore(data, user, now) {
    const store = emptyStore();
    if (data === undefined)
        return store;
    const where = "options.initial";
    if (!isRecord(data))
        return fail(`${where} must be an object, got ${typeof data}`);
    const unknown = Object.keys(data).filter((key) => !["userTokens", "applicationTokens", "accessTokens"].includes(key));
    if (unknown.length)
        fail(`${where} has unknown ${unknown.map((key) => JSON.stringify(key)).join(", ")}: it takes userTokens, applicationTokens, accessTokens`);
    const creator = { creatorId: user.id, creatorType: "user", creatorName: user.name };
    seedAll(store, data["userTokens"], `${where}.userTokens`, { key: "user", idField: "apiTokenId", fixed: { ownerId: user.id, ownerType: "user" }, creator, validate: apiTokenCheck }, now);
    const applications = data["applicationTokens"];
    if (applications !== undefined && !isRecord(applications))
        fail(`${where}.applicationTokens must be an object of arrays by application id`);
    for (const [applicationId, seeds] of Object.entries(applications ?? {})) {
        const at = `${where}.applicationTokens[${JSON.stringify(applicationId)}]`;
        // The application id is held to the spec's own rule for the path parameter.
        if (!applicationIdCheck({ path: { applicationId }, query: {}, header: {} }))
            fail(`${at}: ${applicationId} is not an application id (24 hexadecimal characters)`);
        const id = applicationId.toLowerCase();
        const fixed = { ownerId: id, ownerType: "application" };
        seedAll(store, seeds, at, { key: `application:${id}`, idField: "apiTokenId", fixed, creator, validate: applicationTokenCheck }, now);
    }
    seedAll(store, data["accessTokens"], `${where}.accessTokens`, { key: "access", idField: "accessTokenId", fixed: { userId: user.id }, creator: {}, validate: accessTokenCheck }, now);
    return store;
}
