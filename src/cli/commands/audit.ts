import { findingsOf, type Finding } from "../audit-policy.js";
import { text } from "../checks.js";
import type { Command } from "../context.js";
import { day, parseDuration } from "../durations.js";
import { json, table } from "../output.js";
import { statusCell } from "../render.js";

export const audit: Command = {
  name: "audit",
  summary: "Report what a security review asks of each token",
  usage: "audit [--within <duration>] [--strict]",
  positionals: [],
  options: { within: { type: "string" }, strict: { type: "boolean" } },
  help: [
    "--within <duration>  the horizon of \"expiring\" (default 30d)",
    "--strict             exit 1 when any token has a finding",
    "Findings: expired (past its expiry, still active), expiring (within the horizon),",
    "no-expiry, broad-scope (an all.* scope), inactive.",
  ],
  examples: ["losant-tokens audit", "losant-tokens audit --within 7d --strict", "losant-tokens audit --json | jq '.[] | select(.findings | index(\"expired\"))'"],
  async run(context) {
    const within = parseDuration(text(context.values, "within") ?? "30d", "--within");
    const now = context.now();
    const rows: { id: string; name: string; findings: Finding[] }[] = [];
    const cells = [];
    for await (const token of context.tokens().listAll({})) {
      const findings = findingsOf(token, now, within);
      rows.push({ id: token.id ?? "", name: token.name ?? "", findings });
      cells.push([token.id ?? "?", token.name ?? "", statusCell(token), day(token.expirationDate), findings.length ? { text: findings.join(","), colour: "red" as const } : "-"]);
    }
    if (context.json) context.stdout.write(json(rows));
    else if (rows.length) context.stdout.write(table(["ID", "NAME", "STATUS", "EXPIRES", "FINDINGS"], cells, context.colour));
    else context.stdout.write("No tokens.\n");
    const flagged = rows.filter((row) => row.findings.length).length;
    if (!context.json && rows.length) context.stderr.write(`${flagged} of ${rows.length} tokens with findings.\n`);
    return context.values["strict"] && flagged ? 1 : 0;
  },
};
