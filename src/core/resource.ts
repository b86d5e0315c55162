// Kept only for the CLI files that import CallOptions from here; they take it from ./options.js next, and
// this file goes.
export type { CallOptions } from "./options.js";
