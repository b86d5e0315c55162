/// <reference types="node" />
import type { ClientOptions } from "../core/options.js";
import { agentsTakeProxyEnv } from "../core/proxy-env.js";

/** Set once this process has warned that the proxy variables are ignored. */
let warned = false;

/**
 * What the CLI adds to its client's options to honour HTTP_PROXY and HTTPS_PROXY (minding NO_PROXY)
 * whenever they are set, as curl and gh do: an agent made with Node's `proxyEnv`, where this Node has it;
 * elsewhere nothing, and one warning on stderr that they are ignored.
 */
export function proxyOptions(
  env: Record<string, string | undefined>,
  baseUrl: string | undefined,
  stderr: { write(text: string): unknown },
): Pick<ClientOptions, "agent"> {
  const set = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"].filter((name) => env[name]);
  if (!set.length) return {};
  if (!agentsTakeProxyEnv()) {
    if (!warned)
      stderr.write(
        `losant-tokens: ${set.join(", ")} ignored: Node ${process.versions.node} cannot send through a proxy (Node 22.21+ and 24.5+ can)\n`,
      );
    warned = true;
    return {};
  }
  // Loaded here, once a proxy is set, not at start-up: node:https, with TLS, would cost every run of the
  // CLI, `--help` included, several milliseconds (most on Node 22 and 24; BENCHMARKS.md, CLI start-up).
  const { Agent } = process.getBuiltinModule(baseUrl?.startsWith("http:") ? "node:http" : "node:https");
  return { agent: new Agent({ keepAlive: true, proxyEnv: env } as ConstructorParameters<typeof Agent>[0]) };
}
