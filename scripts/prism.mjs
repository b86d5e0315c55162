// Starts the Prism mock from node_modules on the spec; shared by `npm run mock` and the test suite.
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { spawnNode } from "./lifeline.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const prismBin = fileURLToPath(new URL("../node_modules/@stoplight/prism-cli/dist/index.js", import.meta.url));

/** A port nothing listens on right now. */
export function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Prism and resolves once it answers a real request, with its URL and a stop function.
 * Rejects, with Prism's own output, when it exits or does not answer within `timeoutMs`.
 */
export async function startPrism({
  host = "127.0.0.1",
  port = 4010,
  spec = "openapi/openapi.yaml",
  quiet = true,
  timeoutMs = 60_000,
} = {}) {
  const args = [
    prismBin,
    "mock",
    spec,
    "--host",
    host,
    "--port",
    String(port),
    "--verboseLevel",
    quiet ? "warn" : "info",
  ];
  const child = spawnNode(args, { cwd: root, stdio: ["ignore", quiet ? "pipe" : "inherit", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => {
    output += chunk;
    if (!quiet) process.stderr.write(chunk);
  });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const url = `http://${host}:${port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  };

  const deadline = Date.now() + timeoutMs;
  let early;
  exited.then(({ code, signal }) => (early = `Prism exited (code ${code}, signal ${signal}) before it answered`));
  while (Date.now() < deadline && !early) {
    try {
      const response = await fetch(`${url}/access-tokens`, { headers: { Authorization: "Bearer readiness-probe" } });
      await response.arrayBuffer();
      if (response.status === 200) return { url, stop, child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`${early ?? `Prism did not answer on ${url} within ${timeoutMs} ms`}.\n${output.trim()}`);
}
