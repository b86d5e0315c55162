import { RotationError, type Rotation } from "../../resources/rotate.js";
import type { ApiToken } from "../../types.js";
import { id, text } from "../checks.js";
import type { Command } from "../context.js";
import { day, expiryOf } from "../durations.js";
import { json } from "../output.js";
import { withoutSecret } from "../render.js";
import { openSecretFile } from "../secrets.js";
import { deliverSecret, secretLines } from "./secret-out.js";

export const rotate: Command = {
  name: "rotate",
  summary: "Replace a token with a new one like it, then retire the old one",
  usage: "rotate <id> [--expires-in <duration> | --expires-at <date>] [--delete-old] [--secret-file <path>]",
  positionals: ["id"],
  options: { "expires-in": { type: "string" }, "expires-at": { type: "string" }, "delete-old": { type: "boolean" }, "secret-file": { type: "string" } },
  help: [
    "--expires-in <duration> the new token's expiry from now: 30d, 12h or 90m",
    "--expires-at <date>     the new token's expiry as an ISO date",
    "                        (default: the old token's lifetime again, from now; none if it had none)",
    "--delete-old            delete the old token instead of setting it inactive",
    "--secret-file <path>    write the new secret into a new file (mode 0600) instead of stdout",
    "The new token gets the old one's name, description, scope, default role and org roles.",
    "If a step fails after the new token exists, the secret is still delivered and the",
    "message says which tokens exist and which are active (exit 1).",
  ],
  examples: [
    "losant-tokens rotate 5f1e2d3c4b5a69788796a5b4",
    "losant-tokens rotate 5f1e2d3c4b5a69788796a5b4 --expires-in 90d --delete-old --secret-file ./ci.token",
    "losant-tokens rotate 5f1e2d3c4b5a69788796a5b4 --json | jq -r .created.token",
  ],
  async run(context) {
    const { values } = context;
    const tokenId = id(context.positionals[0]!, "<id>");
    const expirationDate = expiryOf({ "expires-in": text(values, "expires-in"), "expires-at": text(values, "expires-at") }, context.now());
    const deleteOld = values["delete-old"] === true;
    const path = text(values, "secret-file");
    const tokens = context.tokens();
    const file = path === undefined ? undefined : await openSecretFile(path);
    let done: Rotation | undefined;
    let broken: RotationError | undefined;
    try {
      done = await tokens.rotate(tokenId, { deleteOld, now: context.now, ...(expirationDate === undefined ? {} : { expirationDate }) });
    } catch (error) {
      if (!(error instanceof RotationError)) {
        // Nothing was created: the secret file is removed, and the error is reported as it is.
        await file?.discard();
        throw error;
      }
      broken = error;
    }
    const created: ApiToken = done ? done.created : { ...broken!.created, token: broken!.secret };
    if (created.token) context.secret(created.token);
    const old: ApiToken | null = done ? done.old : (broken!.old ?? null);
    const { onStdout, failed } = await deliverSecret(context, created, file, path);
    if (context.json) context.stdout.write(json({ created: onStdout ? created : withoutSecret(created), old: old && withoutSecret(old) }));
    else {
      const oldState = done ? (done.oldDeleted ? "deleted" : "inactive") : broken!.oldState === "unknown" ? "in an unknown state (maybe still active)" : broken!.oldState;
      context.stdout.write(`Created token ${created.id} "${created.name ?? ""}" (active, expires ${day(created.expirationDate)}).\nOld token ${tokenId} is ${oldState}.\n`);
      context.stdout.write(onStdout ? secretLines(created.token ?? "", context.colour) : `Secret written to ${path} (mode 0600).\n`);
    }
    if (broken) context.warn(broken.message);
    return broken || failed ? 1 : 0;
  },
};
