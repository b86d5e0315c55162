import { getUserToken_200 as apiTokenCheck } from "../../generated/fake-bodies.js";
import type { AccessToken, ApiToken, Application, Instance, OauthToken } from "../types.js";
import { badOption } from "./errors.js";
import type { FakeUser } from "./handlers.js";
import { answer, type Context } from "./router.js";
import { initialStore, type FakeLosantData } from "./seeds.js";
import { copyStore, type CollectionKey, type Store } from "./store.js";
import { check } from "./validation.js";

export type {
  AccessTokenSeed,
  ApiTokenSeed,
  ApplicationSeed,
  FakeLosantData,
  InstanceSeed,
  InstanceTokenSeed,
  OauthTokenSeed,
} from "./seeds.js";
export type { FakeUser } from "./handlers.js";

/** How a fake is set up; every option may be left out. */
export interface FakeLosantOptions {
  /** The bearer tokens it accepts: a list, or a function that decides; by default any non-empty token. */
  acceptTokens?: readonly string[] | ((token: string) => boolean);
  /** Where it reads the time (creation and update dates, ids); by default the system clock. */
  clock?: () => Date;
  /** The user behind every accepted token: owner of `/me/tokens`, creator of new tokens. */
  user?: Partial<FakeUser>;
  /** The tokens it starts with, and returns to on `reset()`. */
  initial?: FakeLosantData;
}

/** Everything a fake holds, as plain data (a copy: changing it changes nothing). */
export interface FakeLosantState {
  userTokens: ApiToken[];
  /** Only the applications that have tokens, by application id. */
  applicationTokens: Record<string, ApiToken[]>;
  /** Only the instances that have tokens, by instance id. */
  instanceTokens: Record<string, ApiToken[]>;
  oauthTokens: OauthToken[];
  applications: Application[];
  instances: Instance[];
  accessTokens: AccessToken[];
}

/** An in-memory Losant token API behind a `fetch`. */
export interface FakeLosant {
  /** Answers a request as Losant's API would: give it to a client as its `fetch`, or call it like the global one. */
  // `Request | string` is the DOM's `RequestInfo`, a name that does not exist without the DOM library.
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** Back to the initial data, as if new. */
  reset(): void;
  /** What it holds now, in creation order, for assertions. */
  state(): FakeLosantState;
}

/** The user of a fake nobody described: the user of the spec's examples. */
const EXAMPLE_USER: FakeUser = { id: "575ed70c7ae143cd83dc4aa9", name: "Example User" };

/** The user, held to the spec's rules for an owner id and a creator name. */
function userOf(user: unknown): FakeUser {
  if (user !== undefined && (!user || typeof user !== "object"))
    badOption(`options.user must be an object, got ${typeof user}`);
  const given = Object.entries((user ?? {}) as object).filter(([, value]) => value !== undefined);
  const resolved = { ...EXAMPLE_USER, ...Object.fromEntries(given) } as FakeUser;
  // Only the two fields checked can be wrong.
  const problem = check(apiTokenCheck, { ownerId: resolved.id, creatorName: resolved.name }, (pointer) =>
    pointer === "/ownerId" ? "options.user.id" : "options.user.name",
  );
  if (problem) badOption(problem);
  return { id: resolved.id.toLowerCase(), name: resolved.name };
}

/** Which bearer tokens are accepted. */
function acceptorOf(accept: FakeLosantOptions["acceptTokens"]): (token: string) => boolean {
  // Any: authenticate() has refused an empty token before it asks.
  if (accept === undefined) return () => true;
  if (typeof accept === "function") return (token) => accept(token) === true;
  if (!Array.isArray(accept) || !accept.every((token) => typeof token === "string" && token !== "")) {
    return badOption("options.acceptTokens must be a list of non-empty strings, or a function of the token");
  }
  const accepted = new Set(accept);
  return (token) => accepted.has(token);
}

/** A clock whose every reading is checked: a bad time is the caller's error, named, never a bad date stored. */
function clockOf(clock: unknown): () => Date {
  if (clock === undefined) return () => new Date();
  if (typeof clock !== "function")
    return badOption(`options.clock must be a function returning a Date, got ${typeof clock}`);
  return () => {
    const now: unknown = clock();
    if (!(now instanceof Date) || Number.isNaN(now.getTime()))
      badOption(`options.clock must return a valid Date, got ${String(now)}`);
    return now as Date;
  };
}

/** A token collection as the state shows it: copies, in creation order. */
const copies = (store: Store, key: CollectionKey) => structuredClone([...(store.collections.get(key)?.values() ?? [])]);

/**
 * Creates an in-memory fake of Losant's token API (`/me/tokens`, `/applications/{applicationId}/tokens`,
 * `/instances/{instanceId}/tokens`, `/me/oauth-tokens`, the owner lists `/applications` and
 * `/instances`, and `/access-tokens`) that holds every request and answer to the spec: hand `fake.fetch` to any client.
 */
export function createFakeLosant(options: FakeLosantOptions = {}): FakeLosant {
  if (!options || typeof options !== "object") badOption(`options must be an object, got ${typeof options}`);
  const user = userOf(options.user);
  const now = clockOf(options.clock);
  const initial = initialStore(options.initial, user, now());
  const context: Context = { store: copyStore(initial), accepts: acceptorOf(options.acceptTokens), now, user };

  return {
    async fetch(input, init) {
      let request: Request;
      try {
        request = input instanceof Request && init === undefined ? input : new Request(input, init);
      } catch (error) {
        throw new TypeError(
          `losant-access-tokens/fake: fetch needs an absolute URL and a valid init: ${(error as Error).message}`,
          { cause: error },
        );
      }
      // As fetch does: an aborted signal rejects with its reason, and nothing happens; one that aborts
      // before the answer is ready rejects the call then (answer() applies no change after an abort).
      const { signal } = request;
      signal.throwIfAborted();
      let onAbort: () => void = () => {};
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(signal.reason);
        // Removed in `finally` below; an abort event fires once.
        signal.addEventListener("abort", onAbort);
      });
      try {
        return await Promise.race([answer(request, context), aborted]);
      } finally {
        signal.removeEventListener("abort", onAbort);
      }
    },
    reset() {
      context.store = copyStore(initial);
    },
    state() {
      const { store } = context;
      const byOwner = (prefix: string) =>
        Object.fromEntries(
          [...store.collections.keys()]
            .filter((key) => key.startsWith(prefix) && store.collections.get(key)?.size)
            .map((key) => [key.slice(prefix.length), copies(store, key) as ApiToken[]]),
        );
      return {
        userTokens: copies(store, "user") as ApiToken[],
        applicationTokens: byOwner("application:"),
        instanceTokens: byOwner("instance:"),
        oauthTokens: copies(store, "oauth") as OauthToken[],
        applications: copies(store, "applications") as Application[],
        instances: copies(store, "instances") as Instance[],
        accessTokens: copies(store, "access") as AccessToken[],
      };
    },
  };
}
