/// <reference types="node" />
// The CLI's file access, the only place it touches the file system: the token file it reads, and the
// secret files it writes. Node only, as the CLI is.
import { open, rm } from "node:fs/promises";
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
  return REASONS.get(code) ?? (code === "undefined" ? "it could not be read" : code);
};

/** Standard input, as `--token-file -` reads it. */
export type Input = AsyncIterable<string | Uint8Array>;

/** Largest token file read: a token is a few hundred bytes, and /dev/zero must not be read for ever. */
const MAX_TOKEN_FILE = 64 * 1024;

const tooBig = (path: string) =>
  new UsageError(`--token-file ${shown(path)} is larger than 64 KiB: it must hold the token alone, on one line`);

/** Reads at most MAX_TOKEN_FILE bytes from stdin; more is refused. */
async function readInput(input: Input | undefined): Promise<string> {
  if (!input) throw new UsageError("--token-file - reads stdin, and there is none");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const bytes = Buffer.from(chunk);
    size += bytes.length;
    if (size > MAX_TOKEN_FILE) throw tooBig("-");
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** How a bounded read names its file in errors: the flag, the bound, and what the file must hold. */
interface Bound {
  flag: string;
  max: number;
  tooBig: (path: string) => UsageError;
}

const TOKEN_FILE: Bound = { flag: "--token-file", max: MAX_TOKEN_FILE, tooBig };

/** Largest policy file read: a policy is a few kilobytes, and a device must not be read for ever. */
const MAX_POLICY_FILE = 1024 * 1024;

/** Reads `--policy`'s file, at most MAX_POLICY_FILE bytes, with the token file's checks (a folder, a device, a missing file). */
export async function readPolicyFile(path: string): Promise<string> {
  const bound: Bound = {
    flag: "--policy",
    max: MAX_POLICY_FILE,
    tooBig: (file) => new UsageError(`--policy ${shown(file)} is larger than 1 MiB: it must hold one JSON policy`),
  };
  return (await readBounded(path, bound)).text;
}

/** Reads a file of at most `bound.max` bytes; `exposed` is the mode of one that others may read. */
async function readBounded(path: string, bound: Bound = TOKEN_FILE): Promise<{ text: string; exposed?: number }> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    // A directory opens, and its first read fails with EISDIR: it is refused as "it is a directory".
    const info = await handle.stat();
    // One byte past the bound tells a file that is too big, whatever its size claims (a device has none).
    const buffer = Buffer.alloc(bound.max + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > bound.max) throw bound.tooBig(path);
    }
    const text = buffer.subarray(0, length).toString("utf8");
    return info.isFile() && (info.mode & 0o077) !== 0 ? { text, exposed: info.mode & 0o777 } : { text };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${bound.flag} ${shown(path)} cannot be read: ${why(error)}`);
  } finally {
    await handle?.close();
  }
}

/** Reads the API token from `--token-file` (`-` for stdin): one line, trimmed. Never quotes its content. */
export async function readTokenFile(
  path: string,
  input: Input | undefined,
  warn: (line: string) => void,
): Promise<string> {
  const { text, exposed } = path === "-" ? { text: await readInput(input) } : await readBounded(path);
  const lines = text.trim().split(/\r?\n/);
  if (!lines[0]) throw new UsageError(`--token-file ${shown(path)} is empty: it must hold the token on one line`);
  if (lines.length > 1)
    throw new UsageError(
      `--token-file ${shown(path)} has ${lines.length} lines: it must hold the token alone, on one line`,
    );
  // As ssh warns of a key file: a token others can read is a token others may use.
  if (exposed !== undefined)
    warn(
      `--token-file ${shown(path)} can be read by others (mode ${exposed.toString(8).padStart(4, "0")}): make it private with chmod 600`,
    );
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
    const reason =
      (error as { code?: unknown }).code === "EEXIST"
        ? "it already exists, and a secret file is never overwritten: choose a new path"
        : why(error);
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
      // After a failed write the handle is closed already: the file goes all the same.
      await handle.close().catch(() => undefined);
      await rm(path, { force: true });
    },
  };
}
