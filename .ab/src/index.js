export { createAccessTokensClient } from "./client.js";
export { createUserTokensApi } from "./resources/user-tokens.js";
export { createApplicationTokensApi } from "./resources/application-tokens.js";
export { createAccessTokensApi } from "./resources/access-tokens.js";
export { LosantApiError, LosantConnectionError } from "./errors.js";
