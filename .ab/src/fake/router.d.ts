import { type FakeUser } from "./handlers.js";
import type { Store } from "./store.js";
/** What the router reads from the fake it serves; `store` changes on reset. */
export interface Context {
    store: Store;
    accepts: (token: string) => boolean;
    now: () => Date;
    user: FakeUser;
}
/** Answers one request: route, credentials, parameters, body, then the operation itself. */
export declare function answer(request: Request, context: Context): Promise<Response>;
