import { spawn } from "node:child_process";
import { freePort } from "../../scripts/prism.mjs";
import { repoPath } from "./spec.js";

/** A Prism proxy in front of an upstream server, holding every request and answer to the spec. */
export interface PrismProxy {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts `prism proxy openapi/openapi.yaml <upstream> --errors`: a request the spec rejects is answered
 * by Prism (422, or 401 without credentials) and never forwarded; an answer the spec rejects becomes
 * Prism's own error; either way with the `sl-violations` header. Resolves once a request went through.
 */
export async function startPrismProxy(upstream: string, timeoutMs = 60_000): Promise<PrismProxy> {
  const port = (await freePort()) as number;
  const args = [
    repoPath("node_modules/@stoplight/prism-cli/dist/index.js"),
    "proxy",
    "openapi/openapi.yaml",
    upstream,
    "--errors",
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    "--verboseLevel",
    "warn",
  ];
  const child = spawn(process.execPath, args, { cwd: repoPath("."), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // The test run must not leave it behind, however it ends.
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  const stop = async () => {
    process.off("exit", kill);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  };
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline && child.exitCode === null; ) {
    try {
      const response = await fetch(`${url}/access-tokens`, { headers: { authorization: "Bearer readiness-probe" } });
      await response.arrayBuffer();
      if (response.status === 200) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`prism proxy did not answer on ${url}:\n${output}`);
}
