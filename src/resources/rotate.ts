import type { CallOptions } from "../core/options.js";
import { LosantError, quote } from "../errors.js";
import type { ApiToken, ApiTokenPost } from "../types.js";
import type { ApplicationTokensApi } from "./application-tokens.js";
import type { InstanceTokensApi } from "./instance-tokens.js";
import type { UserTokensApi } from "./user-tokens.js";

/** How `rotateApiToken` rotates. */
export type RotateOptions = CallOptions & {
  /**
   * The new token's expiry, as an ISO date-time or a `Date`. By default the old token's lifetime
   * again (its expirationDate minus its creationDate, from now); a token that never expires gives one
   * that never expires.
   */
  expirationDate?: string | Date;
  /** Deletes the old token instead of setting it `inactive`. */
  deleteOld?: boolean;
  /** Where the time is read for the default expiry; the system clock by default. */
  now?: () => Date;
  /**
   * Hands the new token, with its secret, to whoever keeps it, before the old token is touched. When it
   * rejects, the new token (whose secret nobody holds) is deleted, best effort, the old one is left as it
   * was, and the rotation rejects with a `RotationError` of step `deliver`. Resolving with `"stop"` says
   * the secret is delivered but the rotation goes no further, as `stopAfterDelivery` does.
   */
  deliver?: (created: ApiToken & { token: string }) => unknown;
  /** Stops once the new token is delivered, leaving the old one active (`oldRetired: false`): the first half of a two-phase rotation. */
  stopAfterDelivery?: boolean;
};

/** A finished rotation: the new token, with its secret `token`, and the old one as it is now (`inactive`, or as it was before deletion). */
export interface Rotation {
  created: ApiToken & { token: string };
  old: ApiToken;
  /** True when the old token was deleted (`deleteOld`), false when it was set inactive or left alone. */
  oldDeleted: boolean;
  /** False only when the rotation stopped after delivery: the old token is untouched and still active. */
  oldRetired: boolean;
}

/** The state of the old token after a failed last step, as read back from the API. */
export type OldTokenState = "active" | "inactive" | "deleted" | "unknown";

/** How a `RotationError` is made: the failed step, the new token, and what became of the old one. */
export interface RotationErrorOptions {
  /** The step that failed. */
  step: RotationError["step"];
  /** The new token, its secret `token` included. */
  created: ApiToken & { token: string };
  /** The old token's id. */
  oldId: string;
  /** What became of the old token, read back after the failure. */
  oldState: OldTokenState;
  /** The old token as read back; undefined when it is deleted or could not be read. */
  old?: ApiToken | undefined;
  /** The error of the failed step. */
  cause: unknown;
  /** What became of the new token: `active` (the default), or after a failed `deliver`, `deleted` or `unknown`. */
  createdState?: RotationError["createdState"];
}

/**
 * A rotation that failed after the new token was created: both tokens may exist, so `mayHaveSucceeded`
 * is always true. The message names both ids and which is active (a rotation spans several requests, so
 * it names no single one); `secret` holds the new token's secret and is not enumerable, so that logging
 * or serialising the error does not print it. `cause` is the error of the failed step.
 */
export class RotationError extends LosantError {
  override name = "RotationError";
  /** The step that failed: handing over the new secret, setting the old token inactive, or deleting it. */
  declare readonly step: "deliver" | "deactivate-old" | "delete-old";
  /** The new token without its secret: active, unless `step` is `deliver` (see `createdState`). */
  declare readonly created: ApiToken;
  /** What became of the new token: `active`, or after a failed `deliver`, `deleted` (or `unknown` when deleting it failed too). */
  declare readonly createdState: "active" | "deleted" | "unknown";
  /** The old token's id. */
  declare readonly oldId: string;
  /** What became of the old token, read back after the failure (`unknown` when that read failed too). */
  declare readonly oldState: OldTokenState;
  /** The old token as read back after the failure; undefined when it is deleted or could not be read. */
  declare readonly old: ApiToken | undefined;
  /** The new token's secret; not enumerable. */
  declare readonly secret: string;

  constructor(options: RotationErrorOptions) {
    const { step, created, oldId, oldState, old: oldToken, cause, createdState = "active" } = options;
    const { token: secret, ...shown } = created;
    const old =
      oldState === "unknown"
        ? `old token ${quote(oldId)} may still be active (its state could not be read)`
        : `old token ${quote(oldId)} is ${oldState}`;
    const reason = cause instanceof Error ? cause.message : String(cause);
    const newOne = {
      active: "is created and active",
      deleted: "was created and is deleted again",
      unknown: "was created and may still exist and be active (deleting it failed)",
    }[createdState];
    const failed = {
      deliver: "handing over the new secret",
      "delete-old": "deleting the old token",
      "deactivate-old": "deactivating the old token",
    }[step];
    const message = `rotation incomplete: new token ${quote(String(created.id))} ${newOne}; ${old}; ${failed} failed: ${reason}`;
    // A new token deleted again, with the old one untouched, leaves everything as it was.
    const mayHaveSucceeded = createdState !== "deleted";
    super(message, { step, created: shown, createdState, oldId, oldState, old: oldToken, mayHaveSucceeded }, { cause });
    Object.defineProperty(this, "secret", { value: secret, enumerable: false });
  }
}

/** One token collection, the user's or an application's, as rotation uses it. */
interface TokenCollection {
  get(id: string, options?: CallOptions): Promise<ApiToken>;
  create(body: ApiTokenPost, options?: CallOptions): Promise<ApiToken>;
  update(id: string, body: { status: "inactive" }, options?: CallOptions): Promise<ApiToken>;
  delete(id: string, options?: CallOptions): Promise<unknown>;
}

const isDate = (text: unknown): text is string => typeof text === "string" && !Number.isNaN(Date.parse(text));

/** The new token's body: the old one's name, description, scope and roles, and the expiry rotation gives it. */
function rotatedBody(old: ApiToken, options: Pick<RotateOptions, "expirationDate" | "now"> = {}): ApiTokenPost {
  const body: ApiTokenPost = { name: old.name ?? "rotated token" };
  if (old.description !== undefined) body.description = old.description;
  // The cast only narrows the scopes' type: the check above is what keeps undefined out.
  if (old.scope !== undefined) body.scope = old.scope satisfies string[] as NonNullable<ApiTokenPost["scope"]>;
  if (old.defaultRole !== undefined) body.defaultRole = old.defaultRole;
  if (old.orgRoles !== undefined) body.orgRoles = old.orgRoles;
  const given = options.expirationDate;
  if (given !== undefined) {
    const at = given instanceof Date ? given : new Date(given);
    if (Number.isNaN(at.getTime()))
      throw new TypeError(
        `losant-access-tokens: rotate: expirationDate ${JSON.stringify(String(given))} is not a date`,
      );
    body.expirationDate = at.toISOString();
  } else if (old.expirationDate !== undefined) {
    if (!isDate(old.expirationDate) || !isDate(old.creationDate)) {
      throw new TypeError(
        "losant-access-tokens: rotate: the old token has an expiry but no readable creationDate to measure its lifetime: give expirationDate",
      );
    }
    const lifetime = Date.parse(old.expirationDate) - Date.parse(old.creationDate);
    body.expirationDate = new Date((options.now?.() ?? new Date()).getTime() + lifetime).toISOString();
  }
  return body;
}

/** What became of the old token after a failed step, as read back. */
interface ReadBack {
  state: OldTokenState;
  token?: ApiToken;
}

/** Reads back what became of the old token after a failed step. */
async function readBack(tokens: TokenCollection, id: string): Promise<ReadBack> {
  try {
    const token = await tokens.get(id);
    return { state: token.status === "inactive" ? "inactive" : "active", token };
  } catch (error) {
    return { state: (error as { status?: unknown }).status === 404 ? "deleted" : "unknown" };
  }
}

async function rotate(tokens: TokenCollection, id: string, options: RotateOptions): Promise<Rotation> {
  const call: CallOptions = options.signal ? { signal: options.signal } : {};
  const old = await tokens.get(id, call);
  const body = rotatedBody(old, options);
  // Until this call succeeds nothing has changed; its error is the caller's as it is.
  const created = (await tokens.create(body, call)) as ApiToken & { token: string };
  let stop = options.stopAfterDelivery === true;
  if (options.deliver) {
    try {
      if ((await options.deliver(created)) === "stop") stop = true;
    } catch (error) {
      // Nobody holds the new secret: the new token goes, without the signal (an abort must not leave it),
      // and the old one was never touched.
      const createdState = await tokens.delete(String(created.id)).then(
        () => "deleted" as const,
        () => "unknown" as const,
      );
      throw new RotationError({
        step: "deliver",
        created,
        oldId: id,
        oldState: "active",
        old,
        cause: error,
        createdState,
      });
    }
  }
  if (stop) return { created, old, oldDeleted: false, oldRetired: false };
  try {
    if (options.deleteOld) {
      await tokens.delete(id, call);
      return { created, old, oldDeleted: true, oldRetired: true };
    }
    return { created, old: await tokens.update(id, { status: "inactive" }, call), oldDeleted: false, oldRetired: true };
  } catch (error) {
    // Read without the signal: an abort must not hide what exists now.
    const { state: oldState, token: old } = await readBack(tokens, id);
    throw new RotationError({
      step: options.deleteOld ? "delete-old" : "deactivate-old",
      created,
      oldId: id,
      oldState,
      old,
      cause: error,
    });
  }
}

/**
 * Rotates an API token: creates one with the old token's name, description, scope, default role and
 * org roles (and its lifetime again, or `expirationDate`), hands it to `deliver` when given, then sets
 * the old one inactive, or deletes it with `deleteOld` (or stops there with `stopAfterDelivery`). Resolves with both; when the last step fails, rejects with a `RotationError`
 * that names both ids, says which is active and keeps the new secret.
 * `rotateApiToken(userTokensApi, apiTokenId, options?)` or
 * `rotateApiToken(applicationTokensApi, applicationId, apiTokenId, options?)` or
 * `rotateApiToken(instanceTokensApi, instanceId, apiTokenId, options?)`.
 */
export function rotateApiToken(api: UserTokensApi, apiTokenId: string, options?: RotateOptions): Promise<Rotation>;
export function rotateApiToken(
  api: ApplicationTokensApi,
  applicationId: string,
  apiTokenId: string,
  options?: RotateOptions,
): Promise<Rotation>;
export function rotateApiToken(
  api: InstanceTokensApi,
  instanceId: string,
  apiTokenId: string,
  options?: RotateOptions,
): Promise<Rotation>;
export async function rotateApiToken(
  api: UserTokensApi | ApplicationTokensApi | InstanceTokensApi,
  first: string,
  second?: string | RotateOptions,
  third?: RotateOptions,
): Promise<Rotation> {
  if (typeof second === "string") {
    // An application's and an instance's tokens take their owner's id first, alike.
    const app = api as ApplicationTokensApi;
    const tokens: TokenCollection = {
      get: (id, o) => app.get(first, id, o),
      create: (body, o) => app.create(first, body, o),
      update: (id, body, o) => app.update(first, id, body, o),
      delete: (id, o) => app.delete(first, id, o),
    };
    return rotate(tokens, second, third ?? {});
  }
  const user = api as UserTokensApi;
  const tokens: TokenCollection = {
    get: (id, o) => user.get(id, o),
    create: (body, o) => user.create(body, o),
    update: (id, body, o) => user.update(id, body, o),
    delete: (id, o) => user.delete(id, o),
  };
  return rotate(tokens, first, second ?? {});
}
