/// <reference types="node" />
import { readFileSync } from "node:fs";

/** The package's version, from its package.json: read only for --version, so start-up pays nothing for it. */
export function version(): string {
  // Two levels up from src/cli in the sources, three from dist/src/cli in the package.
  for (const up of ["../../package.json", "../../../package.json"]) {
    try {
      const found = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (found.name === "losant-access-tokens" && typeof found.version === "string") return found.version;
    } catch {
      // Not this level: try the next.
    }
  }
  return "unknown";
}
