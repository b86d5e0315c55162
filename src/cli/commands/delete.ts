import { id, text } from "../checks.js";
import type { Command } from "../context.js";
import { clean, json } from "../output.js";
import { UsageError } from "../usage.js";

export const remove: Command = {
  name: "delete",
  summary: "Delete a token (asks first on a terminal)",
  usage: "delete <id> [--yes]",
  positionals: ["id"],
  options: { yes: { type: "boolean", short: "y" } },
  help: ["--yes, -y   delete without asking (required unless stdin and stderr are both terminals)"],
  examples: ["losant-tokens delete 5f1e2d3c4b5a69788796a5b4", "losant-tokens delete 5f1e2d3c4b5a69788796a5b4 --yes"],
  async run(context) {
    const tokenId = id(context.positionals[0]!, "<id>");
    const tokens = context.tokens();
    if (!context.values["yes"]) {
      // As gh does: with nobody to ask, refuse rather than delete unasked.
      if (text(context.values, "token-file") === "-")
        throw new UsageError(
          "delete asks before deleting, and stdin carries the token (--token-file -): pass --yes to delete without asking",
        );
      if (!context.prompt)
        throw new UsageError(
          "delete asks before deleting, and stdin and stderr are not both terminals: pass --yes to delete without asking",
        );
      const token = await tokens.get(tokenId, context.call);
      const answer = await context.prompt(
        `Delete token ${tokenId} "${clean(token.name)}" (${clean(token.status)})? This cannot be undone. [y/N] `,
      );
      if (!/^\s*y(es)?\s*$/i.test(answer)) {
        context.warn("not deleted");
        return 1;
      }
    }
    await tokens.delete(tokenId, context.call);
    await context.print(context.json ? json({ id: tokenId, deleted: true }) : `Deleted token ${tokenId}.\n`);
    return 0;
  },
};
