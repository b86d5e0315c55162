import createClient, { type Client, type FetchResponse, type MaybeOptionalInit } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { refuse, resolveOptions, type ClientOptions, type ResolvedOptions } from "./core/options.js";
import { pathSerializer } from "./core/path.js";
import { LightRequest } from "./core/request.js";
import type { Fetch } from "./core/sender.js";
import { createTransport } from "./core/transport.js";

type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type Media = `${string}/${string}`;
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** openapi-fetch's init parameter: optional when nothing in it is required, open to extra RequestInit fields. */
type InitParam<Init> =
  RequiredKeys<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];
type BodyOf<Op> = Op extends { requestBody?: { content: { "application/json": infer Body } } } ? Body : never;
/** The given body with every property the operation's body lacks typed `never`: an unknown property is an error. */
type ExactBody<Init, Op> = Init extends { body: infer Given }
  ? { body: { [K in keyof Given]: K extends keyof BodyOf<Op> ? Given[K] : never } }
  : unknown;
/** The paths that have method `M`. */
type PathOf<M extends Method> = {
  [P in keyof paths]: paths[P] extends { [K in M]: Record<string, unknown> } ? P : never;
}[keyof paths];
type Operation<Path extends keyof paths, M extends Method> = Extract<paths[Path][M], Record<string, unknown>>;

/**
 * An openapi-fetch method whose body literal is checked for unknown properties, as a facade's is:
 * openapi-fetch infers its init generically, which lets an unknown property through.
 */
type StrictMethod<M extends Method> = <Path extends PathOf<M>, Init extends MaybeOptionalInit<paths[Path], M>>(
  url: Path,
  ...init: InitParam<Init & ExactBody<Init, Operation<Path, M>>>
) => Promise<FetchResponse<Operation<Path, M>, Init, Media>>;

/** The openapi-fetch client, typed by the spec's paths; an unknown property in a request body does not compile. */
export type AccessTokensClient = Omit<Client<paths>, "POST" | "PATCH" | "PUT" | "DELETE"> & {
  POST: StrictMethod<"post">;
  PATCH: StrictMethod<"patch">;
  PUT: StrictMethod<"put">;
  DELETE: StrictMethod<"delete">;
};

/** The typed client over options already resolved: the facades share their resolution with it. */
export function buildClient(options: ResolvedOptions): AccessTokensClient {
  const send = createTransport(options);
  // Only a client that asks for validation loads the validators (a chunk of its own in a bundle), at once.
  const check = options.validateResponses
    ? import("./core/validate.js").then(({ createCheck }) => createCheck(options))
    : undefined;
  check?.catch(() => undefined);
  // Middleware reads, clones or replaces real Requests; a call no middleware sees gets a LightRequest.
  const installed: unknown[] = [];
  // biome-ignore lint/complexity/useArrowFunction: openapi-fetch calls it with `new`, which an arrow refuses.
  const Requests = function (url: string, init: RequestInit & { method: string }) {
    return installed.length ? new Request(url, init) : new LightRequest(url, init);
  } as unknown as typeof Request;
  // openapi-fetch checks what onRequest returns with `instanceof` this option: a real Request passes.
  Requests.prototype = Request.prototype;
  const client: Client<paths> = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: (request: Request) => send(request),
    Request: Requests,
    headers: options.headers,
    pathSerializer,
  });
  const { use, eject } = client;
  client.use = (...middleware) => (installed.push(...middleware), use(...middleware));
  client.eject = (...middleware) => {
    for (const one of middleware) if (installed.includes(one)) installed.splice(installed.indexOf(one), 1);
    eject(...middleware);
  };
  // Per-call options get the client's own checks: a per-call fetch is sent through the transport
  // (timeout, retries, redaction, redirects), and what would escape the checks is refused.
  const calls = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "request"]) {
    const call = calls[name] as (...args: unknown[]) => unknown;
    calls[name] = async (...args) => {
      const last = name === "request" ? 2 : 1;
      const init = (args[last] ?? {}) as {
        baseUrl?: unknown;
        pathSerializer?: unknown;
        fetch?: Fetch;
        middleware?: unknown[];
      };
      if (init.baseUrl ?? init.pathSerializer)
        refuse("a per-call baseUrl or pathSerializer would escape the checks: create another client");
      const own = init.fetch;
      // Stryker disable next-line ConditionalExpression: with no per-call fetch, send(request, undefined) falls back to options.fetch, as the client's own fetch does.
      if (own) args[last] = { ...init, fetch: (request: Request) => send(request, own) };
      if (init.middleware?.length) args[last] = { ...(args[last] as object), Request };
      const result = call(...args);
      return check
        ? Promise.all([check, result]).then(([checked, got]) =>
            checked(name, args, got as Parameters<typeof checked>[2]),
          )
        : result;
    };
  }
  return client as AccessTokensClient;
}

/** Creates the typed client: `client.GET("/me/tokens")` and the rest resolve to `{ data, error, response }`. */
export function createAccessTokensClient(options: ClientOptions): AccessTokensClient {
  return buildClient(resolveOptions(options));
}
