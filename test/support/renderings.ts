import { inspect } from "node:util";

/** Every form an error (or an error body) can be printed or logged in, its fields and cause included. */
export function renderings(error: unknown): string[] {
  const value = Object(error) as Record<string, unknown> & { stack?: unknown; cause?: unknown };
  return [
    String(error),
    String(value["message"]),
    String(value.stack),
    JSON.stringify(error) ?? "",
    inspect(error, { depth: Infinity, showHidden: true }),
    JSON.stringify(value["body"]) ?? "",
    String(value["apiMessage"]),
    inspect(value.cause, { depth: Infinity, showHidden: true }),
  ];
}
