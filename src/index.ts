export { createAccessTokensClient, type AccessTokensClient } from "./client.js";
export { createAccessTokensApi, type AccessTokensApi } from "./resources/access-tokens.js";
export type { CallOptions } from "./core/resource.js";
export { LosantApiError, LosantConnectionError } from "./errors.js";
export type { ClientOptions } from "./core/options.js";
export type { AccessToken, AccessTokenPatch, AccessTokenPost, AccessTokens, ErrorBody, SuccessBody } from "./types.js";
export type { components, operations, paths } from "../generated/openapi.js";
