// The generators, resolved from this folder's own node_modules (see package.json here).
export { createClient } from "@hey-api/openapi-ts";
export { generate } from "orval";
