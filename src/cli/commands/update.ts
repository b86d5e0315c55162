import type { ApiTokenPatch } from "../../types.js";
import { description, id, name, role, status, text } from "../checks.js";
import type { Command } from "../context.js";
import { json } from "../output.js";
import { tokenFields, withoutSecret } from "../render.js";
import { UsageError } from "../usage.js";

export const update: Command = {
  name: "update",
  summary: "Change a token's name, description, status or default role",
  usage: "update <id> [--name <name>] [--description <text>] [--status active|inactive] [--role <role>]",
  positionals: ["id"],
  options: {
    name: { type: "string" },
    description: { type: "string" },
    status: { type: "string" },
    role: { type: "string" },
  },
  help: [
    "--name <name>          a new name",
    "--description <text>   a new description",
    "--status <status>      active or inactive",
    "--role <role>          default role: admin, edit, collaborate, view or none",
    "(scope and expiry cannot change: rotate the token instead)",
  ],
  examples: [
    "losant-tokens update 5f1e2d3c4b5a69788796a5b4 --status inactive",
    "losant-tokens update 5f1e2d3c4b5a69788796a5b4 --name ci-deploy-2 --description 'GitHub Actions'",
  ],
  async run(context) {
    const { values } = context;
    const tokenId = id(context.positionals[0]!, "<id>");
    const body: ApiTokenPatch = {};
    if (text(values, "name") !== undefined) body.name = name(text(values, "name")!);
    if (text(values, "description") !== undefined) body.description = description(text(values, "description")!);
    if (text(values, "status") !== undefined) body.status = status(text(values, "status")!);
    if (text(values, "role") !== undefined) body.defaultRole = role(text(values, "role")!);
    if (!Object.keys(body).length)
      throw new UsageError("update needs at least one of --name, --description, --status, --role");
    const token = withoutSecret(await context.tokens().update(tokenId, body, context.call));
    await context.print(context.json ? json(token) : tokenFields(token, context));
    return 0;
  },
};
