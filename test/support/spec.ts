import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { CORE_SCHEMA, load } from "js-yaml";

/** Absolute path of a file in the repository. */
export const repoPath = (relative: string): string => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

/** The loose shape of the parts of the OpenAPI document the tests read. */
export interface SpecDocument {
  openapi: string;
  info: { title: string; version: string; summary?: string; description?: string };
  servers: { url: string }[];
  security?: Record<string, string[]>[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation | Parameter[]>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    examples: Record<string, { value: unknown }>;
    responses: Record<string, { content: Record<string, MediaType> }>;
    parameters: Record<string, Parameter>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
}
export interface Parameter {
  $ref?: string;
  name?: string;
  in?: string;
  required?: boolean;
  description?: string;
  schema?: Record<string, unknown>;
  example?: unknown;
}
export interface MediaType {
  schema: { $ref: string };
  examples?: Record<string, { $ref: string }>;
}
export interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  deprecated?: boolean;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, { $ref?: string; content?: Record<string, MediaType> }>;
  "x-codeSamples"?: { lang: string; label?: string; source: string }[];
}

/** The spec, parsed fresh from disk. */
export function loadSpec(file = "openapi/openapi.yaml"): SpecDocument {
  return load(readFileSync(repoPath(file), "utf8"), { schema: CORE_SCHEMA }) as SpecDocument;
}

/** Follows a local `#/…` reference inside the spec. */
export function resolveRef<T>(spec: SpecDocument, ref: string): T {
  let node: unknown = spec;
  for (const part of ref.replace(/^#\//, "").split("/")) {
    node = (node as Record<string, unknown>)[part.replaceAll("~1", "/").replaceAll("~0", "~")];
    if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return node as T;
}

/** A JSON Schema 2020-12 validator that knows every schema under components.schemas. */
export function schemaValidator(spec: SpecDocument): (schemaName: string, value: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  // The spec's refs are `#/components/schemas/X`; register the components under that path.
  ajv.addKeyword("components");
  ajv.addSchema({ $id: "spec", components: { schemas: spec.components.schemas } });
  return (schemaName, value) => {
    const validate = ajv.getSchema(`spec#/components/schemas/${schemaName}`);
    if (!validate) throw new Error(`no schema ${schemaName}`);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
  };
}

/** Every operation as [method, path, operation]. */
export function operations(spec: SpecDocument): [string, string, Operation][] {
  const methods = ["get", "post", "put", "patch", "delete"];
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, op]): [string, string, Operation] => [method, path, op as Operation]),
  );
}

/** The (first) example body of a named response under components.responses, such as "NotFound". */
export function responseExample(spec: SpecDocument, response: string): { type: string; message: string } {
  const media = spec.components.responses[response]?.content["application/json"];
  const [first] = Object.values(media?.examples ?? {});
  return resolveRef<{ value: { type: string; message: string } }>(spec, first?.$ref ?? `#/no-example-for-${response}`)
    .value;
}

/** One operation as the tests drive it: derived from the spec, never restated. */
export interface OperationFacts {
  id: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  /** The path with every parameter replaced by its example from the spec. */
  examplePath: string;
  /** The path parameters, in order, with their examples. */
  pathParams: { name: string; example: string }[];
  /** The documented success status and its example body (the first, which Prism serves). */
  success: number;
  successExample: unknown;
  /** The documented error statuses, each with its response's name and example body. */
  errors: { status: number; response: string; example: { type: string; message: string } }[];
  /** The schema name of the required request body, if any, and its (first) example. */
  body: string | undefined;
  bodyExample: unknown;
  deprecated: boolean;
}

/** Every operation of the spec, in document order. */
export function operationFacts(spec: SpecDocument): OperationFacts[] {
  return operations(spec).map(([method, path, op]) => {
    const pathParams = parametersOf(spec, path, method)
      .filter((p) => p.in === "path")
      .map((p) => ({ name: p.name ?? "", example: String(p.example ?? "") }));
    const statuses = Object.keys(op.responses).map(Number);
    const body = op.requestBody?.required
      ? op.requestBody.content["application/json"]?.schema.$ref.split("/").pop()
      : undefined;
    const success = statuses.find((status) => status < 300) ?? 0;
    const successMedia = op.responses[success]?.content?.["application/json"];
    const [firstExample] = Object.values(successMedia?.examples ?? {});
    const [bodyExample] = body ? Object.values(op.requestBody?.content["application/json"]?.examples ?? {}) : [];
    return {
      id: op.operationId,
      method: method.toUpperCase() as OperationFacts["method"],
      path,
      examplePath: pathParams.reduce((filled, { name, example }) => filled.replace(`{${name}}`, example), path),
      pathParams,
      success,
      successExample: firstExample ? resolveRef<{ value: unknown }>(spec, firstExample.$ref).value : undefined,
      errors: statuses
        .filter((status) => status >= 400)
        .map((status) => {
          const response = (op.responses[status]?.$ref ?? "").split("/").pop() ?? "";
          return { status, response, example: responseExample(spec, response) };
        }),
      body,
      bodyExample: bodyExample ? resolveRef<{ value: unknown }>(spec, bodyExample.$ref).value : undefined,
      deprecated: op.deprecated === true,
    };
  });
}

/** The example value the spec gives a named parameter, such as accessTokenId's 24 hexadecimal characters. */
export function parameterExample(spec: SpecDocument, name: string): string {
  const found = Object.values(spec.components.parameters).find((p) => p.name === name) as
    | { example?: unknown }
    | undefined;
  if (found?.example === undefined) throw new Error(`the spec gives no example for parameter ${name}`);
  return String(found.example);
}

/**
 * Every parameter an operation takes, references resolved: those of its path item, then its own
 * (an operation's own parameter replaces the path item's of the same name and location).
 */
export function parametersOf(spec: SpecDocument, path: string, method: string): Parameter[] {
  const item = spec.paths[path] ?? {};
  const resolve = (parameter: Parameter) => (parameter.$ref ? resolveRef<Parameter>(spec, parameter.$ref) : parameter);
  const shared = ((item["parameters"] ?? []) as Parameter[]).map(resolve);
  const own = ((item[method] as Operation | undefined)?.parameters ?? []).map(resolve);
  const key = (parameter: Parameter) => `${parameter.in}:${parameter.name}`;
  const overridden = new Set(own.map(key));
  return [...shared.filter((parameter) => !overridden.has(key(parameter))), ...own];
}

/** A copy of a node of the spec with every local `$ref` replaced by what it points to. */
export function inlineRefs(spec: SpecDocument, node: unknown): unknown {
  if (Array.isArray(node)) return node.map((child) => inlineRefs(spec, child));
  if (node === null || typeof node !== "object") return node;
  const { $ref, ...rest } = node as Record<string, unknown>;
  const entries = Object.entries(rest).map(([key, value]) => [key, inlineRefs(spec, value)]);
  if (typeof $ref !== "string") return Object.fromEntries(entries);
  // OpenAPI 3.1 allows keywords beside a $ref; they add to the target.
  return { ...(inlineRefs(spec, resolveRef(spec, $ref)) as object), ...Object.fromEntries(entries) };
}
