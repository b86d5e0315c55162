export { createAccessTokensClient, type AccessTokensClient } from "./client.js";
export { createUserTokensApi, type UserTokensApi } from "./resources/user-tokens.js";
export { createApplicationTokensApi, type ApplicationTokensApi } from "./resources/application-tokens.js";
export { createAccessTokensApi, type AccessTokensApi } from "./resources/access-tokens.js";
export type { CallOptions } from "./core/resource.js";
export { rotateApiToken, RotationError, type OldTokenState, type RotateOptions, type Rotation, type RotationErrorOptions } from "./resources/rotate.js";
export { isLosantError, LosantApiError, LosantConnectionError, LosantError, type LosantApiErrorOptions, type LosantConnectionErrorOptions, type LosantErrorOptions, type RequestErrorOptions, type RequestSummary } from "./errors.js";
export type { ClientOptions, NodeAgent } from "./core/options.js";
export type {
  AccessToken,
  AccessTokenPatch,
  AccessTokenPost,
  AccessTokens,
  ApiToken,
  ApiTokenPatch,
  ApiTokenPost,
  ApiTokens,
  ApiTokenScope,
  ApiTokensQuery,
  ErrorBody,
  SuccessBody,
} from "./types.js";
export type { components, operations, paths } from "../generated/openapi.js";
