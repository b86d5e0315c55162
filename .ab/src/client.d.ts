import { type Client, type FetchResponse, type MaybeOptionalInit } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { type ClientOptions, type ResolvedOptions } from "./core/options.js";
type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type Media = `${string}/${string}`;
type RequiredKeys<T> = {
    [K in keyof T]-?: object extends Pick<T, K> ? never : K;
}[keyof T];
/** openapi-fetch's init parameter: optional when nothing in it is required, open to extra RequestInit fields. */
type InitParam<Init> = RequiredKeys<Init> extends never ? [(Init & {
    [key: string]: unknown;
})?] : [Init & {
    [key: string]: unknown;
}];
type BodyOf<Op> = Op extends {
    requestBody?: {
        content: {
            "application/json": infer Body;
        };
    };
} ? Body : never;
/** The given body with every property the operation's body lacks typed `never`: an unknown property is an error. */
type ExactBody<Init, Op> = Init extends {
    body: infer Given;
} ? {
    body: {
        [K in keyof Given]: K extends keyof BodyOf<Op> ? Given[K] : never;
    };
} : unknown;
/** The paths that have method `M`. */
type PathOf<M extends Method> = {
    [P in keyof paths]: paths[P] extends {
        [K in M]: Record<string, unknown>;
    } ? P : never;
}[keyof paths];
type Operation<Path extends keyof paths, M extends Method> = Extract<paths[Path][M], Record<string, unknown>>;
/**
 * An openapi-fetch method whose body literal is checked for unknown properties, as a facade's is:
 * openapi-fetch infers its init generically, which lets an unknown property through.
 */
type StrictMethod<M extends Method> = <Path extends PathOf<M>, Init extends MaybeOptionalInit<paths[Path], M>>(url: Path, ...init: InitParam<Init & ExactBody<Init, Operation<Path, M>>>) => Promise<FetchResponse<Operation<Path, M>, Init, Media>>;
/** The openapi-fetch client, typed by the spec's paths; an unknown property in a request body does not compile. */
export type AccessTokensClient = Omit<Client<paths>, "POST" | "PATCH" | "PUT" | "DELETE"> & {
    POST: StrictMethod<"post">;
    PATCH: StrictMethod<"patch">;
    PUT: StrictMethod<"put">;
    DELETE: StrictMethod<"delete">;
};
/** The typed client over options already resolved: the facades share their resolution with it. */
export declare function buildClient(options: ResolvedOptions): AccessTokensClient;
/** Creates the typed client: `client.GET("/me/tokens")` and the rest resolve to `{ data, error, response }`. */
export declare function createAccessTokensClient(options: ClientOptions): AccessTokensClient;
export {};
