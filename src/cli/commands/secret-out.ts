import type { ApiToken } from "../../types.js";
import type { Context } from "../context.js";
import { paint } from "../output.js";
import type { SecretFile } from "../secrets.js";

/**
 * Hands over a new secret: into the secret file when one was opened, else onto stdout (with `--json`,
 * in the document the caller prints). A file that fails to take it sends it to stdout instead, so it is
 * never lost. Resolves with whether the secret went to stdout, and whether a file write failed.
 */
export async function deliverSecret(context: Context, created: ApiToken, file: SecretFile | undefined, path: string | undefined): Promise<{ onStdout: boolean; failed: boolean }> {
  const secret = created.token ?? "";
  if (!file) return { onStdout: true, failed: false };
  try {
    await file.write(secret);
    return { onStdout: false, failed: false };
  } catch (error) {
    context.warn(`could not write the secret to --secret-file ${JSON.stringify(path)}: ${(error as Error).message}; it is printed on stdout instead`);
    return { onStdout: true, failed: true };
  }
}

/** The secret as a person reads it on stdout, once. */
export const secretLines = (secret: string, colour: boolean): string => `Secret (shown once; Losant keeps no copy):\n${paint(secret, "bold", colour)}\n`;
