// Ties the lifetime of `npm run mock`, `npm run fake` and `npm run docs:serve` to whoever started them. Signal handlers
// are not enough: SIGKILL cannot be handled, and a parent killed that way signals no one, so a server
// left behind would keep its port with nobody left to stop it.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const childPreload = fileURLToPath(new URL("./lifeline-child.mjs", import.meta.url));

/** A Node process that ends when this one ends, however this one ends (SIGKILL included). */
export function spawnNode(args, options = {}) {
  const [stdin = "ignore", stdout = "inherit", stderr = "inherit"] = options.stdio ?? [];
  // The IPC channel closes when this process dies for any reason; the preload ends the child then.
  return spawn(process.execPath, ["--import", childPreload, ...args], {
    ...options,
    stdio: [stdin, stdout, stderr, "ipc"],
  });
}

/**
 * Calls `onGone` once when the process that started this one is gone: for a child of spawnNode when its
 * IPC channel closes, otherwise when this process gets a new parent pid (it was handed to init).
 */
export function endWithParent(onGone) {
  if (process.channel) {
    process.channel.unref();
    process.once("disconnect", onGone);
    return;
  }
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    onGone();
  }, 200);
  watch.unref();
}

/** The port a server of an npm script listens on: PORT, else `fallback`; a PORT that is no port ends the process. */
export function portFromEnv(fallback) {
  const port = Number(process.env.PORT ?? fallback);
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
  console.error(`PORT must be a port number from 1 to 65535, got ${JSON.stringify(process.env.PORT)}.`);
  process.exit(1);
}
