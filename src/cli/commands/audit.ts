import type { ApiToken } from "../../types.js";
import type { Finding } from "../audit-policy.js";
import { limit, text } from "../checks.js";
import type { Command } from "../context.js";
import { day, parseDuration } from "../durations.js";
import { json, table } from "../output.js";
import { MAX_TOKENS, readAll } from "../read-all.js";
import { statusCell } from "../render.js";
import { UsageError } from "../usage.js";
import { progressOf } from "./list.js";

export const audit: Command = {
  name: "audit",
  summary: "Report what a security review asks of each token",
  usage: "audit [--within <duration>] [--strict | --limit <n>] [--wide]",
  positionals: [],
  options: {
    within: { type: "string" },
    strict: { type: "boolean" },
    limit: { type: "string" },
    wide: { type: "boolean" },
  },
  help: [
    '--within <duration>  the horizon of "expiring": 30d, 12h, 30m or 90s (default 30d)',
    "--strict             exit 1 when any token has a finding (it must see every token: no --limit)",
    `--limit <n>          audit at most n tokens (1 to ${MAX_TOKENS})`,
    "--wide               cut nothing to the terminal's width",
    "Findings: expired (past its expiry, still active), expiring (within the horizon),",
    "no-expiry, broad-scope (an all.* scope), inactive.",
  ],
  examples: [
    "losant-tokens audit",
    "losant-tokens audit --within 7d --strict",
    "losant-tokens audit --json | jq '.[] | select(.findings | index(\"expired\"))'",
  ],
  async run(context) {
    const within = parseDuration(text(context.values, "within") ?? "30d", "--within");
    const most = limit(text(context.values, "limit"), MAX_TOKENS);
    // A gate that saw only some tokens would pass on the ones it never read.
    if (most !== undefined && context.values["strict"])
      throw new UsageError("--limit cannot be given with --strict: a gate must see every token");
    const now = context.now();
    // The library's audit loads when an audit runs, not with the tool's --help.
    const { findingsOf } = await import("../audit-policy.js");
    let tokens: ApiToken[];
    try {
      tokens = await readAll(context.tokens(), {}, { limit: most, progress: progressOf(context), call: context.call });
    } finally {
      context.progress("");
    }
    const rows: { id: string; name: string; findings: Finding[] }[] = [];
    const cells = [];
    for (const token of tokens) {
      const findings = findingsOf(token, now, within);
      rows.push({ id: token.id ?? "", name: token.name ?? "", findings });
      cells.push([
        token.id ?? "?",
        token.name ?? "",
        statusCell(token),
        day(token.expirationDate),
        findings.length ? { text: findings.join(","), colour: "red" as const } : "-",
      ]);
    }
    if (context.json) await context.print(json(rows));
    else if (rows.length)
      await context.print(
        table(["ID", "NAME", "STATUS", "EXPIRES", "FINDINGS"], cells, context.colour, {
          width: context.width,
          keep: [0, 2, 3, 4],
        }),
      );
    else await context.print("No tokens.\n");
    const flagged = rows.filter((row) => row.findings.length).length;
    if (!context.json && rows.length)
      context.note(`${flagged} of ${rows.length} ${rows.length === 1 ? "token has" : "tokens have"} findings.`);
    return context.values["strict"] && flagged ? 1 : 0;
  },
};
