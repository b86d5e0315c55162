import { SCOPES } from "../../generated/scopes.js";
import type { ApiTokenScope } from "../types.js";
import { shown, UsageError } from "./usage.js";

const KNOWN: ReadonlySet<string> = new Set(SCOPES);

/** Levenshtein distance, case-insensitive: how many single-character edits turn one name into the other. */
export function distance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, i) => i);
  for (let i = 1; i <= left.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= right.length; j += 1) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (left[i - 1] === right[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[right.length]!;
}

/** The known scopes nearest to a name, closest first: at most three, within a third of its length. */
export function nearestScopes(name: string): string[] {
  const limit = Math.max(2, Math.ceil(name.length / 3));
  return SCOPES.map((scope) => ({ scope, d: distance(name, scope) }))
    .filter(({ d }) => d <= limit)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ scope }) => scope);
}

/** Checks each `--scope` against Losant's vocabulary (the spec's ApiTokenScope); repeats are dropped. */
export function checkScopes(given: readonly string[]): ApiTokenScope[] {
  for (const name of given) {
    if (KNOWN.has(name)) continue;
    const near = nearestScopes(name);
    const hint = near.length ? `did you mean ${near.join(", ")}?` : "see Losant's scope list (losant-tokens create --help)";
    throw new UsageError(`--scope ${shown(name)} is not one of Losant's scopes: ${hint}`);
  }
  return [...new Set(given)] as ApiTokenScope[];
}
