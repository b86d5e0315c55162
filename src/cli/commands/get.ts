import { id } from "../checks.js";
import type { Command } from "../context.js";
import { json } from "../output.js";
import { tokenFields, withoutSecret } from "../render.js";

export const get: Command = {
  name: "get",
  summary: "Show one token",
  usage: "get <id>",
  positionals: ["id"],
  options: { wide: { type: "boolean" } },
  help: ["--wide   show every scope and cut nothing to the terminal's width"],
  examples: ["losant-tokens get 5f1e2d3c4b5a69788796a5b4", "losant-tokens get 5f1e2d3c4b5a69788796a5b4 --json"],
  async run(context) {
    const token = withoutSecret(await context.tokens().get(id(context.positionals[0]!, "<id>"), context.call));
    await context.print(context.json ? json(token) : tokenFields(token, context));
    return 0;
  },
};
