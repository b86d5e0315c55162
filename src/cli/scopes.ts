import type { ApiTokenScope } from "../types.js";
import { distance } from "./distance.js";
import { shown, UsageError } from "./usage.js";

export { distance };

/** Losant's scopes, from the spec: loaded when a command checks one, so that --help does not pay for the list. */
const scopes = async (): Promise<readonly string[]> => (await import("../../generated/scopes.js")).SCOPES;

/** The known scopes nearest to a name, closest first: at most three, within a third of its length. */
function nearestScopes(name: string, known: readonly string[]): string[] {
  const limit = Math.max(2, Math.ceil(name.length / 3));
  return known
    .map((scope) => ({ scope, d: distance(name, scope) }))
    .filter(({ d }) => d <= limit)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ scope }) => scope);
}

/** Checks each `--scope` against Losant's vocabulary (the spec's ApiTokenScope); repeats are dropped. */
export async function checkScopes(given: readonly string[]): Promise<ApiTokenScope[]> {
  const known = await scopes();
  for (const name of given) {
    if (known.includes(name)) continue;
    const near = nearestScopes(name, known);
    const hint = near.length
      ? `did you mean ${near.join(", ")}?`
      : "see Losant's scope list (losant-tokens create --help)";
    throw new UsageError(`--scope ${shown(name)} is not one of Losant's scopes: ${hint}`);
  }
  return [...new Set(given)] as ApiTokenScope[];
}
