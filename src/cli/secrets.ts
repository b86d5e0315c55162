/// <reference types="node" />
// The CLI's file access, the only place it touches the file system: the token file it reads, and the
// secret files it writes. Node only, as the CLI is.
import { open, readFile, rm } from "node:fs/promises";
import { shown, UsageError } from "./usage.js";

/** The reasons a person reads for the file system's commonest error codes. */
const REASONS = new Map([
  ["ENOENT", "no such file or directory"],
  ["EACCES", "permission denied"],
  ["EISDIR", "it is a directory"],
]);

/** The reason a file system call failed, as a person reads it: a plain reason, else Node's error code (fs errors all carry one). */
const why = (error: unknown): string => {
  const code = String((error as { code?: unknown }).code);
  return REASONS.get(code) ?? code;
};

/** Reads the API token from `--token-file`: one line, trimmed. Never quotes its content. */
export async function readTokenFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`--token-file ${shown(path)} cannot be read: ${why(error)}`);
  }
  const lines = text.trim().split(/\r?\n/);
  if (!lines[0]) throw new UsageError(`--token-file ${shown(path)} is empty: it must hold the token on one line`);
  if (lines.length > 1) throw new UsageError(`--token-file ${shown(path)} has ${lines.length} lines: it must hold the token alone, on one line`);
  // One line, and the whole text was trimmed: nothing is left around it.
  return lines[0];
}

/** A secret file opened before any request: written once the secret exists, removed if it never does. */
export interface SecretFile {
  write(secret: string): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Creates `--secret-file` now, empty, with mode 0600, refusing one that exists (`wx`): a problem with
 * the file stops the command before a token is created whose secret would have nowhere to go.
 */
export async function openSecretFile(path: string): Promise<SecretFile> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "wx", 0o600);
  } catch (error) {
    const reason = (error as { code?: unknown }).code === "EEXIST" ? "it already exists, and a secret file is never overwritten: choose a new path" : why(error);
    throw new UsageError(`--secret-file ${shown(path)} cannot be created: ${reason}`);
  }
  return {
    async write(secret) {
      try {
        await handle.writeFile(`${secret}\n`, "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    async discard() {
      await handle.close();
      await rm(path, { force: true });
    },
  };
}
