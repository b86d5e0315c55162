import { text } from "../checks.js";
import type { Context } from "../context.js";
import { UsageError } from "../usage.js";

/**
 * Asks before destroying, as `delete` does: with --yes, nothing is asked; with nobody to ask (stdin
 * carries the token, or stdin and stderr are not both terminals), a usage error says to pass --yes.
 * Resolves true to go on; false (after a line on stderr) when the answer is not yes.
 */
export async function askFirst(
  context: Context,
  verb: "delete" | "revoke",
  question: () => Promise<string>,
): Promise<boolean> {
  if (context.values["yes"]) return true;
  if (text(context.values, "token-file") === "-")
    throw new UsageError(
      `${verb} asks first, and stdin carries the token (--token-file -): pass --yes to ${verb} without asking`,
    );
  if (!context.prompt)
    throw new UsageError(
      `${verb} asks first, and stdin and stderr are not both terminals: pass --yes to ${verb} without asking`,
    );
  const answer = await context.prompt(await question());
  if (/^\s*y(es)?\s*$/i.test(answer)) return true;
  context.warn(`not ${verb === "delete" ? "deleted" : "revoked"}`);
  return false;
}
