// `audit --all`: everything the caller's token can see, read at most a few requests at a time. An owner
// the token may not read is a line on stderr, not a failure; a dead credential ends everything.
import type { AuditEntry, TokenOwner } from "../audit/index.js";
import type { CallOptions } from "../core/options.js";
import { LosantApiError } from "../errors.js";
import type { ApiToken, OauthToken } from "../types.js";
import { checkOauth, checkOwner, type OwnerItem } from "./answers.js";
import { CONCURRENCY, readAll, readPages, type Budget } from "./read-all.js";
import type { Owner, Reach } from "./tokens.js";
import { shown } from "./usage.js";

/** What a sweep found: every token it could read, and a line for each owner it could not. */
export interface Sweep {
  entries: AuditEntry[];
  /** One line per owner (or list of owners) the token may not read. */
  hidden: string[];
}

export interface SweepOptions {
  call: CallOptions;
  budget: Budget;
  /** Owners read so far, of the owners known so far. */
  progress: (done: number, total: number) => void;
}

/** Runs at most `most` of the calls given to it at once, the rest in the order they came. */
function limiter(most: number): <T>(call: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (call) => {
    if (running >= most) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await call();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

const statusOf = (error: unknown) => (error instanceof LosantApiError ? error.status : undefined);

/** An application or instance as a line on stderr names it: its kind, its name when known, and its id. */
const ownerWords = (owner: TokenOwner) =>
  `${owner.type} ${owner.name === null ? "" : `${shown(owner.name)} `}${owner.id}`;

/**
 * Reads the user's tokens and OAuth grants, then every application's and every instance's tokens,
 * through every page of each list, `CONCURRENCY` requests at a time. A 403 on an owner makes a line
 * in `hidden`; a 403 on the list of instances means an account without instances. Any other failure
 * (a 401 above all: the credential is dead) stops every other request and rejects with the first.
 */
export async function sweep(direct: Reach, options: SweepOptions): Promise<Sweep> {
  const stop = new AbortController();
  const signal = options.call.signal ? AbortSignal.any([stop.signal, options.call.signal]) : stop.signal;
  const call: CallOptions = { signal };
  const run = limiter(CONCURRENCY);
  // Lines about owners not seen, each with its place in the order owners are listed: requests end in any order.
  const notSeen: { at: number; line: string }[] = [];
  const hide = (at: number, line: string) => void notSeen.push({ at, line });
  let failure = undefined as { error: unknown } | undefined;
  /** Rejects with the first failure, once every request in flight has settled. */
  const rethrow = () => {
    if (failure) throw failure.error;
  };
  let done = 0;
  let total = 4;
  const progress = () => options.progress(done, total);

  /** Runs one owner's read; a 403 is `onForbidden`'s, anything else stops the sweep. */
  async function task<T>(read: () => Promise<T>, onForbidden: () => T): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      // After a failure, what a 403 returns is never read: the sweep rejects with the failure.
      if (statusOf(error) === 403) return onForbidden();
      if (failure === undefined) {
        failure = { error };
        stop.abort(error);
      }
      return undefined;
    } finally {
      done += 1;
      progress();
    }
  }

  // Every page request of every list goes through the limiter.
  const reach: Reach = {
    tokens: (owner) => {
      const tokens = direct.tokens(owner);
      return { ...tokens, page: (query, c) => run(() => tokens.page(query, c)) };
    },
    oauth: { ...direct.oauth, page: (query, c) => run(() => direct.oauth.page(query, c)) },
    owners: (type, query, c) => run(() => direct.owners(type, query, c)),
  };
  const tokensOf = (owner: Owner) => readAll(reach.tokens(owner), {}, { call, budget: options.budget });

  const ownersOf = (type: "application" | "instance") =>
    readPages<OwnerItem>(
      {
        operation: type === "application" ? "listApplications" : "listInstances",
        page: (query, c) => reach.owners(type, query, c),
        kind: { check: checkOwner, noun: `${type}s` },
      },
      { call, budget: options.budget },
    );
  progress();
  const [own, grants, applications, instances] = await Promise.all([
    task<ApiToken[]>(
      () => tokensOf({ type: "user", id: undefined }),
      () => (hide(0, "your own tokens are not visible to this token (403): they are not audited"), []),
    ),
    task<OauthToken[]>(
      () =>
        readPages<OauthToken>(
          {
            operation: reach.oauth.names.list,
            page: (query, c) => reach.oauth.page(query, c),
            kind: { check: checkOauth, noun: "OAuth grants" },
          },
          { call, budget: options.budget },
        ),
      () => (hide(1, "your OAuth grants are not visible to this token (403): they are not audited"), []),
    ),
    task<OwnerItem[]>(
      () => ownersOf("application"),
      () => (
        hide(2, "the list of applications is not visible to this token (403): no application's tokens are audited"), []
      ),
    ),
    // An account without instances may not list them: that is no finding.
    task<OwnerItem[]>(
      () => ownersOf("instance"),
      () => [],
    ),
  ]);
  rethrow();
  // The user's id, as the user's own tokens name it; "me", the API's own word, when none does.
  const me: TokenOwner = { type: "user", id: own?.find((token) => token.ownerId)?.ownerId ?? "me", name: null };
  const owners: TokenOwner[] = [
    ...(applications ?? []).map((item): TokenOwner => ({ type: "application", id: item.id, name: item.name ?? null })),
    ...(instances ?? []).map((item): TokenOwner => ({ type: "instance", id: item.id, name: item.name ?? null })),
  ];
  total += owners.length;
  progress();
  const lists = await Promise.all(
    owners.map((owner, i) =>
      task<ApiToken[]>(
        () => tokensOf(owner),
        () => (hide(3 + i, `${ownerWords(owner)} is not visible to this token (403): its tokens are not audited`), []),
      ),
    ),
  );
  rethrow();
  const entries: AuditEntry[] = [
    ...(own ?? []).map((token): AuditEntry => ({ kind: "api", owner: { ...me }, token })),
    ...(grants ?? []).map((token): AuditEntry => ({ kind: "oauth", owner: { ...me }, token })),
    ...owners.flatMap((owner, i) => (lists[i] ?? []).map((token): AuditEntry => ({ kind: "api", owner, token }))),
  ];
  const hidden = notSeen.sort((a, b) => a.at - b.at).map((seen) => seen.line);
  return { entries, hidden };
}
