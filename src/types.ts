import type { components } from "../generated/openapi.js";

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
