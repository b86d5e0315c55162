// The error family: every error the package throws about Losant's answers is a LosantError, recognised
// by `instanceof` and by `isLosantError` (across copies of the package too), made from an options
// object, and rendered with every field and without a secret.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  isLosantError,
  LosantApiError,
  LosantConnectionError,
  LosantError,
  LosantPageLimitError,
  LosantValidationError,
  RotationError,
} from "../src/index.js";

const REQUEST = { method: "POST", path: "/me/tokens" };
const CREATED = { id: "aaaaaaaaaaaaaaaaaaaaaaa2", name: "deploy", token: "the-new-secret-of-the-rotation" };

const family = () => [
  new LosantApiError(REQUEST, { status: 404, body: { type: "NotFound", message: "API Token was not found" } }),
  new LosantConnectionError(REQUEST, {
    reason: "network",
    attempts: 1,
    detail: "failed: ECONNRESET",
    mayHaveSucceeded: true,
  }),
  new RotationError({
    step: "deactivate-old",
    created: CREATED,
    oldId: "aaaaaaaaaaaaaaaaaaaaaaa1",
    oldState: "active",
    cause: new Error("the database is away"),
  }),
  new LosantValidationError(REQUEST, {
    status: 201,
    operationId: "createUserToken",
    pointer: "/scope",
    expected: "must be array",
    body: CREATED,
    mayHaveSucceeded: true,
  }),
  new LosantPageLimitError({ method: "GET", path: "/me/tokens" }, { maxPages: 3 }),
];

describe("the family", () => {
  it.each(family().map((error) => [error.name, error]))(
    "has %s inside it: instanceof LosantError and Error, and isLosantError",
    (_name, error) => {
      expect(error).toBeInstanceOf(LosantError);
      expect(error).toBeInstanceOf(Error);
      expect(isLosantError(error)).toBe(true);
    },
  );

  it("leaves every other value out of isLosantError, an error that only borrows a family name among them", () => {
    const impostor = Object.assign(new Error("no"), { name: "LosantApiError", status: 404 });
    for (const value of [
      impostor,
      new TypeError("bad option"),
      { name: "LosantApiError" },
      null,
      undefined,
      "LosantApiError",
      404,
    ])
      expect(isLosantError(value)).toBe(false);
  });

  it("recognises an error from another copy of the package with isLosantError, where instanceof cannot", async () => {
    // A second instance of the module, as a second installed version of the package would be.
    const copy = "../src/errors.js?another-copy";
    const other = (await import(/* @vite-ignore */ copy)) as typeof import("../src/errors.js");
    expect(other.LosantApiError).not.toBe(LosantApiError);
    const error = new other.LosantApiError(REQUEST, { status: 500 });
    expect(error).not.toBeInstanceOf(LosantError);
    expect(isLosantError(error)).toBe(true);
    expect(other.isLosantError(new LosantApiError(REQUEST, { status: 500 }))).toBe(true);
  });

  it("recognises an error from any version of the package: each carries the brand registered under its name", () => {
    // Other versions are not this module under another URL: what they share is the registered key.
    const brand = Symbol.for("losant-access-tokens.LosantError");
    const fromAnotherVersion = Object.defineProperty(new Error("Not found"), brand, { value: true });
    expect(isLosantError(fromAnotherVersion)).toBe(true);
    for (const error of family()) expect((error as unknown as Record<symbol, unknown>)[brand]).toBe(true);
  });

  it("says mayHaveSucceeded everywhere: false by default, as given, and always true for a half-done rotation", () => {
    expect(family().map((error) => error.mayHaveSucceeded)).toEqual([false, true, true, true, false]);
  });

  it("says mayHaveSucceeded false when the options do not say it", () => {
    const request = { method: "POST", path: "/me/tokens" };
    const made = [
      new LosantConnectionError(request, { reason: "network", attempts: 1, detail: "failed: ECONNREFUSED" }),
      new LosantValidationError(request, {
        status: 201,
        operationId: "createUserToken",
        pointer: "/scope",
        expected: "must be array",
        body: {},
      }),
    ];
    expect(made.map((error) => [error.mayHaveSucceeded, error.message.includes("it may have taken effect")])).toEqual([
      [false, false],
      [false, false],
    ]);
  });

  it("keeps the cause given in the options, and has none when none was given", () => {
    const cause = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    expect(
      new LosantConnectionError(REQUEST, { reason: "network", attempts: 3, detail: "failed: ECONNRESET", cause }).cause,
    ).toBe(cause);
    expect("cause" in new LosantApiError(REQUEST, { status: 400 })).toBe(false);
  });
});

describe("each error's message and fields, made from its options", () => {
  it("LosantApiError: the status, the API's type and message, and the request", () => {
    const error = new LosantApiError(REQUEST, {
      status: 404,
      body: { type: "NotFound", message: "API Token was not found" },
    });
    expect(error.message).toBe("Losant API 404 NotFound: API Token was not found (POST /me/tokens)");
    expect(error).toMatchObject({
      status: 404,
      type: "NotFound",
      apiMessage: "API Token was not found",
      method: "POST",
      path: "/me/tokens",
      mayHaveSucceeded: false,
    });
  });

  it("LosantApiError: a detail in place of the API's message, and the effect when it may have happened", () => {
    const error = new LosantApiError(REQUEST, {
      status: 201,
      detail: "the response body is empty",
      mayHaveSucceeded: true,
    });
    expect(error.message).toBe(
      "Losant API 201: the response body is empty; it may have taken effect (POST /me/tokens)",
    );
  });

  it("LosantConnectionError: what happened, the attempts and the request", () => {
    const error = new LosantConnectionError(REQUEST, {
      reason: "timeout",
      attempts: 3,
      detail: "timed out after 50 ms after status 201",
      status: 201,
      mayHaveSucceeded: true,
    });
    expect(error.message).toBe(
      "Losant API request timed out after 50 ms after status 201, attempts: 3; it may have taken effect (POST /me/tokens)",
    );
    expect(error).toMatchObject({ reason: "timeout", attempts: 3, status: 201 });
  });

  it("RotationError: its own message, naming both tokens rather than one request", () => {
    const [, , rotation] = family();
    expect(rotation?.message).toBe(
      "rotation incomplete: new token aaaaaaaaaaaaaaaaaaaaaaa2 is created and active; old token aaaaaaaaaaaaaaaaaaaaaaa1 is active; deactivating the old token failed: the database is away",
    );
  });
});

describe("the JSON form", () => {
  it("keeps every field and the message, in a stable order", () => {
    const [api, connection, rotation, validation, limit] = family().map(
      (error) => JSON.parse(JSON.stringify(error)) as Record<string, unknown>,
    );
    expect(Object.keys(api!)).toEqual([
      "status",
      "type",
      "apiMessage",
      "body",
      "method",
      "path",
      "mayHaveSucceeded",
      "name",
      "message",
    ]);
    // `status` is undefined here, which JSON leaves out.
    expect(Object.keys(connection!)).toEqual([
      "reason",
      "attempts",
      "method",
      "path",
      "mayHaveSucceeded",
      "name",
      "message",
    ]);
    expect(Object.keys(rotation!)).toEqual([
      "step",
      "created",
      "createdState",
      "oldId",
      "oldState",
      "mayHaveSucceeded",
      "name",
      "message",
    ]);
    // The validation error's body (a created token's secret in it) is not enumerable: not in its JSON.
    expect(Object.keys(validation!)).toEqual([
      "status",
      "operationId",
      "pointer",
      "expected",
      "method",
      "path",
      "mayHaveSucceeded",
      "name",
      "message",
    ]);
    expect(Object.keys(limit!)).toEqual(["maxPages", "method", "path", "mayHaveSucceeded", "name", "message"]);
  });

  it("never holds a rotation's new secret, nor does its message, String() or inspect: only `secret`, not enumerable", () => {
    const [, , rotation] = family();
    for (const shown of [
      JSON.stringify(rotation),
      rotation?.message,
      String(rotation),
      inspect(rotation, { depth: Infinity }),
    ])
      expect(shown).not.toContain(CREATED.token);
    expect((rotation as RotationError).secret).toBe(CREATED.token);
    expect(Object.keys(rotation!)).not.toContain("secret");
  });
});
