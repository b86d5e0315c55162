import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  auditTokens,
  FINDINGS,
  validatePolicy,
  type AuditEntry,
  type AuditPolicy,
  type Finding,
} from "../src/index.js";

const NOW = new Date("2026-06-01T00:00:00.000Z");
const DAY = 24 * 60 * 60 * 1000;
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();
const USER = { type: "user", id: "575ed70c7ae143cd83dc4aa9", name: null } as const;
const APP = { type: "application", id: "575ec8687ae143cd83dc4a97", name: "Factory" } as const;

/** A healthy API token of the user: active, expires in 90 days, created 10 days ago, a narrow scope. */
const api = (fields: Record<string, unknown> = {}, owner: AuditEntry["owner"] = USER): AuditEntry => ({
  kind: "api",
  owner,
  token: {
    id: "575ec7417ae143cd83dc4a95",
    name: "ci",
    status: "active",
    creationDate: daysFromNow(-10),
    expirationDate: daysFromNow(90),
    scope: ["devices.get"],
    ...fields,
  },
});
const grant = (fields: Record<string, unknown> = {}, status: "pending" | "authorized" = "authorized"): AuditEntry => ({
  kind: "oauth",
  owner: USER,
  token: {
    id: "575ec7417ae143cd83dc4a96",
    name: "Reporting assistant",
    status: "active",
    creationDate: daysFromNow(-10),
    expirationDate: daysFromNow(300),
    scope: ["only.User.read"],
    oauth: { client_id: "575ec7417ae143cd83dc4a98", authorizationStatus: status },
    ...fields,
  },
});
const findings = (entry: AuditEntry, policy: AuditPolicy = {}, now = NOW) =>
  auditTokens([entry], policy, now)[0]?.findings;

describe("auditTokens: one token, one policy, one instant", () => {
  const lapsedException = {
    name: "c?",
    findings: ["broad-scope"],
    reason: "migration",
    until: daysFromNow(-1),
  } as const;
  // policy × token × now → findings
  const table: [string, AuditPolicy, AuditEntry, Date, Finding[]][] = [
    ["a healthy token has none", {}, api(), NOW, []],
    ["past its expiry and active: expired", {}, api({ expirationDate: daysFromNow(-1) }), NOW, ["expired"]],
    ["expiring exactly now counts as expired", {}, api({ expirationDate: NOW.toISOString() }), NOW, ["expired"]],
    [
      "past its expiry but inactive: only inactive",
      {},
      api({ expirationDate: daysFromNow(-1), status: "inactive" }),
      NOW,
      ["inactive"],
    ],
    ["expires within the default 30 days: expiring", {}, api({ expirationDate: daysFromNow(30) }), NOW, ["expiring"]],
    ["expires just past the default 30 days: nothing", {}, api({ expirationDate: daysFromNow(31) }), NOW, []],
    ["within sets the horizon of expiring", { within: 7 * DAY }, api({ expirationDate: daysFromNow(10) }), NOW, []],
    [
      "within sets the horizon of expiring, inside",
      { within: 14 * DAY },
      api({ expirationDate: daysFromNow(10) }),
      NOW,
      ["expiring"],
    ],
    ["never expires: no-expiry", {}, api({ expirationDate: undefined }), NOW, ["no-expiry"]],
    [
      "never expires, allowed by requireExpiry false",
      { requireExpiry: false },
      api({ expirationDate: undefined }),
      NOW,
      [],
    ],
    ["an all.* scope: broad-scope", {}, api({ scope: ["all.Application.read"] }), NOW, ["broad-scope"]],
    [
      "forbiddenScopes replaces the default",
      { forbiddenScopes: ["devices.*"] },
      api({ scope: ["all.User", "devices.get"] }),
      NOW,
      ["broad-scope"],
    ],
    ["no forbidden scope: nothing", { forbiddenScopes: [] }, api({ scope: ["all.User"] }), NOW, []],
    ["created longer ago than maxAge: old", { maxAge: 5 * DAY }, api(), NOW, ["old"]],
    ["created within maxAge: not old", { maxAge: 10 * DAY }, api(), NOW, []],
    ["no maxAge, no old however old", {}, api({ creationDate: daysFromNow(-3000) }), NOW, []],
    ["lifetime beyond maxLifetime: long-lived", { maxLifetime: 90 * DAY }, api(), NOW, ["long-lived"]],
    ["lifetime within maxLifetime: not long-lived", { maxLifetime: 100 * DAY }, api(), NOW, []],
    [
      "no expiry is no-expiry, not long-lived",
      { maxLifetime: DAY },
      api({ expirationDate: undefined }),
      NOW,
      ["no-expiry"],
    ],
    ["inactive: inactive", {}, api({ status: "inactive" }), NOW, ["inactive"]],
    ["an OAuth grant whose authorization is pending: pending", {}, grant({}, "pending"), NOW, ["pending"]],
    ["an authorized OAuth grant: none", {}, grant(), NOW, []],
    [
      "an OAuth grant gets the expiry, age and scope findings",
      { maxAge: DAY },
      grant({ expirationDate: undefined, scope: ["all.Application.read"] }),
      NOW,
      ["no-expiry", "old", "broad-scope"],
    ],
    [
      "an exception by id waives what it names, until its date",
      {
        exceptions: [
          { id: "575EC7417AE143CD83DC4A95", findings: ["no-expiry"], reason: "legacy", until: daysFromNow(1) },
        ],
      },
      api({ expirationDate: undefined, scope: ["all.User"] }),
      NOW,
      ["broad-scope"],
    ],
    [
      "an exception by name glob waives what it names",
      { exceptions: [{ name: "C*", findings: ["broad-scope"], reason: "admin", until: daysFromNow(1) }] },
      api({ scope: ["all.User"] }),
      NOW,
      [],
    ],
    [
      "an exception whose glob does not match waives nothing",
      { exceptions: [{ name: "deploy-*", findings: ["broad-scope"], reason: "admin", until: daysFromNow(1) }] },
      api({ scope: ["all.User"] }),
      NOW,
      ["broad-scope"],
    ],
    [
      "past its until date, an exception waives nothing: exception-lapsed",
      { exceptions: [lapsedException] },
      api({ scope: ["all.User"] }),
      NOW,
      ["broad-scope", "exception-lapsed"],
    ],
    [
      "an exception that ends exactly now has lapsed",
      { exceptions: [{ ...lapsedException, until: NOW }] },
      api({ scope: ["all.User"] }),
      NOW,
      ["broad-scope", "exception-lapsed"],
    ],
    [
      "the same exception, read a day earlier, still applies",
      { exceptions: [lapsedException] },
      api({ scope: ["all.User"] }),
      new Date(NOW.getTime() - 2 * DAY),
      [],
    ],
  ];

  it.each(table)("%s", (_what, policy, entry, now, expected) => {
    expect(findings(entry, policy, now)).toEqual(expected);
  });
});

describe("auditTokens: tokens among others", () => {
  it("flags superseded: an active token of the same owner and name as a newer active one", () => {
    const old = api({ id: "000000000000000000000001", creationDate: daysFromNow(-20) });
    const successor = api({ id: "000000000000000000000002", creationDate: daysFromNow(-1) });
    const results = auditTokens([successor, old], {}, NOW);
    expect(results.map((result) => [result.id, result.findings])).toEqual([
      ["000000000000000000000002", []],
      ["000000000000000000000001", ["superseded"]],
    ]);
  });

  it("does not flag a token whose namesake is inactive, of another owner or of another kind", () => {
    const old = api({ id: "000000000000000000000001", creationDate: daysFromNow(-20) });
    const others = [
      api({ id: "000000000000000000000002", creationDate: daysFromNow(-1), status: "inactive" }),
      api({ id: "000000000000000000000003", creationDate: daysFromNow(-1) }, APP),
      grant({ id: "000000000000000000000004", name: "ci", creationDate: daysFromNow(-1) }),
    ];
    expect(auditTokens([old, ...others], {}, NOW)[0]?.findings).toEqual([]);
  });

  /** The ids of the superseded among `entries`. */
  const supersededIds = (entries: AuditEntry[]) =>
    auditTokens(entries, {}, NOW)
      .filter((result) => result.findings.includes("superseded"))
      .map((result) => result.id);
  /** The superseded of two namesakes listed one way, then the other: the same both ways. */
  const eitherOrder = (a: AuditEntry, b: AuditEntry) => [supersededIds([a, b]), supersededIds([b, a])];

  it("takes the later creation as the newer, whatever the ids say", () => {
    const old = api({ id: "000000000000000000000009", creationDate: daysFromNow(-20) });
    const successor = api({ id: "000000000000000000000001", creationDate: daysFromNow(-1) });
    expect(eitherOrder(old, successor)).toEqual([["000000000000000000000009"], ["000000000000000000000009"]]);
  });

  it("breaks a tie of creation dates by id, which grows with time", () => {
    const [a, b] = [api({ id: "000000000000000000000001" }), api({ id: "000000000000000000000002" })];
    expect(auditTokens([b, a], {}, NOW).map((result) => result.findings)).toEqual([[], ["superseded"]]);
    expect(eitherOrder(a, b)).toEqual([["000000000000000000000001"], ["000000000000000000000001"]]);
  });

  it.each([
    ["without a creation date", undefined],
    ["with an unreadable creation date", "last spring"],
  ])("takes a token %s as older than a dated namesake, even one with a lower id", (_what, creationDate) => {
    const undated = api({ id: "000000000000000000000009", creationDate });
    const dated = api({ id: "000000000000000000000001", creationDate: daysFromNow(-400) });
    expect(eitherOrder(undated, dated)).toEqual([["000000000000000000000009"], ["000000000000000000000009"]]);
  });

  it("takes a token without an id as the older of two namesakes created together", () => {
    const [idless, other] = [api({ id: undefined }), api({ id: "000000000000000000000001" })];
    expect(eitherOrder(idless, other)).toEqual([[""], [""]]);
  });

  it("keeps the first listed of two namesakes created together whose ids differ only in case", () => {
    const [lower, upper] = [api({ id: "00000000000000000000000a" }), api({ id: "00000000000000000000000A" })];
    expect([supersededIds([lower, upper]), supersededIds([upper, lower])]).toEqual([
      ["00000000000000000000000A"],
      ["00000000000000000000000a"],
    ]);
  });

  it("counts a token without a name as the namesake of one with an empty name", () => {
    const nameless = api({ id: "000000000000000000000001", name: undefined, creationDate: daysFromNow(-20) });
    const emptyName = api({ id: "000000000000000000000002", name: "", creationDate: daysFromNow(-1) });
    expect(eitherOrder(nameless, emptyName)).toEqual([["000000000000000000000001"], ["000000000000000000000001"]]);
  });

  it("reports each token as the CLI's JSON shows it: id, name, kind, owner, status, expirationDate, findings", () => {
    const [result] = auditTokens([api({ expirationDate: undefined, name: undefined })], {}, NOW);
    expect(result).toEqual({
      id: "575ec7417ae143cd83dc4a95",
      name: null,
      kind: "api",
      owner: USER,
      status: "active",
      expirationDate: null,
      findings: ["no-expiry"],
    });
  });

  const entryArbitrary = fc.record({
    kind: fc.constantFrom("api" as const, "oauth" as const),
    owner: fc.constantFrom(USER, APP),
    name: fc.constantFrom("ci", "deploy", "Reporting assistant"),
    id: fc.integer({ min: 1, max: 50 }).map((n) => n.toString(16).padStart(24, "0")),
    status: fc.constantFrom("active", "inactive"),
    created: fc.integer({ min: -400, max: 0 }),
    expires: fc.option(fc.integer({ min: -100, max: 400 }), { nil: undefined }),
    scope: fc.subarray(["all.User", "devices.get", "only.User.read"]),
  });
  type Drawn = {
    kind: "api" | "oauth";
    owner: AuditEntry["owner"];
    name: string;
    id: string;
    status: string;
    created: number;
    expires: number | undefined;
    scope: string[];
  };
  const entryOf = (e: Drawn) =>
    ({
      kind: e.kind,
      owner: e.owner,
      token: {
        id: e.id,
        name: e.name,
        status: e.status,
        creationDate: daysFromNow(e.created),
        expirationDate: e.expires === undefined ? undefined : daysFromNow(e.expires),
        scope: e.scope,
      },
    }) as AuditEntry;

  it("judges each token the same whatever the order of the others (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(entryArbitrary, { selector: (e) => e.id, maxLength: 12 }), fc.nat(), (raw, seed) => {
        const entries = raw.map(entryOf);
        const shuffled = [...entries].sort(
          (a, b) => ((a.token.id ?? "") + seed).localeCompare((b.token.id ?? "") + seed) * (seed % 2 ? 1 : -1),
        );
        const byId = (list: AuditEntry[]) =>
          Object.fromEntries(auditTokens(list, { maxAge: 100 * DAY }, NOW).map((r) => [r.id, r.findings]));
        expect(byId(shuffled)).toEqual(byId(entries));
      }),
    );
  });

  it("leaves exactly one active token of each kind, owner and name unsuperseded, and reports findings in order, once (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(entryArbitrary, { selector: (e) => e.id, maxLength: 12 }), (raw) => {
        const entries = raw.map(entryOf);
        const results = auditTokens(entries, {}, NOW);
        const groups = new Map<string, number>();
        results.forEach((result, i) => {
          expect(result.findings).toEqual(FINDINGS.filter((finding) => result.findings.includes(finding)));
          if (result.status === "inactive") return;
          const key = `${result.kind} ${result.owner.type} ${result.owner.id} ${entries[i]?.token.name}`;
          groups.set(key, (groups.get(key) ?? 0) + (result.findings.includes("superseded") ? 0 : 1));
        });
        for (const unsuperseded of groups.values()) expect(unsuperseded).toBe(1);
      }),
    );
  });
});

describe("validatePolicy", () => {
  it("accepts a whole policy, as a file would give it", () => {
    const policy = {
      maxAge: 90 * DAY,
      maxLifetime: 365 * DAY,
      requireExpiry: true,
      forbiddenScopes: ["all.*"],
      within: 14 * DAY,
      exceptions: [
        { name: "legacy-*", findings: ["no-expiry"], reason: "replaced in Q3", until: "2026-09-30T00:00:00Z" },
      ],
    };
    expect(validatePolicy(policy)).toBe(policy);
  });

  it.each([
    ["an unknown key, named", { maxAgeDays: 90 }, /unknown key "maxAgeDays"/],
    [
      "an unknown key of an exception, named with its place",
      { exceptions: [{ id: "a", findings: ["old"], reason: "r", until: "2027-01-01", note: "x" }] },
      /exceptions\[0\] has unknown key "note"/,
    ],
    ["a duration that is not milliseconds", { maxAge: "90d" }, /maxAge must be a duration in milliseconds/],
    ["a negative duration", { within: -1 }, /within must be a duration/],
    ["an infinite duration", { maxLifetime: Infinity }, /maxLifetime must be a duration/],
    ["requireExpiry not a boolean", { requireExpiry: "yes" }, /requireExpiry must be true or false/],
    ["forbiddenScopes not a list of globs", { forbiddenScopes: "all.*" }, /forbiddenScopes must be a list/],
    [
      "an exception with neither id nor name",
      { exceptions: [{ findings: ["old"], reason: "r", until: "2027-01-01" }] },
      /exceptions\[0\] must have an id or a name glob/,
    ],
    [
      "an exception with both id and name",
      { exceptions: [{ id: "a", name: "b", findings: ["old"], reason: "r", until: "2027-01-01" }] },
      /one of the two/,
    ],
    [
      "an exception waiving an unknown finding",
      { exceptions: [{ id: "a", findings: ["stale"], reason: "r", until: "2027-01-01" }] },
      /exceptions\[0\]\.findings\[0\] must be one of/,
    ],
    [
      "an exception without a reason",
      { exceptions: [{ id: "a", findings: ["old"], reason: " ", until: "2027-01-01" }] },
      /exceptions\[0\]\.reason must say why/,
    ],
    [
      "an exception with a bad date",
      { exceptions: [{ id: "a", findings: ["old"], reason: "r", until: "someday" }] },
      /exceptions\[0\]\.until must be a date/,
    ],
    ["a policy that is not an object", [], /the policy must be an object/],
  ])("refuses %s with a TypeError", (_what, policy, message) => {
    expect(() => validatePolicy(policy)).toThrow(TypeError);
    expect(() => validatePolicy(policy)).toThrow(message);
    // The audit itself refuses the same policy.
    expect(() => auditTokens([api()], policy as AuditPolicy, NOW)).toThrow(message);
  });
});
