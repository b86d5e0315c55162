/// <reference types="node" />
// Node's built-in proxy support: on Node 22.21+ and 24.5+, an http.Agent made with `proxyEnv` sends
// through HTTP_PROXY / HTTPS_PROXY (minding NO_PROXY), and with NODE_USE_ENV_PROXY=1 (or
// --use-env-proxy) Node's own fetch and global agents do so too. Node 20 honours none of them.

/**
 * Whether this Node's agents take the `proxyEnv` option. Nothing public tells (an agent silently ignores
 * an option it does not know), so the release line decides: 22.21 and later 22s, 24.5 and later.
 */
export function agentsTakeProxyEnv(version: string = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > 24 || (major === 24 && minor >= 5) || (major === 22 && minor >= 21);
}

/** Whether Node's own fetch sends through the proxy variables here, as the documented switches say. */
export function nodeUsesEnvProxy(
  env: Record<string, string | undefined> = process.env,
  argv: readonly string[] = process.execArgv,
  version: string = process.versions.node,
): boolean {
  const flag = "--use-env-proxy";
  // NODE_OPTIONS's words are split at each blank: the empty words between two blanks are never the flag.
  const switched =
    env["NODE_USE_ENV_PROXY"] === "1" ||
    argv.includes(flag) ||
    (env["NODE_OPTIONS"]?.split(/\s/).includes(flag) ?? false);
  return switched && agentsTakeProxyEnv(version);
}
