// The CLI's proxy options on a Node that takes an agent's proxyEnv and on one that does not, whichever
// Node runs the tests: the capability is stubbed here, in a file of its own, so that the one warning
// its module gives is not spent by another test. proxy.test.ts sends through a real proxy.
import { describe, expect, it, vi } from "vitest";
import { proxyOptions } from "../src/cli/proxy.js";

const node = vi.hoisted(() => ({ takesProxyEnv: false }));
vi.mock("../src/core/proxy-env.js", () => ({ agentsTakeProxyEnv: () => node.takesProxyEnv }));

/** Where proxyOptions writes its warning. */
const collected = () => {
  const stderr = { text: "", write: (text: string) => (stderr.text += text) };
  return stderr;
};

describe("the proxy variables, for the CLI", () => {
  it("are named when ignored, the lower-case ones too, once; NO_PROXY alone is no proxy to ignore", () => {
    node.takesProxyEnv = false;
    const stderr = collected();
    expect(proxyOptions({ NO_PROXY: "*" }, undefined, stderr)).toEqual({});
    expect(stderr.text).toBe("");
    const env = { https_proxy: "http://127.0.0.1:9", http_proxy: "http://127.0.0.1:9" };
    expect(proxyOptions(env, undefined, stderr)).toEqual({});
    expect(proxyOptions(env, undefined, stderr)).toEqual({});
    expect(stderr.text).toBe(
      `losant-tokens: https_proxy, http_proxy ignored: Node ${process.versions.node} cannot send through a proxy (Node 22.21+ and 24.5+ can)\n`,
    );
  });

  it("give the client a kept-alive agent with them as its proxyEnv where Node takes it: http's for an http:// API, https's otherwise", () => {
    node.takesProxyEnv = true;
    const stderr = collected();
    const env = { HTTPS_PROXY: "http://127.0.0.1:9" };
    const made = (baseUrl: string | undefined) => {
      // What Node's Agent keeps of its options, which its types leave out.
      const agent = proxyOptions(env, baseUrl, stderr).agent as unknown as
        | { protocol: string; keepAlive: boolean; options: { proxyEnv?: unknown } }
        | undefined;
      return agent && { protocol: agent.protocol, keepAlive: agent.keepAlive, proxyEnv: agent.options.proxyEnv };
    };
    expect(made("http://localhost:8080")).toEqual({ protocol: "http:", keepAlive: true, proxyEnv: env });
    expect(made("https://api.losant.com")).toEqual({ protocol: "https:", keepAlive: true, proxyEnv: env });
    expect(made(undefined)).toEqual({ protocol: "https:", keepAlive: true, proxyEnv: env });
    expect(stderr.text).toBe("");
  });
});
