import { operations } from "../../generated/fake-operations.js";
import * as bodyValidators from "../../generated/fake-bodies.js";
import * as paramValidators from "../../generated/fake-params.js";
import { isJson, parseJson, readBody } from "./body.js";
import { invalid, quoted, Refusal } from "./errors.js";
import { handlers } from "./handlers.js";
import { check, dotted, parameterNamer } from "./validation.js";
const params = paramValidators;
const bodies = bodyValidators;
const routes = Object.keys(operations).map((id) => ({ id, ...operations[id], segments: operations[id].path.split("/") }));
/** A JSON answer, as Losant's API gives every answer. */
const json = (status, body, headers = {}) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
/**
 * The operation a method and path name, with its raw path parameters. A path the spec does not have
 * is a 404, a method its path does not take a 405 (with `Allow`), each with an Error body: what
 * Losant's API answers outside its routes is not published, and these are the HTTP answers for them.
 */
function route(method, pathname) {
    const parts = pathname.split("/");
    const matching = routes.filter(({ segments }) => segments.length === parts.length && segments.every((segment, i) => (segment.startsWith("{") ? parts[i] !== "" : segment === parts[i])));
    const found = matching.find((candidate) => candidate.method === method);
    if (!found) {
        if (!matching.length)
            throw new Refusal(404, "NotFound", `Path ${quoted(pathname)} was not found: it is not a path of the token API`);
        const allow = [...new Set(matching.map((candidate) => candidate.method))].join(", ");
        throw new Refusal(405, "MethodNotAllowed", `${quoted(method)} is not allowed on ${quoted(pathname)}: it takes ${allow}`, { allow });
    }
    const raw = Object.fromEntries(found.segments.flatMap((segment, i) => (segment.startsWith("{") ? [[segment.slice(1, -1), parts[i] ?? ""]] : [])));
    return { id: found.id, raw };
}
/** 401 unless the request carries `Authorization: Bearer <token>` with a token the fake accepts. */
function authenticate(header, accepts) {
    const token = /^bearer +(.*)$/i.exec(header?.trim() ?? "")?.[1]?.trim() ?? "";
    if (!header)
        throw new Refusal(401, "Unauthorized", "Missing credentials: send Authorization: Bearer <token>", { "www-authenticate": "Bearer" });
    if (!token || !accepts(token))
        throw new Refusal(401, "Unauthorized", "Invalid credentials: the bearer token is not one this fake accepts", { "www-authenticate": "Bearer" });
}
/** The path parameters, decoded: a segment that is not valid percent-encoding is a 400. */
function decoded(raw) {
    return Object.fromEntries(Object.entries(raw).map(([name, value]) => {
        try {
            return [name, decodeURIComponent(value)];
        }
        catch {
            throw invalid(`path parameter ${name} is not valid percent-encoding, got ${quoted(value)}`);
        }
    }));
}
/** The query as the validator reads it: one string per name, or every value of a name given twice. */
function queryOf(search) {
    const values = new Map();
    for (const [name, value] of search)
        values.set(name, [...(values.get(name) ?? []), value]);
    return Object.fromEntries([...values].map(([name, all]) => [name, all.length === 1 ? all[0] : all]));
}
/**
 * The body an operation takes, checked against its schema. An operation that takes none ignores what
 * was sent, as HTTP lets a server do; one that takes a JSON body refuses anything else.
 */
async function bodyOf(request, id) {
    const rule = operations[id].body;
    const validate = bodies[id];
    if (rule === "none" || !validate)
        return undefined;
    const text = await readBody(request);
    if (!text) {
        if (rule === "required")
            throw invalid("the request body is required: a JSON object, sent with Content-Type: application/json");
        return undefined;
    }
    const type = request.headers.get("content-type");
    if (!isJson(type))
        throw invalid(`the request body must be JSON, sent with Content-Type: application/json; got Content-Type ${quoted(type ?? "(none)")}`);
    const body = parseJson(text);
    const problem = check(validate, body, dotted("body"));
    if (problem)
        throw invalid(problem);
    return body;
}
/** Answers one request: route, credentials, parameters, body, then the operation itself. */
export async function answer(request, context) {
    try {
        const url = new URL(request.url);
        const { id, raw } = route(request.method, url.pathname);
        authenticate(request.headers.get("authorization"), context.accepts);
        const given = { path: decoded(raw), query: queryOf(url.searchParams), header: Object.fromEntries(request.headers) };
        const problem = check(params[id], given, parameterNamer);
        if (problem)
            throw invalid(problem);
        const body = await bodyOf(request, id);
        const now = context.now();
        const result = handlers[id]({ path: given.path, query: given.query, body, store: context.store, now, user: context.user });
        return json(operations[id].success, result);
    }
    catch (error) {
        if (error instanceof Refusal)
            return json(error.status, error.body, error.headers);
        throw error;
    }
}
