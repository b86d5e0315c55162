import {
  createAccessTokensApi,
  createAccessTokensClient,
  createApplicationsApi,
  createApplicationTokensApi,
  createInstancesApi,
  createInstanceTokensApi,
  createOauthTokensApi,
  createUserTokensApi,
  type ClientOptions,
} from "../../src/index.js";
import type { OperationFacts } from "./spec.js";

type AnyFacade = Record<string, (...args: unknown[]) => Promise<unknown>>;

/** The facade factory of each resource, by its collection path. */
const FACADES: Record<string, (options: ClientOptions) => unknown> = {
  "/access-tokens": createAccessTokensApi,
  "/me/tokens": createUserTokensApi,
  "/me/oauth-tokens": createOauthTokensApi,
  "/applications/{applicationId}/tokens": createApplicationTokensApi,
  "/instances/{instanceId}/tokens": createInstanceTokensApi,
  "/applications": createApplicationsApi,
  "/instances": createInstancesApi,
};

/** The facade method an operation maps to: list, create, get, update or delete. */
function facadeMethod(op: OperationFacts): string {
  const onItem = op.path.endsWith("}");
  return { GET: onItem ? "get" : "list", POST: "create", PATCH: "update", DELETE: "delete" }[op.method];
}

/** Calls an operation through its resource's facade, with these path ids and body. */
export function callFacade(
  options: ClientOptions,
  op: OperationFacts,
  ids: string[],
  body?: unknown,
  call?: object,
): Promise<unknown> {
  const factory = FACADES[op.path.replace(/\/\{\w+\}$/, "")];
  if (!factory) throw new Error(`no facade covers ${op.path}`);
  const api = factory(options) as AnyFacade;
  const args: unknown[] = [...ids];
  if (op.body) args.push(body);
  if (call) args.push(call);
  return (api[facadeMethod(op)] as AnyFacade[string])(...args);
}

/** Calls an operation through the typed client, with these path ids and body. */
export function callClient(
  options: ClientOptions,
  op: OperationFacts,
  ids: string[],
  body?: unknown,
  init: object = {},
): Promise<unknown> {
  const client = createAccessTokensClient(options) as unknown as Record<
    string,
    (path: string, init: object) => Promise<unknown>
  >;
  const path = Object.fromEntries(op.pathParams.map(({ name }, i) => [name, ids[i]]));
  return (client[op.method] as (path: string, init: object) => Promise<unknown>)(op.path, {
    params: { path },
    ...(op.body ? { body } : {}),
    ...init,
  });
}
