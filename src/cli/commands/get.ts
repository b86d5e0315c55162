import { id } from "../checks.js";
import type { Command } from "../context.js";
import { json } from "../output.js";
import { tokenFields, withoutSecret } from "../render.js";

export const get: Command = {
  name: "get",
  summary: "Show one token",
  usage: "get <id>",
  positionals: ["id"],
  options: {},
  help: [],
  examples: ["losant-tokens get 5f1e2d3c4b5a69788796a5b4", "losant-tokens get 5f1e2d3c4b5a69788796a5b4 --json"],
  async run(context) {
    const token = withoutSecret(await context.tokens().get(id(context.positionals[0]!, "<id>")));
    context.stdout.write(context.json ? json(token) : tokenFields(token, context.colour));
    return 0;
  },
};
