import { getUserToken_200 as apiTokenCheck } from "../../generated/fake-bodies.js";
import { answer } from "./router.js";
import { initialStore } from "./seeds.js";
import { copyStore } from "./store.js";
import { check } from "./validation.js";
/** The user of a fake nobody described: the user of the spec's examples. */
const EXAMPLE_USER = { id: "575ed70c7ae143cd83dc4aa9", name: "Example User" };
const fail = (message) => {
    throw new TypeError(`losant-access-tokens/fake: ${message}`);
};
/** The user, held to the spec's rules for an owner id and a creator name. */
function userOf(user) {
    if (user !== undefined && (!user || typeof user !== "object"))
        fail(`options.user must be an object, got ${typeof user}`);
    const given = Object.entries((user ?? {})).filter(([, value]) => value !== undefined);
    const resolved = { ...EXAMPLE_USER, ...Object.fromEntries(given) };
    const names = { "/ownerId": "options.user.id", "/creatorName": "options.user.name" };
    const problem = check(apiTokenCheck, { ownerId: resolved.id, creatorName: resolved.name }, (pointer) => names[pointer] ?? "options.user");
    if (problem)
        fail(problem);
    return { id: resolved.id.toLowerCase(), name: resolved.name };
}
/** Which bearer tokens are accepted. */
function acceptorOf(accept) {
    if (accept === undefined)
        return (token) => token.length > 0;
    if (typeof accept === "function")
        return (token) => accept(token) === true;
    if (!Array.isArray(accept) || !accept.every((token) => typeof token === "string" && token !== "")) {
        return fail("options.acceptTokens must be a list of non-empty strings, or a function of the token");
    }
    const accepted = new Set(accept);
    return (token) => accepted.has(token);
}
/** A clock whose every reading is checked: a bad time is the caller's error, named, never a bad date stored. */
function clockOf(clock) {
    if (clock === undefined)
        return () => new Date();
    if (typeof clock !== "function")
        return fail(`options.clock must be a function returning a Date, got ${typeof clock}`);
    return () => {
        const now = clock();
        if (!(now instanceof Date) || Number.isNaN(now.getTime()))
            fail(`options.clock must return a valid Date, got ${String(now)}`);
        return now;
    };
}
/** A token collection as the state shows it: copies, in creation order. */
const copies = (store, key) => structuredClone([...(store.collections.get(key)?.values() ?? [])]);
/**
 * Creates an in-memory fake of Losant's token API (`/me/tokens`, `/applications/{applicationId}/tokens`
 * and `/access-tokens`) that holds every request and answer to the spec: hand `fake.fetch` to any client.
 */
export function createFakeLosant(options = {}) {
    if (!options || typeof options !== "object")
        fail(`options must be an object, got ${typeof options}`);
    const user = userOf(options.user);
    const now = clockOf(options.clock);
    const initial = initialStore(options.initial, user, now());
    const context = { store: copyStore(initial), accepts: acceptorOf(options.acceptTokens), now, user };
    return {
        async fetch(input, init) {
            let request;
            try {
                request = input instanceof Request && init === undefined ? input : new Request(input, init);
            }
            catch (error) {
                throw new TypeError(`losant-access-tokens/fake: fetch needs an absolute URL and a valid init: ${error.message}`, { cause: error });
            }
            // As fetch does: an aborted signal rejects with its reason, and nothing happens.
            request.signal.throwIfAborted();
            return answer(request, context);
        },
        reset() {
            context.store = copyStore(initial);
        },
        state() {
            const { store } = context;
            const applications = [...store.collections.keys()].filter((key) => key.startsWith("application:") && store.collections.get(key)?.size);
            return {
                userTokens: copies(store, "user"),
                applicationTokens: Object.fromEntries(applications.map((key) => [key.slice("application:".length), copies(store, key)])),
                accessTokens: copies(store, "access"),
            };
        },
    };
}
