import type { OauthToken } from "../../types.js";
import { checkOauth } from "../answers.js";
import { id, limit, text } from "../checks.js";
import type { Command, Context } from "../context.js";
import { day } from "../durations.js";
import { clean, fields, json, table, type Cell } from "../output.js";
import { MAX_TOKENS, readPages } from "../read-all.js";
import { scopeCell } from "../render.js";
import { UsageError } from "../usage.js";
import { askFirst } from "./confirm.js";
import { progressOf } from "./list.js";

/** OAuth grants are the user's own: another owner's flag is a mistake. */
function refuseOwner(context: Context): void {
  if (context.ownerGiven)
    throw new UsageError("OAuth grants belong to you: --application and --instance do not apply to oauth commands");
}

const status = (grant: OauthToken): Cell => ({
  text: grant.status ?? "?",
  colour: grant.status === "inactive" ? "yellow" : "green",
});
const authorization = (grant: OauthToken): Cell => {
  const state = grant.oauth?.authorizationStatus;
  return { text: state ?? "?", colour: state === "pending" ? "yellow" : "green" };
};

const list: Command = {
  name: "oauth list",
  summary: "List the OAuth grants you gave clients, every page",
  usage: "oauth list [--limit <n>] [--wide]",
  positionals: [],
  options: { limit: { type: "string" }, wide: { type: "boolean" } },
  help: [
    `--limit <n>   at most n grants (1 to ${MAX_TOKENS})`,
    "--wide        show every scope and cut nothing to the terminal's width",
  ],
  examples: [
    "losant-tokens oauth list",
    "losant-tokens oauth list --json | jq -r '.[] | select(.oauth.authorizationStatus == \"pending\") | .id'",
  ],
  async run(context) {
    refuseOwner(context);
    const most = limit(text(context.values, "limit"), MAX_TOKENS);
    const oauth = context.reach().oauth;
    let grants: OauthToken[];
    try {
      grants = await readPages(
        {
          operation: oauth.names.list,
          page: (query, call) => oauth.page(query, call),
          kind: { check: checkOauth, noun: "OAuth grants" },
        },
        { limit: most, progress: progressOf(context), call: context.call },
      );
    } finally {
      context.progress("");
    }
    if (context.json) await context.print(json(grants));
    else if (!grants.length) await context.print("No OAuth grants.\n");
    else {
      const rows = grants.map((grant): Cell[] => [
        grant.id ?? "?",
        grant.name ?? "",
        grant.oauth?.client_name ?? grant.oauth?.client_id ?? "?",
        status(grant),
        authorization(grant),
        day(grant.expirationDate),
        scopeCell(grant, context.wide),
      ]);
      const header = ["ID", "NAME", "CLIENT", "STATUS", "AUTHORIZATION", "EXPIRES", "SCOPE"];
      await context.print(table(header, rows, context.colour, { width: context.width, keep: [0, 3, 4, 5] }));
    }
    return 0;
  },
};

const get: Command = {
  name: "oauth get",
  summary: "Show one OAuth grant",
  usage: "oauth get <id>",
  positionals: ["id"],
  options: { wide: { type: "boolean" } },
  help: ["--wide   show every scope and cut nothing to the terminal's width"],
  examples: [
    "losant-tokens oauth get 575ec7417ae143cd83dc4a96",
    "losant-tokens oauth get 575ec7417ae143cd83dc4a96 --json",
  ],
  async run(context) {
    refuseOwner(context);
    const grant = await context.reach().oauth.get(id(context.positionals[0]!, "<id>"), context.call);
    if (context.json) {
      await context.print(json(grant));
      return 0;
    }
    const pairs: [string, Cell][] = [
      ["id", grant.id ?? "?"],
      ["name", grant.name ?? ""],
      ["status", status(grant)],
      ["client", grant.oauth?.client_name ?? "-"],
      ["client id", grant.oauth?.client_id ?? "-"],
      ["redirect uri", grant.oauth?.redirect_uri ?? "-"],
      ["resource", grant.oauth?.resource?.join(",") || "-"],
      ["authorization", authorization(grant)],
      ["scope", scopeCell(grant, context.wide)],
      ["created", day(grant.creationDate)],
      ["updated", day(grant.lastUpdated)],
      ["expires", day(grant.expirationDate)],
    ];
    await context.print(fields(pairs, context.colour, context.width));
    return 0;
  },
};

const revoke: Command = {
  name: "oauth revoke",
  summary: "Revoke an OAuth grant: delete it (asks first on a terminal)",
  usage: "oauth revoke <id> [--yes]",
  positionals: ["id"],
  options: { yes: { type: "boolean", short: "y" } },
  help: ["--yes, -y   revoke without asking (required unless stdin and stderr are both terminals)"],
  examples: [
    "losant-tokens oauth revoke 575ec7417ae143cd83dc4a96",
    "losant-tokens oauth revoke 575ec7417ae143cd83dc4a96 --yes --json",
  ],
  async run(context) {
    refuseOwner(context);
    const grantId = id(context.positionals[0]!, "<id>");
    const oauth = context.reach().oauth;
    const asked = await askFirst(context, "revoke", async () => {
      const grant = await oauth.get(grantId, context.call);
      const client = grant.oauth?.client_name === undefined ? "" : ` of client "${clean(grant.oauth.client_name)}"`;
      return `Revoke OAuth grant ${grantId} "${clean(grant.name)}"${client}? The client loses its access; this cannot be undone. [y/N] `;
    });
    if (!asked) return 1;
    await oauth.delete(grantId, context.call);
    await context.print(context.json ? json({ id: grantId, deleted: true }) : `Revoked OAuth grant ${grantId}.\n`);
    return 0;
  },
};

/** `oauth rotate` and `oauth retire`, named only to say why they do not exist. */
const noSecret = (verb: "rotate" | "retire"): Command => ({
  name: `oauth ${verb}`,
  summary: `(refused: an OAuth grant has no secret to ${verb})`,
  usage: `oauth ${verb} <id>`,
  positionals: ["id"],
  hidden: true,
  offline: true,
  options: {},
  help: [],
  examples: ["losant-tokens oauth revoke 575ec7417ae143cd83dc4a96"],
  async run() {
    throw new UsageError(
      `an OAuth grant has no secret, so there is nothing to ${verb}: revoke it with losant-tokens oauth revoke <id>, and authorize the client again`,
    );
  },
});

export const oauth: Command = {
  name: "oauth",
  summary: "List, show and revoke the OAuth grants you gave clients",
  usage: "oauth list | get <id> | revoke <id>",
  // Stryker disable next-line ArrayDeclaration: the parser hands a group over only for its --help, which skips the positional check
  positionals: [],
  options: {},
  help: [
    "list          every grant: its client, status, authorization (pending or authorized), expiry, scope",
    "get <id>      one grant, with its client's id, redirect URI and resource audiences",
    "revoke <id>   delete the grant, after asking (--yes to skip); the client loses its access",
    "A grant has no secret: rotate and retire do not apply to one (a usage error).",
  ],
  examples: [
    "losant-tokens oauth list",
    "losant-tokens oauth get 575ec7417ae143cd83dc4a96 --json",
    "losant-tokens oauth revoke 575ec7417ae143cd83dc4a96 --yes",
  ],
  subcommands: [list, get, revoke, noSecret("rotate"), noSecret("retire")],
  async run() {
    // Stryker disable next-line StringLiteral: never called, as the parser refuses a group without a subcommand in its own words
    throw new UsageError("oauth needs a subcommand: list, get or revoke");
  },
};

/**
 * After a 404 on the user's token `tokenId`: when it is one of the user's OAuth grants instead, a usage
 * error that says a grant has no secret to `verb`. Anything else (another owner, no such grant, a failed
 * read) leaves the 404 as it was.
 */
export async function refuseGrant(
  context: Context,
  tokenId: string,
  error: unknown,
  verb: "rotate" | "retire",
): Promise<void> {
  if ((error as { status?: unknown } | null)?.status !== 404 || context.ownerGiven) return;
  // Any failure to read it as a grant leaves the 404 as it was.
  const grant = await context
    .reach()
    .oauth.get(tokenId, context.call)
    .catch(() => undefined);
  if (grant)
    throw new UsageError(
      `${tokenId} is an OAuth grant, and a grant has no secret, so there is nothing to ${verb}: revoke it with losant-tokens oauth revoke ${tokenId}`,
    );
}
