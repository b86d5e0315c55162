import { createRequire } from "node:module";

/** The slice of Losant's own client (losant-rest 2.8.1, untyped CommonJS) the tests call. */
type Call = (params?: Record<string, unknown>) => Promise<Record<string, unknown>>;
export interface LosantClient {
  userApiTokens: { get: Call; post: Call };
  userApiToken: { get: Call; patch: Call; delete: Call };
  applicationApiTokens: { get: Call; post: Call };
  applicationApiToken: { get: Call; patch: Call; delete: Call };
  instanceApiTokens: { get: Call; post: Call };
  instanceApiToken: { get: Call; patch: Call; delete: Call };
  applications: { get: Call };
  instances: { get: Call };
}

/** Losant's own client, as its users create it: an access token and the API's URL. */
export const createLosantClient = (accessToken: string, url: string): LosantClient =>
  (
    createRequire(import.meta.url)("losant-rest") as {
      createClient(options: { accessToken: string; url: string }): LosantClient;
    }
  ).createClient({ accessToken, url });
