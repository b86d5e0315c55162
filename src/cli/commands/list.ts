import type { ApiToken, ApiTokensQuery } from "../../types.js";
import { sortField, status, text } from "../checks.js";
import type { Command } from "../context.js";
import { json } from "../output.js";
import { tokenTable, withoutSecret } from "../render.js";

/** Page size listAll asks for: progress is shown each time a page comes back full. */
const PER_PAGE = 100;

export const list: Command = {
  name: "list",
  summary: "List tokens, every page",
  usage: "list [--filter <glob>] [--status active|inactive] [--sort <field>] [--desc]",
  positionals: [],
  options: { filter: { type: "string" }, status: { type: "string" }, sort: { type: "string" }, desc: { type: "boolean" } },
  help: [
    "--filter <glob>    only names matching the glob (* matches any run of characters)",
    "--status <status>  only active or only inactive tokens",
    "--sort <field>     name (default), status, id, creationDate, lastUpdated or expirationDate",
    "--desc             sort in descending order",
  ],
  examples: ["losant-tokens list", "losant-tokens list --filter 'ci-*' --status active --sort expirationDate", "losant-tokens list --application 5f1e2d3c4b5a69788796a5b4 --json"],
  async run(context) {
    const { values } = context;
    const wanted = text(values, "status") === undefined ? undefined : status(text(values, "status")!);
    const glob = text(values, "filter");
    const query: ApiTokensQuery = { perPage: PER_PAGE, sortDirection: values["desc"] ? "desc" : "asc" };
    if (text(values, "sort") !== undefined) query.sortField = sortField(text(values, "sort")!);
    // The API filters on one field: the name's glob when given, else the status; the status is also checked here.
    if (glob !== undefined) Object.assign(query, { filterField: "name", filter: glob });
    else if (wanted) Object.assign(query, { filterField: "status", filter: wanted });
    const tokens = context.tokens();
    const found: ApiToken[] = [];
    const progress = context.stderr.isTTY === true;
    let read = 0;
    try {
      for await (const token of tokens.listAll(query)) {
        read += 1;
        if (!wanted || token.status === wanted) found.push(withoutSecret(token));
        if (progress && read % PER_PAGE === 0) context.stderr.write(`\rreading tokens… ${read}`);
      }
    } finally {
      if (progress && read >= PER_PAGE) context.stderr.write("\r\x1b[K");
    }
    if (context.json) context.stdout.write(json(found));
    else if (found.length) context.stdout.write(tokenTable(found, context.colour));
    else context.stdout.write("No tokens.\n");
    return 0;
  },
};
