import { RotationError, type OldTokenState, type Rotation } from "../../resources/rotate.js";
import type { ApiToken } from "../../types.js";
import { id, text } from "../checks.js";
import { checkCreated, MalformedAnswer } from "../answers.js";
import type { Command, Context } from "../context.js";
import { day, expiryOf } from "../durations.js";
import { clean, json, writeFailure } from "../output.js";
import { withoutSecret } from "../render.js";
import { openSecretFile } from "../secrets.js";
import { Interrupted, UsageError } from "../usage.js";
import { refuseGrant } from "./oauth.js";
import { deliverSecret, refuseLostSecret, secretLines, secretOf } from "./secret-out.js";

export const rotate: Command = {
  name: "rotate",
  summary: "Replace a token with a new one like it, then retire the old one",
  usage:
    "rotate <id> [--expires-in <duration> | --expires-at <date>] [--delete-old | --keep-old] [--secret-file <path>]",
  positionals: ["id"],
  options: {
    "expires-in": { type: "string" },
    "expires-at": { type: "string" },
    "delete-old": { type: "boolean" },
    "keep-old": { type: "boolean" },
    "secret-file": { type: "string" },
  },
  help: [
    "--expires-in <duration> the new token's expiry from now: 30d, 12h, 30m or 90s",
    "--expires-at <date>     the new token's expiry as an ISO date",
    "                        (default: the old token's lifetime again, from now; none if it had none)",
    "--delete-old            delete the old token instead of setting it inactive",
    "--keep-old              leave the old token active, to deploy the new secret first; then",
    "                        finish with losant-tokens retire <old id> (a two-phase rotation)",
    "--secret-file <path>    write the new secret into a new file (mode 0600) instead of stdout",
    "The new token gets the old one's name, description, scope, default role and org roles.",
    "The old token is retired only once the new secret is delivered. If it cannot be, the",
    "new token is deleted again and the old one stays active; if a later step fails, the",
    "secret is still delivered; either way the message says which tokens exist and which",
    "are active (exit 1).",
  ],
  examples: [
    "losant-tokens rotate 5f1e2d3c4b5a69788796a5b4",
    "losant-tokens rotate 5f1e2d3c4b5a69788796a5b4 --expires-in 90d --delete-old --secret-file ./ci.token",
    "losant-tokens rotate 5f1e2d3c4b5a69788796a5b4 --json | jq -r .created.token",
    "losant-tokens rotate 5f1e2d3c4b5a69788796a5b4 --keep-old --secret-file ./ci.token",
  ],
  async run(context) {
    const { values } = context;
    const tokenId = id(context.positionals[0]!, "<id>");
    const expirationDate = expiryOf(
      { "expires-in": text(values, "expires-in"), "expires-at": text(values, "expires-at") },
      context.now(),
    );
    const deleteOld = values["delete-old"] === true;
    const keepOld = values["keep-old"] === true;
    if (deleteOld && keepOld) throw new UsageError("--delete-old and --keep-old cannot both be given: choose one");
    const path = text(values, "secret-file");
    refuseLostSecret(context, path);
    const tokens = context.tokens();
    const file = path === undefined ? undefined : await openSecretFile(path);
    const out = new RotationOutput(context, path);
    let problem: unknown;
    // Set by the delivery, which every rotation that resolves has been through.
    let fileFailed: boolean | undefined;
    let done: Rotation | undefined;
    let creating = false;
    try {
      done = await tokens.rotate(
        tokenId,
        {
          deleteOld,
          stopAfterDelivery: keepOld,
          now: context.now,
          ...context.call,
          ...(expirationDate === undefined ? {} : { expirationDate }),
          // The secret goes out before the old token is touched; if it cannot, the library deletes the new token.
          deliver: async (created) => {
            const secret = secretOf(created);
            if (!secret) throw new MalformedAnswer(tokens.names.create, "$.token", "the new token's secret");
            context.secret(secret);
            try {
              checkCreated(created, tokens.names.create);
            } catch (error) {
              problem = error;
            }
            const delivery = await deliverSecret(context, secret, file, path, () => out.head(created, secret));
            fileFailed = delivery.fileFailed;
            // A new token the CLI cannot read is not one to retire the old one for.
            return problem ? "stop" : undefined;
          },
        },
        () => (creating = true),
      );
    } catch (error) {
      if (!(error instanceof RotationError)) {
        // Nothing was created: the secret file is removed, and the error is reported as it is.
        await file?.discard();
        if (context.call.signal?.aborted) {
          throw new Interrupted(
            creating
              ? `interrupted: a new token for ${tokenId} may have been created, and nobody holds its secret; old token ${tokenId} is unchanged; look with losant-tokens list`
              : `interrupted before any change: old token ${tokenId} is unchanged`,
          );
        }
        await refuseGrant(context, tokenId, error, "rotate");
        throw error;
      }
      if (error.step === "deliver") {
        await file?.discard();
        // The library's message says which tokens exist and which are active; the secret went nowhere.
        context.warn(
          error.cause instanceof MalformedAnswer
            ? `${error.cause.message}; ${error.message}`
            : `${error.message.replace(/failed: .*/s, "failed")}: ${writeFailure(error.cause)}`,
        );
        return 1;
      }
      // The secret went out already, as the step that failed came after its delivery.
      await out.finish(error.created, error.old ?? null, error.oldState);
      context.warn(error.message);
      return 1;
    }
    const state: OldTokenState = !done.oldRetired ? "active" : done.oldDeleted ? "deleted" : "inactive";
    await out.finish(done.created, done.old, state);
    if (keepOld && !problem)
      context.note(`Deploy the new secret, then finish with: losant-tokens retire ${tokenId}${retireFlags(context)}`);
    if (problem) {
      context.warn(`old token ${tokenId} is unchanged and active: the new token's answer cannot be relied on`);
      throw problem;
    }
    return fileFailed ? 1 : 0;
  },
};

/**
 * Rotate's output, in two parts: the head (the new token, with its secret when it goes to stdout) is
 * written before the old token is touched, and the tail (the old token and what became of it) after.
 * With --json the two parts make one document: { "created", "old", "oldState" }.
 */
class RotationOutput {
  private headDone = false;
  constructor(
    private readonly context: Context,
    private readonly path: string | undefined,
  ) {}

  /** The head, with `secret` when it goes to stdout, or saying it went into the file. */
  head(created: ApiToken, secret: string | undefined): string {
    this.headDone = true;
    const { context } = this;
    if (context.json) return `{\n  "created": ${indented(secret === undefined ? withoutSecret(created) : created)},\n`;
    const line = `Created token ${clean(created.id)} "${clean(created.name)}" (active, expires ${day(created.expirationDate)}).\n`;
    return (
      line +
      (secret === undefined
        ? `Secret written to ${clean(this.path)} (mode 0600).\n`
        : secretLines(secret, context.colour))
    );
  }

  async finish(created: ApiToken, old: ApiToken | null, state: OldTokenState): Promise<void> {
    const { context } = this;
    const head = this.headDone ? "" : this.head(created, undefined);
    if (context.json) {
      // A deleted token has no status: the one it had before deletion would say it is still active.
      const shownOld =
        old && (state === "deleted" ? (({ status: _gone, ...rest }) => rest)(withoutSecret(old)) : withoutSecret(old));
      await context.print(`${head}  "old": ${indented(shownOld)},\n  "oldState": ${JSON.stringify(state)}\n}\n`);
      return;
    }
    const words = {
      active: "still active",
      inactive: "inactive",
      deleted: "deleted",
      unknown: "in an unknown state (maybe still active)",
    }[state];
    await context.print(`${head}Old token ${clean(old?.id ?? context.positionals[0])} is ${words}.\n`);
  }
}

/** A value as it sits one level into `--json`'s document. */
const indented = (value: unknown): string => json(value).trimEnd().replace(/\n/g, "\n  ");

/** The owner flag the retire command needs, as this rotate was given it. */
const retireFlags = (context: Context): string => {
  const application = text(context.values, "application");
  const instance = text(context.values, "instance");
  return application !== undefined
    ? ` --application ${application}`
    : instance !== undefined
      ? ` --instance ${instance}`
      : "";
};
