/** A stored token: what the API returns for it, never its secret. */
export type StoredToken = Record<string, unknown> & {
    id: string;
};
/** Where a token lives: the user's API tokens, one application's, or the user's old access tokens. */
export type CollectionKey = "user" | "access" | `application:${string}`;
/** The fake's whole state: each collection's tokens by id, in creation order, and the ids given so far. */
export interface Store {
    collections: Map<CollectionKey, Map<string, StoredToken>>;
    /** How many ids this store has made, the last 6 hex digits of the next. */
    counter: number;
}
/** An empty store. */
export declare const emptyStore: () => Store;
/** A collection of the store, made empty on first use (every well-formed application id is an application). */
export declare function collection(store: Store, key: CollectionKey): Map<string, StoredToken>;
/**
 * A new id shaped like Losant's (a MongoDB ObjectId, 24 hex digits): the clock's seconds, then a count.
 * Deterministic under a fixed clock, unique within the store, and ordered by creation.
 */
export declare function nextId(store: Store, now: Date): string;
/**
 * A token secret shaped like Losant's (a JWT: three base64url parts) with a random signature, from the
 * Web Crypto every supported runtime has. It is returned once, by the creation, and kept nowhere.
 */
export declare function newSecret(id: string, now: Date): string;
/** A deep copy of the store, for a snapshot or a reset that must not share objects with it. */
export declare const copyStore: (store: Store) => Store;
