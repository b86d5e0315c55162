import type { paths } from "../../generated/openapi.js";
import { type AccessTokensClient } from "../client.js";
import { type ClientOptions } from "./options.js";
/** Per-call options of the facades. */
export type CallOptions = {
    /** Aborts this call; an aborted call is never retried and rejects with the signal's reason. */
    signal?: AbortSignal;
};
type Json<T> = T extends {
    content: {
        "application/json": infer Body;
    };
} ? Body : never;
/** The body of an operation's success response. */
type Ok<Op> = Op extends {
    responses: infer R;
} ? Json<R[Extract<keyof R, 200 | 201>]> : never;
/** The body an operation requires (an optional body, such as DELETE's, is not asked for). */
type Body<Op> = Op extends {
    requestBody: {
        content: {
            "application/json": infer B;
        };
    };
} ? B : never;
/** The query parameters of an operation. */
export type Query<Op> = Op extends {
    parameters: {
        query?: infer Q;
    };
} ? NonNullable<Q> : never;
/** One named argument per path parameter, so that editors show `applicationId`, not `args_0`. */
type Id<Name> = Name extends "applicationId" ? [applicationId: string] : Name extends "apiTokenId" ? [apiTokenId: string] : Name extends "accessTokenId" ? [accessTokenId: string] : [id: string];
type Ids<Path> = Path extends `${string}{${infer Name}}${infer Rest}` ? [...Id<Name>, ...Ids<Rest>] : [];
/** A collection path with GET and POST, and its item path with GET, PATCH and DELETE. */
type Get<P extends keyof paths> = paths[P] extends {
    get: infer Op;
} ? Op : never;
type Post<P extends keyof paths> = paths[P] extends {
    post: infer Op;
} ? Op : never;
type Patch<P extends keyof paths> = paths[P] extends {
    patch: infer Op;
} ? Op : never;
type Delete<P extends keyof paths> = paths[P] extends {
    delete: infer Op;
} ? Op : never;
type ListArgs<C extends keyof paths, Paged extends boolean> = [...Ids<C>, ...(Paged extends true ? [query?: Query<Get<C>>] : []), options?: CallOptions];
/** The facade of one resource: resource methods that resolve to the success body and reject with `LosantApiError`. */
export type ResourceApi<C extends keyof paths, I extends keyof paths, Paged extends boolean> = {
    /** The typed client underneath, for anything the facade does not cover. */
    readonly client: AccessTokensClient;
    list(...args: ListArgs<C, Paged>): Promise<Ok<Get<C>>>;
    create(...args: [...Ids<C>, body: Body<Post<C>>, options?: CallOptions]): Promise<Ok<Post<C>>>;
    get(...args: [...Ids<I>, options?: CallOptions]): Promise<Ok<Get<I>>>;
    update(...args: [...Ids<I>, body: Body<Patch<I>>, options?: CallOptions]): Promise<Ok<Patch<I>>>;
    delete(...args: [...Ids<I>, options?: CallOptions]): Promise<Ok<Delete<I>>>;
} & (Paged extends true ? {
    /** Every item of the collection, page after page, until the API's `totalCount` or a short page. */
    listAll(...args: ListArgs<C, true>): AsyncIterable<NonNullable<Ok<Get<C>> extends {
        items?: (infer Item)[];
    } ? Item : never>>;
} : unknown);
/**
 * Defines the facade of a resource from its two paths: every method's arguments, body and result
 * types come from the spec's operations on them. `paged` adds the list query and `listAll`.
 */
export declare function defineResource<C extends keyof paths, I extends keyof paths, Paged extends boolean>(collection: C, item: I, paged: Paged): (options: ClientOptions) => ResourceApi<C, I, Paged>;
export {};
