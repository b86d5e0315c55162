export { createAccessTokensClient, type AccessTokensClient } from "./client.js";
export { createAccessTokensApi, type AccessTokensApi, type CallOptions } from "./api.js";
export { LosantApiError, LosantConnectionError } from "./errors.js";
export type { ClientOptions } from "./options.js";
export type { AccessToken, AccessTokenPatch, AccessTokenPost, AccessTokens, ErrorBody, SuccessBody } from "./types.js";
export type { components, operations, paths } from "../generated/openapi.js";
