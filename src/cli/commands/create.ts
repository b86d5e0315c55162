import type { ApiTokenPost } from "../../types.js";
import { description, name, role, text } from "../checks.js";
import type { Command } from "../context.js";
import { expiryOf } from "../durations.js";
import { json } from "../output.js";
import { tokenFields, withoutSecret } from "../render.js";
import { checkScopes } from "../scopes.js";
import { openSecretFile } from "../secrets.js";
import { UsageError } from "../usage.js";
import { deliverSecret, secretLines } from "./secret-out.js";

export const create: Command = {
  name: "create",
  summary: "Create a token and print its secret",
  usage: "create --name <name> [--scope <scope>]… [--description <text>] [--role <role>] [--expires-in <duration> | --expires-at <date>] [--secret-file <path>]",
  positionals: [],
  options: {
    name: { type: "string" },
    scope: { type: "string", multiple: true },
    description: { type: "string" },
    role: { type: "string" },
    "expires-in": { type: "string" },
    "expires-at": { type: "string" },
    "secret-file": { type: "string" },
  },
  help: [
    "--name <name>           the token's name (required)",
    "--scope <scope>         a scope from Losant's list, such as all.Application or devices.get; repeat for more",
    "--description <text>    what the token is for",
    "--role <role>           default role: admin, edit, collaborate, view or none",
    "--expires-in <duration> expiry from now: 30d, 12h or 90m",
    "--expires-at <date>     expiry as an ISO date: 2027-01-31 or 2027-01-31T12:00:00Z",
    "--secret-file <path>    write the secret into a new file (mode 0600) instead of stdout",
  ],
  examples: [
    "losant-tokens create --name ci-deploy --scope all.Application --expires-in 90d",
    "losant-tokens create --name reader --scope devices.get --scope data.* --secret-file ./reader.token",
    "losant-tokens create --name ci --scope all.Application --json | jq -r .token",
  ],
  async run(context) {
    const { values } = context;
    const given = text(values, "name");
    if (given === undefined) throw new UsageError("create needs --name <name>");
    const body: ApiTokenPost = { name: name(given) };
    const scopes = values["scope"];
    if (Array.isArray(scopes)) body.scope = checkScopes(scopes);
    if (text(values, "description") !== undefined) body.description = description(text(values, "description")!);
    if (text(values, "role") !== undefined) body.defaultRole = role(text(values, "role")!);
    const expirationDate = expiryOf({ "expires-in": text(values, "expires-in"), "expires-at": text(values, "expires-at") }, context.now());
    if (expirationDate !== undefined) body.expirationDate = expirationDate;
    const path = text(values, "secret-file");
    const tokens = context.tokens();
    const file = path === undefined ? undefined : await openSecretFile(path);
    let created;
    try {
      created = await tokens.create(body);
    } catch (error) {
      await file?.discard();
      throw error;
    }
    if (created.token) context.secret(created.token);
    const { onStdout, failed } = await deliverSecret(context, created, file, path);
    if (context.json) context.stdout.write(json(onStdout ? created : withoutSecret(created)));
    else {
      context.stdout.write(tokenFields(withoutSecret(created), context.colour));
      context.stdout.write(onStdout ? secretLines(created.token ?? "", context.colour) : `Secret written to ${path} (mode 0600).\n`);
    }
    return failed ? 1 : 0;
  },
};
