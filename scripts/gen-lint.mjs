// Part of `npm run gen`: lints the spec with Redocly's API (@redocly/openapi-core), with the same
// redocly.yaml (recommended-strict) that `npm run lint` gives the Redocly CLI. Loaded only when the lint
// has to run: gen's cache (scripts/gen-cache.mjs) skips it for a spec, config and linter it has passed.
import path from "node:path";
import { getLineColLocation, lint, loadConfig } from "@redocly/openapi-core";

const configs = new Map();

/**
 * Lints the spec at `specPath` against `configPath`. Resolves with [] when it is clean, else with one line
 * per problem: `file:line:col: severity rule: message (at pointer)`, file relative to the working folder.
 * Rejects with { line, col, reason } on YAML syntax errors and unreadable files, which Redocly throws.
 */
export async function lintSpec(specPath, configPath) {
  // Loaded once per config: --watch lints again on every save.
  if (!configs.has(configPath)) configs.set(configPath, loadConfig({ configPath }));
  const config = await configs.get(configPath);
  const rel = (file) => path.relative(process.cwd(), file) || file;
  let problems;
  try {
    problems = await lint({ ref: specPath, config });
  } catch (error) {
    throw Object.assign(new Error(error.message), {
      line: error.line,
      col: error.col,
      reason: error.originalError?.reason ?? error.originalError?.message ?? error.message,
    });
  }
  return problems.map((problem) => {
    const location = problem.location[0];
    const file = rel(location?.source.absoluteRef ?? specPath);
    const { line, col } = location ? getLineColLocation(location).start : { line: 1, col: 1 };
    const pointer = location?.pointer ? ` (at ${location.pointer})` : "";
    return `${file}:${line}:${col}: ${problem.severity} ${problem.ruleId}: ${problem.message}${pointer}`;
  });
}
