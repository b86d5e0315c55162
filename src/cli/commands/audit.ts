import type { AuditEntry, AuditPolicy, AuditResult } from "../../audit/index.js";
import { limit, text } from "../checks.js";
import type { Command, Context } from "../context.js";
import { day, parseDuration } from "../durations.js";
import { json, table, type Cell } from "../output.js";
import { budget, CONCURRENCY, MAX_TOKENS, readAll } from "../read-all.js";
import { readPolicyFile } from "../secrets.js";
import { UsageError } from "../usage.js";
import { progressOf } from "./list.js";

const FORMATS = ["table", "markdown"] as const;

export const audit: Command = {
  name: "audit",
  summary: "Report what a security review asks of each token",
  usage:
    "audit [--all] [--within <duration>] [--max-age <duration>] [--policy <file>] [--strict | --limit <n>] [--format table|markdown] [--wide]",
  positionals: [],
  options: {
    all: { type: "boolean" },
    within: { type: "string" },
    "max-age": { type: "string" },
    policy: { type: "string" },
    strict: { type: "boolean" },
    limit: { type: "string" },
    format: { type: "string" },
    wide: { type: "boolean" },
  },
  help: [
    "--all                every token your token can see: your own tokens and OAuth grants, then",
    `                     every application's and every instance's tokens (${CONCURRENCY} requests at a time)`,
    '--within <duration>  the horizon of "expiring": 30d, 12h, 30m or 90s (default 30d)',
    '--max-age <duration> flag tokens created longer ago than this as "old"',
    "--policy <file>      a JSON policy: maxAge, maxLifetime, requireExpiry, forbiddenScopes, within,",
    "                     exceptions (durations as 90d); a flag given here wins over the file",
    "--strict             exit 1 when any token has a finding, or (with --all) an owner was not",
    "                     visible (it must see every token: no --limit)",
    `--limit <n>          audit at most n tokens (1 to ${MAX_TOKENS}); not with --all`,
    "--format <format>    table (default) or markdown, a table for a CI job's summary",
    "--wide               cut nothing to the terminal's width",
    "Findings: expired (past its expiry, still active), expiring (within the horizon), no-expiry,",
    "long-lived, old, broad-scope (an all.* scope), pending (an OAuth grant never authorized),",
    "superseded (a newer active token has its owner and name), inactive, exception-lapsed.",
  ],
  examples: [
    "losant-tokens audit",
    "losant-tokens audit --within 7d --strict",
    "losant-tokens audit --all --max-age 90d --json",
    'losant-tokens audit --all --strict --policy audit-policy.json --format markdown >> "$GITHUB_STEP_SUMMARY"',
    "losant-tokens audit --json | jq '.[] | select(.findings | index(\"expired\"))'",
  ],
  async run(context) {
    const { values } = context;
    const all = values["all"] === true;
    const most = limit(text(values, "limit"), MAX_TOKENS);
    // A gate that saw only some tokens would pass on the ones it never read.
    if (most !== undefined && values["strict"])
      throw new UsageError("--limit cannot be given with --strict: a gate must see every token");
    if (most !== undefined && all)
      throw new UsageError("--limit cannot be given with --all: --all reads every token it can see");
    if (all && context.ownerGiven)
      throw new UsageError("--all cannot be given with --application or --instance: --all reads every owner");
    const format = text(values, "format") ?? "table";
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format ${JSON.stringify(format)} is not one of ${FORMATS.join(", ")}`);
    if (format === "markdown" && context.json)
      throw new UsageError("--format markdown cannot be given with --json: choose one");
    // The library's audit, the sweep and the Markdown load when an audit runs, not with the tool's --help.
    const [{ auditTokens }, { policyFromFile }, { sweep }, { markdownCell, markdownTable }] = await Promise.all([
      import("../../audit/index.js"),
      import("../audit-policy.js"),
      import("../sweep.js"),
      import("../markdown.js"),
    ]);
    const policy = await policyOf(context, policyFromFile);
    const now = context.now();
    let entries: AuditEntry[];
    let hidden: string[] = [];
    try {
      if (all) {
        ({ entries, hidden } = await sweep(context.reach(), {
          call: context.call,
          budget: budget("audit the owners one by one, with --application or --instance"),
          progress: (done, total) => context.progress(`reading owners… ${done} of ${total}`),
        }));
      } else {
        const tokens = context.tokens();
        const found = await readAll(tokens, {}, { limit: most, progress: progressOf(context), call: context.call });
        entries = found.map((token) => ({
          kind: "api",
          owner: { type: tokens.owner.type, id: tokens.owner.id ?? token.ownerId ?? "me", name: null },
          token,
        }));
      }
    } finally {
      context.progress("");
    }
    for (const line of hidden) context.warn(line);
    const results = auditTokens(entries, policy, now);
    const flagged = results.filter((result) => result.findings.length).length;
    if (context.json) await context.print(json(results));
    else if (format === "markdown")
      await context.print(markdown(results, entries, hidden, flagged, { markdownCell, markdownTable }));
    else if (results.length) await context.print(peopleTable(results, entries, all, context));
    else await context.print("No tokens.\n");
    if (!context.json && results.length)
      context.note(`${flagged} of ${results.length} ${results.length === 1 ? "token has" : "tokens have"} findings.`);
    if (values["strict"] && hidden.length)
      context.warn(
        `--strict: ${hidden.length} ${hidden.length === 1 ? "owner was" : "owners were"} not visible, so the gate fails`,
      );
    return values["strict"] && (flagged || hidden.length) ? 1 : 0;
  },
};

/** The policy: the file's, with --within and --max-age winning over it; the defaults for what neither gives. */
async function policyOf(
  context: Context,
  policyFromFile: (text: string, path: string) => AuditPolicy,
): Promise<AuditPolicy> {
  const path = text(context.values, "policy");
  const policy: AuditPolicy = path === undefined ? {} : { ...policyFromFile(await readPolicyFile(path), path) };
  const within = text(context.values, "within");
  if (within !== undefined) policy.within = parseDuration(within, "--within");
  const maxAge = text(context.values, "max-age");
  if (maxAge !== undefined) policy.maxAge = parseDuration(maxAge, "--max-age");
  return policy;
}

/** An owner as a table shows it: its kind, and its name or id. */
const ownerCell = (result: AuditResult): string =>
  result.owner.type === "user" ? "user" : `${result.owner.type} ${result.owner.name ?? result.owner.id}`;

/**
 * A token's name as the tables show it; an OAuth grant's with its client's name, which the client chose.
 * Results come in the order of the entries: `entry` is the result's own.
 */
function nameCell(result: AuditResult, entry: AuditEntry | undefined): string {
  const client = entry?.kind === "oauth" ? entry.token.oauth?.client_name : undefined;
  return client === undefined ? (result.name ?? "") : `${result.name ?? ""} (client: ${client})`;
}

/** The audit for people: with --all, whose token each is and of which kind. */
function peopleTable(
  results: readonly AuditResult[],
  entries: readonly AuditEntry[],
  all: boolean,
  context: Context,
): string {
  const cells = results.map((result, i) => {
    const row: Cell[] = [
      result.id || "?",
      nameCell(result, entries[i]),
      { text: result.status ?? "?", colour: result.status === "inactive" ? "yellow" : "green" },
      day(result.expirationDate ?? undefined),
      result.findings.length ? { text: result.findings.join(","), colour: "red" } : "-",
    ];
    return all ? [ownerCell(result), result.kind, ...row] : row;
  });
  const header = ["ID", "NAME", "STATUS", "EXPIRES", "FINDINGS"];
  // Ids, kinds, statuses, dates and findings are never cut: names and owners are.
  return all
    ? table(["OWNER", "KIND", ...header], cells, context.colour, { width: context.width, keep: [1, 2, 4, 5, 6] })
    : table(header, cells, context.colour, { width: context.width, keep: [0, 2, 3, 4] });
}

/** The audit as Markdown for a CI job's summary: a heading, the count, the table, and the owners not seen. */
function markdown(
  results: readonly AuditResult[],
  entries: readonly AuditEntry[],
  hidden: readonly string[],
  flagged: number,
  { markdownCell, markdownTable }: typeof import("../markdown.js"),
): string {
  const rows = results.map((result, i) => [
    ownerCell(result),
    result.kind,
    result.id,
    nameCell(result, entries[i]),
    result.status ?? "",
    day(result.expirationDate ?? undefined),
    result.findings.join(", ") || "-",
  ]);
  const count = `${flagged} of ${results.length} ${results.length === 1 ? "token has" : "tokens have"} findings.`;
  const body = results.length
    ? markdownTable(["Owner", "Kind", "ID", "Name", "Status", "Expires", "Findings"], rows)
    : "No tokens.\n";
  const notSeen = hidden.map((line) => `- Not audited: ${markdownCell(line)}`);
  return `### Losant token audit\n\n**${count}**\n\n${body}${notSeen.length ? `\n${notSeen.join("\n")}\n` : ""}`;
}
