/** A stored token: what the API returns for it, never its secret. */
export type StoredToken = Record<string, unknown> & { id: string };

/**
 * Where a record lives: the user's API tokens, one application's or one instance's, the user's OAuth
 * tokens or old access tokens; or the lists of owners, the applications and instances.
 */
export type CollectionKey =
  | "user"
  | "access"
  | "oauth"
  | `application:${string}`
  | `instance:${string}`
  | "applications"
  | "instances";

/** The fake's whole state: each collection's tokens by id, in creation order, and the ids given so far. */
export interface Store {
  collections: Map<CollectionKey, Map<string, StoredToken>>;
  /** How many ids this store has made, the last 6 hex digits of the next. */
  counter: number;
}

/** An empty store. */
export const emptyStore = (): Store => ({ collections: new Map(), counter: 0 });

/** A collection of the store, made empty on first use (every well-formed application id is an application). */
export function collection(store: Store, key: CollectionKey): Map<string, StoredToken> {
  let found = store.collections.get(key);
  if (!found) store.collections.set(key, (found = new Map()));
  return found;
}

/** Whether any collection holds a token with this id. */
const taken = (store: Store, id: string) => [...store.collections.values()].some((tokens) => tokens.has(id));

/**
 * A new id shaped like Losant's (a MongoDB ObjectId, 24 hex digits): the clock's seconds, then a count.
 * Deterministic under a fixed clock, unique within the store, and ordered by creation.
 */
export function nextId(store: Store, now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000) >>> 0;
  for (;;) {
    store.counter += 1;
    const id = `${seconds.toString(16).padStart(8, "0")}${store.counter.toString(16).padStart(16, "0")}`;
    if (!taken(store, id)) return id;
  }
}

// Base64's only `=` are its padding, at the end: base64url leaves them all out.
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=/g, "");
const encode = (value: object) => base64url(new TextEncoder().encode(JSON.stringify(value)));

/**
 * A token secret shaped like Losant's (a JWT: three base64url parts) with a random signature, from the
 * Web Crypto every supported runtime has. It is returned once, by the creation, and kept nowhere.
 */
export function newSecret(id: string, now: Date): string {
  const signature = crypto.getRandomValues(new Uint8Array(32));
  return `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ sub: id, iat: Math.floor(now.getTime() / 1000), iss: "fake.losant" })}.${base64url(signature)}`;
}

/** A deep copy of the store, for a snapshot or a reset that must not share objects with it. */
export const copyStore = (store: Store): Store => structuredClone(store);
