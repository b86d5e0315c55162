import type { components, operations } from "../generated/openapi.js";
type Schemas = components["schemas"];
/** One access token, as the API returns it. */
export type AccessToken = Schemas["AccessToken"];
/** The collection `GET /access-tokens` returns. */
export type AccessTokens = Schemas["AccessTokens"];
/** The body of `POST /access-tokens`. */
export type AccessTokenPost = Schemas["AccessTokenPost"];
/** The body of `PATCH /access-tokens/{accessTokenId}`. */
export type AccessTokenPatch = Schemas["AccessTokenPatch"];
/** The body of every error response. */
export type ErrorBody = Schemas["Error"];
/** The body of a successful `DELETE`. */
export type SuccessBody = Schemas["Success"];
/** One API token (user or application), as the API returns it. */
export type ApiToken = Schemas["ApiToken"];
/** A page of API tokens, with its counts and the query it answers. */
export type ApiTokens = Schemas["ApiTokens"];
/** The body that creates an API token. */
export type ApiTokenPost = Schemas["ApiTokenPost"];
/** The body that updates an API token: `scope` and `expirationDate` cannot change. */
export type ApiTokenPatch = Schemas["ApiTokenPatch"];
/** One scope an API token can be given, such as `"all.Application"` or `"devices.get"`. */
export type ApiTokenScope = Schemas["ApiTokenScope"];
/** The query of the API token lists: sorting, filtering (with globbing) and paging. */
export type ApiTokensQuery = NonNullable<operations["listUserTokens"]["parameters"]["query"]>;
export {};
