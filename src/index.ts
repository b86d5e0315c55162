export { createAccessTokensClient, type AccessTokensClient } from "./client.js";
export { createUserTokensApi, type UserTokensApi } from "./resources/user-tokens.js";
export { createApplicationTokensApi, type ApplicationTokensApi } from "./resources/application-tokens.js";
export { createInstanceTokensApi, type InstanceTokensApi } from "./resources/instance-tokens.js";
export { createOauthTokensApi, type OauthTokensApi } from "./resources/oauth-tokens.js";
export {
  createApplicationsApi,
  createInstancesApi,
  type ApplicationsApi,
  type InstancesApi,
} from "./resources/owners.js";
export { createAccessTokensApi, type AccessTokensApi } from "./resources/access-tokens.js";
export type { ListApi } from "./resources/define.js";
export {
  rotateApiToken,
  RotationError,
  type OldTokenState,
  type RotateOptions,
  type Rotation,
  type RotationErrorOptions,
} from "./resources/rotate.js";
export {
  isLosantError,
  LosantApiError,
  LosantConnectionError,
  LosantError,
  LosantPageLimitError,
  type LosantApiErrorOptions,
  type LosantPageLimitErrorOptions,
  type LosantConnectionErrorOptions,
  type LosantErrorOptions,
  type RequestErrorOptions,
  type RequestSummary,
} from "./errors.js";
export { LosantValidationError, type LosantValidationErrorOptions } from "./validation-error.js";
export {
  auditTokens,
  DEFAULT_POLICY,
  FINDINGS,
  validatePolicy,
  type AuditEntry,
  type AuditException,
  type AuditPolicy,
  type AuditResult,
  type Finding,
  type TokenOwner,
} from "./audit/index.js";
export type { CallOptions, ClientOptions, ListAllOptions, NodeAgent } from "./core/options.js";
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
  Application,
  Applications,
  ApplicationsQuery,
  ErrorBody,
  Instance,
  Instances,
  InstancesQuery,
  OauthGrant,
  OauthScope,
  OauthToken,
  OauthTokenPatch,
  OauthTokenPost,
  OauthTokens,
  OauthTokensQuery,
  SuccessBody,
} from "./types.js";
export type { components, operations, paths } from "../generated/openapi.js";
