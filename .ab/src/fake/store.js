/** An empty store. */
export const emptyStore = () => ({ collections: new Map(), counter: 0 });
/** A collection of the store, made empty on first use (every well-formed application id is an application). */
export function collection(store, key) {
    let found = store.collections.get(key);
    if (!found)
        store.collections.set(key, (found = new Map()));
    return found;
}
/** Whether any collection holds a token with this id. */
const taken = (store, id) => [...store.collections.values()].some((tokens) => tokens.has(id));
/**
 * A new id shaped like Losant's (a MongoDB ObjectId, 24 hex digits): the clock's seconds, then a count.
 * Deterministic under a fixed clock, unique within the store, and ordered by creation.
 */
export function nextId(store, now) {
    const seconds = Math.floor(now.getTime() / 1000) >>> 0;
    for (;;) {
        store.counter += 1;
        const id = `${seconds.toString(16).padStart(8, "0")}${store.counter.toString(16).padStart(16, "0")}`;
        if (!taken(store, id))
            return id;
    }
}
const base64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const encode = (value) => base64url(new TextEncoder().encode(JSON.stringify(value)));
/**
 * A token secret shaped like Losant's (a JWT: three base64url parts) with a random signature, from the
 * Web Crypto every supported runtime has. It is returned once, by the creation, and kept nowhere.
 */
export function newSecret(id, now) {
    const signature = crypto.getRandomValues(new Uint8Array(32));
    return `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ sub: id, iat: Math.floor(now.getTime() / 1000), iss: "fake.losant" })}.${base64url(signature)}`;
}
/** A deep copy of the store, for a snapshot or a reset that must not share objects with it. */
export const copyStore = (store) => structuredClone(store);
