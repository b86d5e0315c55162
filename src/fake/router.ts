import { operations, type Validator } from "../../generated/fake-operations.js";
import * as bodyValidators from "../../generated/fake-bodies.js";
import * as paramValidators from "../../generated/fake-params.js";
import { isJson, parseJson, readBody } from "./body.js";
import { invalid, quoted, Refusal } from "./errors.js";
import { handlers, type FakeUser, type OperationId } from "./handlers.js";
import type { Store } from "./store.js";
import { check, dotted, parameterNamer } from "./validation.js";

/** What the router reads from the fake it serves; `store` changes on reset. */
export interface Context {
  store: Store;
  accepts: (token: string) => boolean;
  now: () => Date;
  user: FakeUser;
}

const params = paramValidators as Record<OperationId, Validator>;
const bodies = bodyValidators as Partial<Record<OperationId, Validator>>;
const routes = (Object.keys(operations) as OperationId[]).map((id) => ({
  id,
  ...operations[id],
  segments: operations[id].path.split("/"),
}));

/** A JSON answer, as Losant's API gives every answer. */
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });

/**
 * The operation a method and path name, with its raw path parameters. A path the spec does not have
 * is a 404, a method its path does not take a 405 (with `Allow`), each with an Error body: what
 * Losant's API answers outside its routes is not published, and these are the HTTP answers for them.
 */
function route(method: string, pathname: string): { id: OperationId; raw: Record<string, string> } {
  const parts = pathname.split("/");
  const matching = routes.filter(
    ({ segments }) =>
      segments.length === parts.length &&
      segments.every((segment, i) => (segment.startsWith("{") ? parts[i] !== "" : segment === parts[i])),
  );
  const found = matching.find((candidate) => candidate.method === method);
  if (!found) {
    if (!matching.length)
      throw new Refusal(404, "NotFound", `Path ${quoted(pathname)} was not found: it is not a path of the token API`);
    const allow = [...new Set(matching.map((candidate) => candidate.method))].join(", ");
    throw new Refusal(
      405,
      "MethodNotAllowed",
      `${quoted(method)} is not allowed on ${quoted(pathname)}: it takes ${allow}`,
      { allow },
    );
  }
  // Stryker disable next-line StringLiteral: naming literal segments too would add path keys no handler reads and the spec's path schema lets pass
  const raw = Object.fromEntries(
    found.segments.flatMap((segment, i) =>
      segment.startsWith("{") ? [[segment.slice(1, -1), parts[i] as string]] : [],
    ),
  );
  return { id: found.id, raw };
}

/** 401 unless the request carries `Authorization: Bearer <token>` with a token the fake accepts. */
function authenticate(header: string | null, accepts: (token: string) => boolean): void {
  if (!header)
    throw new Refusal(401, "Unauthorized", "Missing credentials: send Authorization: Bearer <token>", {
      "www-authenticate": "Bearer",
    });
  // Headers has trimmed the value and it holds no line break: the token is the rest after `bearer `, trimmed of the spaces between.
  const token = /^bearer (.*)/i.exec(header)?.[1]?.trim() ?? "";
  if (!token || !accepts(token))
    throw new Refusal(401, "Unauthorized", "Invalid credentials: the bearer token is not one this fake accepts", {
      "www-authenticate": "Bearer",
    });
}

/** The path parameters, decoded: a segment that is not valid percent-encoding is a 400. */
function decoded(raw: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).map(([name, value]) => {
      try {
        return [name, decodeURIComponent(value)];
      } catch {
        throw invalid(`path parameter ${name} is not valid percent-encoding, got ${quoted(value)}`);
      }
    }),
  );
}

/** The query as the validator reads it: one string per name, or every value of a name given twice. */
function queryOf(search: URLSearchParams): Record<string, string | string[]> {
  const values = new Map<string, string[]>();
  for (const [name, value] of search) values.set(name, [...(values.get(name) ?? []), value]);
  return Object.fromEntries([...values].map(([name, all]) => [name, all.length === 1 ? (all[0] as string) : all]));
}

/** A number as JSON writes one: what a numeric parameter's text must be (no `0x10`, `Infinity`, blank). */
const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Holds each query parameter the validator turned into a number to its text: Ajv's coercion takes
 * whatever `+text` takes (`Infinity`, `1e400`, `0x10`, ` `), where the spec's integer is a JSON number,
 * finite, and, to be held exactly, a safe integer (the spec's only numbers are the integers page and
 * perPage; path and header parameters are strings).
 */
function exactNumbers(texts: Record<string, string | string[]>, coerced: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(coerced)) {
    const text = texts[name];
    // A default the validator filled in has no text.
    if (typeof value !== "number" || typeof text !== "string") continue;
    if (!DECIMAL.test(text))
      throw invalid(`query parameter ${name} must be a number written in decimal digits, got ${quoted(text)}`);
    // Beyond 2^53 an integer is not held exactly; Infinity is beyond it too.
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER)
      throw invalid(`query parameter ${name} is out of range, got ${quoted(text)}`);
  }
}

/**
 * The body an operation takes, checked against its schema. An operation that takes none ignores what
 * was sent, as HTTP lets a server do; one that takes a JSON body refuses anything else.
 */
async function bodyOf(request: Request, id: OperationId): Promise<Record<string, unknown> | undefined> {
  const validate = bodies[id];
  // An operation that takes no body has no body validator.
  if (!validate) return undefined;
  const text = await readBody(request);
  if (!text) {
    if (operations[id].body === "required")
      throw invalid("the request body is required: a JSON object, sent with Content-Type: application/json");
    return undefined;
  }
  const type = request.headers.get("content-type");
  if (!isJson(type))
    throw invalid(
      `the request body must be JSON, sent with Content-Type: application/json; got Content-Type ${quoted(type ?? "(none)")}`,
    );
  const body = parseJson(text);
  const problem = check(validate, body, dotted("body"));
  if (problem) throw invalid(problem);
  return body as Record<string, unknown>;
}

/** Answers one request: route, credentials, parameters, body, then the operation itself. */
export async function answer(request: Request, context: Context): Promise<Response> {
  try {
    const url = new URL(request.url);
    const { id, raw } = route(request.method, url.pathname);
    authenticate(request.headers.get("authorization"), context.accepts);
    const query = queryOf(url.searchParams);
    // The validator coerces and fills in defaults in place: `query` keeps the texts as sent.
    const given = { path: decoded(raw), query: { ...query }, header: Object.fromEntries(request.headers) };
    const problem = check(params[id], given, parameterNamer);
    if (problem) throw invalid(problem);
    exactNumbers(query, given.query);
    const body = await bodyOf(request, id);
    const now = context.now();
    // As fetch does: a request aborted before it is answered changes nothing.
    request.signal.throwIfAborted();
    const result = handlers[id]({
      path: given.path,
      query: given.query,
      body,
      store: context.store,
      now,
      user: context.user,
    });
    return json(operations[id].success, result);
  } catch (error) {
    if (error instanceof Refusal) return json(error.status, error.body, error.headers);
    throw error;
  }
}
