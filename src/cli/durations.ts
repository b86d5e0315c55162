import { shown, UsageError } from "./usage.js";

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;
/** Longest duration accepted by default: 100 years, far beyond any token's useful life and within Date's range. */
const MAX_MS = 36_500 * UNIT_MS.d;

/** Where a duration is read: whether milliseconds fit (a timeout, not an expiry), and the longest taken. */
export interface DurationRule {
  ms?: boolean;
  max?: number;
}

/** A duration as a person reads it: the largest unit that divides it. */
const spell = (ms: number): string => {
  for (const unit of ["d", "h", "m", "s"] as const) if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${ms}ms`;
};

/**
 * The one duration grammar of every flag: a whole number and a unit, `30d`, `12h`, `30m`, `90s`, and
 * `500ms` where milliseconds fit. Resolves to milliseconds; `flag` names the option in the error.
 */
export function parseDuration(text: string, flag: string, rule: DurationRule = {}): number {
  const max = rule.max ?? MAX_MS;
  const match = /^(\d{1,9})(ms|[dhms])$/.exec(text);
  const unit = match?.[2] as keyof typeof UNIT_MS | undefined;
  const ms = match && unit && (unit !== "ms" || rule.ms) ? Number(match[1]) * UNIT_MS[unit] : NaN;
  if (!(ms > 0 && ms <= max)) {
    const units = rule.ms ? "30d, 12h, 30m, 90s or 500ms" : "30d, 12h, 30m or 90s";
    throw new UsageError(
      `${flag} ${shown(text)} is not a duration: give a whole number and a unit, such as ${units} (at most ${spell(max)})`,
    );
  }
  return ms;
}

// A calendar date, or a date and time with its offset: a time without one would be read in the
// machine's own zone, which is never what a CI job in another zone meant.
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Parses an ISO 8601 date (`2027-01-31`, midnight UTC) or date-time with offset; it must be in the future. */
export function parseDate(text: string, flag: string, now: Date): Date {
  const at = ISO.test(text) ? new Date(text) : new Date(NaN);
  // Date accepts 2027-02-31 by rolling over to March: the day must come back as written.
  if (Number.isNaN(at.getTime()) || !sameDay(text)) {
    throw new UsageError(`${flag} ${shown(text)} is not an ISO date: give 2027-01-31 or 2027-01-31T12:00:00Z`);
  }
  if (at.getTime() <= now.getTime())
    throw new UsageError(`${flag} ${shown(text)} is in the past: a token cannot be created already expired`);
  return at;
}

/**
 * Whether the date part of an ISO text names a real day (no rollover such as February 31). Date has
 * already refused a month past 12 and a day past 31, so a rollover is at most three days into the next
 * month, never into the next year, and it always changes the day of the month: the day alone tells.
 */
function sameDay(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

/** The expiry `--expires-in` or `--expires-at` asks for, as an ISO date-time; undefined when neither is given. */
export function expiryOf(
  values: { "expires-in"?: string | undefined; "expires-at"?: string | undefined },
  now: Date,
): string | undefined {
  const within = values["expires-in"];
  const at = values["expires-at"];
  if (within !== undefined && at !== undefined)
    throw new UsageError("--expires-in and --expires-at cannot both be given: choose one");
  if (within !== undefined) return new Date(now.getTime() + parseDuration(within, "--expires-in")).toISOString();
  if (at !== undefined) return parseDate(at, "--expires-at", now).toISOString();
  return undefined;
}

/** A date as a table shows it: the day and time in UTC, to the minute. */
export const day = (iso: string | undefined): string =>
  iso && !Number.isNaN(Date.parse(iso)) ? `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")}Z` : "never";
