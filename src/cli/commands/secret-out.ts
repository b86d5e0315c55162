import type { ApiToken } from "../../types.js";
import type { Context } from "../context.js";
import { paint, writeFailure } from "../output.js";
import type { SecretFile } from "../secrets.js";
import { shown, UsageError } from "../usage.js";

/**
 * Hands a new secret over: into the secret file when one was opened, and when there is none or it fails,
 * onto stdout as `text` (the whole output that carries it). Resolves with where it went and whether the
 * file failed; rejects only when stdout could not take it either, so the secret is held by nobody.
 * `path` is the file's, and is given whenever `file` is.
 */
export async function deliverSecret(
  context: Context,
  secret: string,
  file: SecretFile | undefined,
  path: string | undefined,
  text: () => string,
): Promise<{ to: "file" | "stdout"; fileFailed: boolean }> {
  if (file) {
    try {
      await file.write(secret);
      return { to: "file", fileFailed: false };
    } catch (error) {
      context.warn(
        `could not write the secret to --secret-file ${shown(path!)}: ${writeFailure(error)}; it is printed on stdout instead`,
      );
      await file.discard().catch(() => undefined);
    }
  }
  await context.print(text());
  return { to: "stdout", fileFailed: file !== undefined };
}

/** The secret as a person reads it on stdout, once. */
export const secretLines = (secret: string, colour: boolean): string =>
  `Secret (shown once; Losant keeps no copy):\n${paint(secret, "bold", colour)}\n`;

/** Deletes a new token whose secret nobody holds; resolves with the words for what became of it. */
export async function dropUnheld(context: Context, id: string | undefined): Promise<string> {
  if (id === undefined)
    return "the new token's id is unknown: it may exist and be active; look for it with losant-tokens list";
  try {
    // Without the signal: Ctrl-C must not leave a token nobody can use.
    await context.tokens().delete(id);
    return `new token ${id} was deleted again, as nobody holds its secret`;
  } catch {
    return `deleting new token ${id} failed: it exists and is active, and nobody holds its secret; delete it with losant-tokens delete ${id} --yes`;
  }
}

/** The new token's id from an answer that may not match the API: only a real id counts. */
export const idOf = (answer: unknown): string | undefined => {
  const id = (answer as { id?: unknown } | null)?.id;
  return typeof id === "string" && /^[A-Fa-f\d]{24}$/.test(id) ? id : undefined;
};

/** The secret from an answer that may not match the API: a string, or undefined; callers take an empty one for none. */
export const secretOf = (answer: unknown): string | undefined => {
  const token = (answer as ApiToken | null)?.token;
  return typeof token === "string" ? token : undefined;
};

/** Refuses, before any request, to print a new secret where it would be lost: a closed stdout, or /dev/null. */
export function refuseLostSecret(context: Context, path: string | undefined): void {
  if (path === undefined && context.stdoutDiscarded) {
    throw new UsageError(
      "stdout is closed or /dev/null, and the new secret would be lost there: pass --secret-file <path>, or send stdout somewhere",
    );
  }
}
