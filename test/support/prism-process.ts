import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "./ports.js";
import { repoPath } from "./spec.js";

/** A Prism process of the tests: its URL, the process itself, and a stop function. */
export interface PrismProcess {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Starts `prism <args>` from the repository's root on a free port of 127.0.0.1 and resolves once it
 * answers a real request; rejects with Prism's own output when it exits or does not answer within
 * `timeoutMs`. The test run's exit kills it, however the run ends.
 */
export async function startPrism(args: string[], timeoutMs = 60_000): Promise<PrismProcess> {
  const port = await freePort();
  const bin = repoPath("node_modules/@stoplight/prism-cli/dist/index.js");
  const where = ["--host", "127.0.0.1", "--port", String(port), "--verboseLevel", "warn"];
  const child = spawn(process.execPath, [bin, ...args, ...where], {
    cwd: repoPath("."),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  const stop = async () => {
    process.off("exit", kill);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  };
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline && child.exitCode === null; ) {
    try {
      const response = await fetch(`${url}/access-tokens`, { headers: { authorization: "Bearer readiness-probe" } });
      await response.arrayBuffer();
      if (response.status === 200) return { url, child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`prism ${args.join(" ")} did not answer on ${url}:\n${output.trim()}`);
}
