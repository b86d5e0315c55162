import type { ApiTokenPost } from "../../types.js";
import { description, name, role, text } from "../checks.js";
import type { ApiToken } from "../../types.js";
import { checkCreated, MalformedAnswer } from "../answers.js";
import type { Command, Context } from "../context.js";
import { expiryOf } from "../durations.js";
import { clean, json, writeFailure } from "../output.js";
import { tokenFields, withoutSecret } from "../render.js";
import { checkScopes } from "../scopes.js";
import { openSecretFile, type SecretFile } from "../secrets.js";
import { Interrupted, shown, UsageError } from "../usage.js";
import { deliverSecret, refuseLostSecret, dropUnheld, idOf, secretLines, secretOf } from "./secret-out.js";

export const create: Command = {
  name: "create",
  summary: "Create a token and print its secret",
  usage:
    "create --name <name> [--scope <scope>]… [--description <text>] [--role <role>] [--expires-in <duration> | --expires-at <date>] [--secret-file <path>]",
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
    "--expires-in <duration> expiry from now: 30d, 12h, 30m or 90s",
    "--expires-at <date>     expiry as an ISO date: 2027-01-31 or 2027-01-31T12:00:00Z",
    "--secret-file <path>    write the secret into a new file (mode 0600) instead of stdout",
  ],
  examples: [
    "losant-tokens create --name ci-deploy --scope all.Application --expires-in 90d",
    "losant-tokens create --name reader --scope devices.get --scope 'data.*' --secret-file ./reader.token",
    "losant-tokens create --name ci --scope all.Application --json | jq -r .token",
  ],
  async run(context) {
    const { values } = context;
    const given = text(values, "name");
    if (given === undefined) throw new UsageError("create needs --name <name>");
    const body: ApiTokenPost = { name: name(given) };
    const scopes = values["scope"];
    if (Array.isArray(scopes)) body.scope = await checkScopes(scopes);
    if (text(values, "description") !== undefined) body.description = description(text(values, "description")!);
    if (text(values, "role") !== undefined) body.defaultRole = role(text(values, "role")!);
    const expirationDate = expiryOf(
      { "expires-in": text(values, "expires-in"), "expires-at": text(values, "expires-at") },
      context.now(),
    );
    if (expirationDate !== undefined) body.expirationDate = expirationDate;
    const path = text(values, "secret-file");
    refuseLostSecret(context, path);
    const tokens = context.tokens();
    const file = path === undefined ? undefined : await openSecretFile(path);
    let answer: unknown;
    try {
      answer = await tokens.create(body, context.call);
    } catch (error) {
      await file?.discard();
      if (context.call.signal?.aborted) {
        throw new Interrupted(
          `interrupted: a token named ${shown(body.name)} may have been created, and nobody holds its secret; look with losant-tokens list and delete it`,
        );
      }
      throw error;
    }
    return handOverCreated(context, answer, file, path);
  },
};

/**
 * Delivers a new token's secret before anything else, even from an answer that fails the CLI's check;
 * a token whose secret cannot be delivered is deleted again. Resolves with the exit code.
 */
async function handOverCreated(
  context: Context,
  answer: unknown,
  file: SecretFile | undefined,
  path: string | undefined,
): Promise<number> {
  const operation = context.tokens().names.create;
  const secret = secretOf(answer);
  if (secret) context.secret(secret);
  let problem: unknown;
  try {
    checkCreated(answer, operation);
  } catch (error) {
    problem = error;
  }
  if (!secret) {
    await file?.discard();
    context.warn(await dropUnheld(context, idOf(answer)));
    throw new MalformedAnswer(operation, "$.token", "the new token's secret");
  }
  const created = answer as ApiToken;
  // What stdout carries: the token and its secret, unless the secret went into the file.
  const page = (withSecret: boolean) => {
    if (context.json) return json(withSecret ? created : withoutSecret(created));
    const details = problem ? "" : tokenFields(withoutSecret(created), context);
    return details + (withSecret ? secretLines(secret, context.colour) : "");
  };
  let delivery: Awaited<ReturnType<typeof deliverSecret>>;
  try {
    delivery = await deliverSecret(context, secret, file, path, () => page(true));
  } catch (error) {
    context.warn(
      `the new secret could not be written to stdout: ${writeFailure(error)}; ${await dropUnheld(context, idOf(answer))}`,
    );
    return 1;
  }
  if (delivery.to === "file") {
    await context.print(page(false) + (context.json ? "" : `Secret written to ${clean(path)} (mode 0600).\n`));
  }
  if (problem) throw problem;
  return delivery.fileFailed ? 1 : 0;
}
