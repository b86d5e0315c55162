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
/** One OAuth token: a grant the user gave an OAuth client. It has no token secret. */
export type OauthToken = Schemas["OauthToken"];
/** A page of OAuth tokens, with its counts and the query it answers. */
export type OauthTokens = Schemas["OauthTokens"];
/** The body that creates an OAuth token (a grant, with its PKCE challenge). */
export type OauthTokenPost = Schemas["OauthTokenPost"];
/** The body that updates an OAuth token: the fields of `ApiTokenPatch`. */
export type OauthTokenPatch = Schemas["OauthTokenPatch"];
/** The OAuth client an OAuth token was granted to, and its authorization status. */
export type OauthGrant = Schemas["OauthGrant"];
/** One of the scopes an OAuth token can be given. */
export type OauthScope = Schemas["OauthScope"];
/** The query of the OAuth token list. */
export type OauthTokensQuery = NonNullable<operations["listOauthTokens"]["parameters"]["query"]>;
/** One application, as `GET /applications` lists it. */
export type Application = Schemas["Application"];
/** A page of applications. */
export type Applications = Schemas["Applications"];
/** The query of the application list. */
export type ApplicationsQuery = NonNullable<operations["listApplications"]["parameters"]["query"]>;
/** One instance, as `GET /instances` lists it. */
export type Instance = Schemas["Instance"];
/** A page of instances. */
export type Instances = Schemas["Instances"];
/** The query of the instance list. */
export type InstancesQuery = NonNullable<operations["listInstances"]["parameters"]["query"]>;
