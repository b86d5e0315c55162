import type { ApiToken } from "../../types.js";
import { id } from "../checks.js";
import type { Command } from "../context.js";
import { clean, json } from "../output.js";
import { readAll } from "../read-all.js";
import { askFirst } from "./confirm.js";
import { refuseGrant } from "./oauth.js";

/** When a token was created; one without a date is older than any with one (a date, when there, was checked on reading). */
const time = (token: ApiToken) => (token.creationDate === undefined ? -Infinity : Date.parse(token.creationDate));
/** Whether `a` is newer than `b`: created later, or together with a later id (ids grow with time), as the audit's `superseded` has it. */
const newer = (a: ApiToken, b: ApiToken) =>
  time(a) > time(b) || (time(a) === time(b) && (a.id ?? "").toLowerCase() > (b.id ?? "").toLowerCase());

/** The newest active token of the same owner and name as `old`, newer than it; undefined when there is none. */
function successorOf(old: ApiToken, tokens: readonly ApiToken[]): ApiToken | undefined {
  return tokens
    .filter(
      (token) => token.id !== old.id && token.name === old.name && token.status !== "inactive" && newer(token, old),
    )
    .reduce<ApiToken | undefined>((best, token) => (!best || newer(token, best) ? token : best), undefined);
}

export const retire: Command = {
  name: "retire",
  summary: "Finish a rotation: set the old token inactive, or delete it, once its successor exists",
  usage: "retire <id> [--delete [--yes]] [--force]",
  positionals: ["id"],
  options: { delete: { type: "boolean" }, yes: { type: "boolean", short: "y" }, force: { type: "boolean" } },
  help: [
    "--delete     delete the old token instead of setting it inactive (asks first on a terminal)",
    "--yes, -y    delete without asking (required with --delete unless stdin and stderr are terminals)",
    "--force      retire it even when no newer active token of the same owner and name exists",
    "The second half of a two-phase rotation: rotate <id> --keep-old creates the successor and",
    "delivers its secret; once it is deployed, retire <id> retires the old token. Without --force",
    "it refuses (exit 1, nothing changed) when no newer active token has the old one's name.",
  ],
  examples: [
    "losant-tokens rotate 5f1e2d3c4b5a69788796a5b4 --keep-old --secret-file ./ci.token",
    "losant-tokens retire 5f1e2d3c4b5a69788796a5b4",
    "losant-tokens retire 5f1e2d3c4b5a69788796a5b4 --delete --yes --json",
  ],
  async run(context) {
    const tokenId = id(context.positionals[0]!, "<id>");
    const remove = context.values["delete"] === true;
    const tokens = context.tokens();
    let old: ApiToken;
    try {
      old = await tokens.get(tokenId, context.call);
    } catch (error) {
      await refuseGrant(context, tokenId, error, "retire");
      throw error;
    }
    // The API filters names by glob, in which a name matches itself; the exact name is compared here.
    const named = await readAll(tokens, { filterField: "name", filter: old.name ?? "" }, { call: context.call });
    const successor = successorOf(old, named);
    if (!successor && context.values["force"] !== true) {
      context.warn(
        `not retired: no newer active token named "${clean(old.name)}" exists beside ${tokenId}, so retiring it would leave nothing in its place; ` +
          `create its successor with losant-tokens rotate ${tokenId} --keep-old, or pass --force`,
      );
      return 1;
    }
    let state: "inactive" | "deleted";
    if (remove) {
      const go = await askFirst(
        context,
        "delete",
        async () =>
          `Delete token ${tokenId} "${clean(old.name)}" (${clean(old.status)})? This cannot be undone. [y/N] `,
      );
      if (!go) return 1;
      await tokens.delete(tokenId, context.call);
      state = "deleted";
    } else {
      if (old.status !== "inactive") await tokens.update(tokenId, { status: "inactive" }, context.call);
      state = "inactive";
    }
    if (context.json)
      await context.print(json({ id: tokenId, name: old.name ?? null, state, successor: successor?.id ?? null }));
    else {
      const next = successor
        ? ` Its successor ${clean(successor.id)} is active.`
        : " No newer active token has its name.";
      await context.print(`Retired token ${tokenId} "${clean(old.name)}": ${state}.${next}\n`);
    }
    return 0;
  },
};
