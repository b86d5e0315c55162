import type { ApiToken, ApiTokensQuery } from "../../types.js";
import { limit, sortField, status, text } from "../checks.js";
import type { Command, Context } from "../context.js";
import { json } from "../output.js";
import { MAX_TOKENS, readAll } from "../read-all.js";
import { tokenTable, withoutSecret } from "../render.js";

/** Progress as "n of total" on a terminal's stderr, or n alone when the API gives no total. */
export const progressOf = (context: Context) => (read: number, total: number | undefined) => {
  if (total === undefined ? read >= 100 : total > 100)
    context.progress(`reading tokens… ${read}${total === undefined ? "" : ` of ${total}`}`);
};

export const list: Command = {
  name: "list",
  summary: "List tokens, every page",
  usage: "list [--filter <glob>] [--status active|inactive] [--sort <field>] [--desc] [--limit <n>] [--wide]",
  positionals: [],
  options: {
    filter: { type: "string" },
    status: { type: "string" },
    sort: { type: "string" },
    desc: { type: "boolean" },
    limit: { type: "string" },
    wide: { type: "boolean" },
  },
  help: [
    "--filter <glob>    only names matching the glob (* matches any run of characters)",
    "--status <status>  only active or only inactive tokens",
    "--sort <field>     name (default), status, id, creationDate, lastUpdated or expirationDate",
    "--desc             sort in descending order",
    `--limit <n>        at most n tokens (1 to ${MAX_TOKENS}); without it every token, up to ${MAX_TOKENS}`,
    "--wide             show every scope and cut nothing to the terminal's width",
  ],
  examples: [
    "losant-tokens list",
    "losant-tokens list --filter 'ci-*' --status active --sort expirationDate",
    "losant-tokens list --sort lastUpdated --desc --limit 10",
    "losant-tokens list --application 5f1e2d3c4b5a69788796a5b4 --json",
  ],
  async run(context) {
    const { values } = context;
    const wanted = text(values, "status") === undefined ? undefined : status(text(values, "status")!);
    const glob = text(values, "filter");
    const most = limit(text(values, "limit"), MAX_TOKENS);
    const query: ApiTokensQuery = { sortDirection: values["desc"] ? "desc" : "asc" };
    if (text(values, "sort") !== undefined) query.sortField = sortField(text(values, "sort")!);
    // The API filters on one field: the name's glob when given, else the status; the status is also checked here.
    if (glob !== undefined) Object.assign(query, { filterField: "name", filter: glob });
    else if (wanted) Object.assign(query, { filterField: "status", filter: wanted });
    let found: ApiToken[];
    try {
      found = await readAll(context.tokens(), query, {
        limit: most,
        keep: (token) => !wanted || token.status === wanted,
        progress: progressOf(context),
        call: context.call,
      });
    } finally {
      context.progress("");
    }
    const shown = found.map(withoutSecret);
    if (context.json) await context.print(json(shown));
    else if (shown.length) await context.print(tokenTable(shown, context));
    else await context.print("No tokens.\n");
    return 0;
  },
};
