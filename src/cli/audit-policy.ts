import { escapeJson } from "../core/quote.js";
import { validatePolicy, type AuditPolicy } from "../audit/index.js";
import { distance } from "./distance.js";
import { parseDuration } from "./durations.js";
import { shown, UsageError } from "./usage.js";

/** The keys of a policy file, and which of them are durations in the CLI's grammar. */
const KEYS = ["maxAge", "maxLifetime", "requireExpiry", "forbiddenScopes", "within", "exceptions"] as const;
const DURATIONS = ["maxAge", "maxLifetime", "within"] as const;

/**
 * A policy file's text as the library's policy: JSON, its keys known, its durations in the CLI's one
 * grammar (`90d`, `12h`) turned into milliseconds. Anything wrong is a usage error naming the file and the key.
 */
export function policyFromFile(text: string, path: string): AuditPolicy {
  const where = `--policy ${shown(path)}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the file's text, which a terminal must not see raw.
    throw new UsageError(`${where} is not JSON: it must hold one JSON object, such as {"maxAge": "90d"}`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new UsageError(`${where} must hold one JSON object, such as {"maxAge": "90d"}`);
  const given = value as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if ((KEYS as readonly string[]).includes(key)) continue;
    // distance() ignores case, and the keys are at least 6 edits apart: at most one is within 2 of any key.
    const near = KEYS.find((known) => distance(known, key) <= 2);
    throw new UsageError(
      `${where} has an unknown key ${shown(key)}: ${near ? `did you mean ${near}? ` : ""}a policy takes ${KEYS.join(", ")}`,
    );
  }
  const policy: Record<string, unknown> = { ...given };
  for (const key of DURATIONS) {
    const duration = given[key];
    if (duration === undefined) continue;
    if (typeof duration !== "string")
      throw new UsageError(`${where}: ${key} must be a duration such as "90d", "12h", "30m" or "90s"`);
    policy[key] = parseDuration(duration, `${where}: ${key}`);
  }
  try {
    return validatePolicy(policy);
  } catch (error) {
    // The library's message names the key; the CLI's words replace its prefix, which every one of them starts with.
    throw new UsageError(
      `${where}: ${escapeJson((error as Error).message.replace(/losant-access-tokens: audit policy: /, ""))}`,
    );
  }
}
