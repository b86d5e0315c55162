// Proxies on the Node path: the proxy variables wherever Node's own fetch honours them, the `agent` option
// for any other proxy, and the CLI's HTTP_PROXY / HTTPS_PROXY / NO_PROXY. A real proxy on a free port.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent as HttpAgent, type ClientRequestArgs } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { type AddressInfo, connect, createServer as createNetServer } from "node:net";
import type { Duplex } from "node:stream";
import { ProxyAgent } from "undici";
import { describe, expect, it, onTestFinished } from "vitest";
import { main } from "../src/cli/main.js";
import { agentsTakeProxyEnv, nodeUsesEnvProxy } from "../src/core/proxy-env.js";
import { createAccessTokensApi } from "../src/index.js";
import { TOKEN } from "./support/clients.js";
import { json, serve } from "./support/fault-server.js";
import { startProxy } from "./support/proxy.js";
import { repoPath } from "./support/spec.js";

const LIST = { items: [], count: 0 };
/** Node's built-in proxy support: 22.21+ and 24.5+ (CI runs this file on 20, 22 and 24). */
const SUPPORTED = agentsTakeProxyEnv();
const NEEDS = `needs Node 22.21+ or 24.5+; this is ${process.versions.node}`;

async function setUp() {
  const proxy = await startProxy();
  onTestFinished(() => proxy.close());
  const target = await serve((_request, response) => json(response, 200, LIST));
  return { proxy, target };
}

/** Runs a module in a child Node with the package; resolves with its stdout. */
function child(source: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--input-type=module", "-e", source],
      { cwd: repoPath("."), env: { ...process.env, ...env }, timeout: 20_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}
const listing = (url: string) =>
  `import { createAccessTokensApi } from "losant-access-tokens";
   console.log(JSON.stringify(await createAccessTokensApi({ token: ${JSON.stringify(TOKEN)}, baseUrl: ${JSON.stringify(url)} }).list()));`;

describe("the proxy variables", () => {
  it.skipIf(!SUPPORTED)(
    `are honoured with NODE_USE_ENV_PROXY=1, as Node's own fetch honours them (${NEEDS})`,
    async () => {
      const { proxy, target } = await setUp();
      const stdout = await child(listing(target.url), { NODE_USE_ENV_PROXY: "1", HTTP_PROXY: proxy.url, NO_PROXY: "" });
      expect(JSON.parse(stdout)).toEqual(LIST);
      expect(proxy.seen).toEqual([`GET ${target.url}/access-tokens`]);
    },
  );

  it.skipIf(!SUPPORTED)(`are honoured for https:// through a CONNECT tunnel, HTTPS_PROXY's (${NEEDS})`, async () => {
    const proxy = await startProxy();
    onTestFinished(() => proxy.close());
    const tls = (name: string) => readFileSync(repoPath(`test/fixtures/tls/${name}`));
    const server = createHttpsServer({ key: tls("server.key"), cert: tls("server.crt") }, (_request, response) =>
      json(response, 200, LIST),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
    const url = `https://localhost:${(server.address() as AddressInfo).port}`;
    const stdout = await child(listing(url), {
      NODE_USE_ENV_PROXY: "1",
      HTTPS_PROXY: proxy.url,
      NO_PROXY: "",
      NODE_EXTRA_CA_CERTS: repoPath("test/fixtures/tls/ca.crt"),
    });
    expect(JSON.parse(stdout)).toEqual(LIST);
    expect(proxy.seen).toEqual([`CONNECT ${new URL(url).host}`]);
  });

  it.skipIf(!SUPPORTED)(`never show a proxy's credentials in an error, when the proxy refuses (${NEEDS})`, async () => {
    // A proxy that wants other credentials than the ones HTTPS_PROXY carries.
    const refusing = createNetServer((socket) =>
      socket.once("data", () => socket.end("HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n")),
    );
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    onTestFinished(() => new Promise<void>((resolve) => refusing.close(() => resolve())));
    const proxy = `http://admin:S3cr3t@127.0.0.1:${(refusing.address() as AddressInfo).port}`;
    const stdout = await child(
      `import { inspect } from "node:util";
       import { createAccessTokensApi } from "losant-access-tokens";
       const api = createAccessTokensApi({ token: ${JSON.stringify(TOKEN)}, baseUrl: "https://api.losant.com", retries: 0 });
       await api.list().catch((error) => console.log(error.name, JSON.stringify(error), String(error), error.stack, inspect(error)));`,
      { NODE_USE_ENV_PROXY: "1", HTTPS_PROXY: proxy, NO_PROXY: "" },
    );
    expect(stdout).toMatch(/^LosantConnectionError /);
    expect(stdout).not.toMatch(/S3cr3t|admin/);
  });

  it.skipIf(!SUPPORTED)(`leave out the hosts NO_PROXY names (${NEEDS})`, async () => {
    const { proxy, target } = await setUp();
    const stdout = await child(listing(target.url), {
      NODE_USE_ENV_PROXY: "1",
      HTTP_PROXY: proxy.url,
      NO_PROXY: "127.0.0.1",
    });
    expect(JSON.parse(stdout)).toEqual(LIST);
    expect([proxy.seen, target.count.GET]).toEqual([[], 1]);
  });

  it("are left alone without NODE_USE_ENV_PROXY, as Node's own fetch leaves them", async () => {
    const { proxy, target } = await setUp();
    const stdout = await child(listing(target.url), { NODE_USE_ENV_PROXY: "", HTTP_PROXY: proxy.url });
    expect(JSON.parse(stdout)).toEqual(LIST);
    expect(proxy.seen).toEqual([]);
  });

  it.each([
    [{ NODE_USE_ENV_PROXY: "1" }, [], true],
    [{ NODE_USE_ENV_PROXY: "true" }, [], false],
    [{ NODE_USE_ENV_PROXY: "" }, [], false],
    [{ NODE_OPTIONS: "--max-old-space-size=100 --use-env-proxy" }, [], true],
    [{ NODE_OPTIONS: "--max-old-space-size=100\t --use-env-proxy" }, [], true],
    [{ NODE_OPTIONS: "--use-env-proxy-not" }, [], false],
    [{ NODE_OPTIONS: "" }, [], false],
    [{}, ["--use-env-proxy"], true],
    [{}, ["--inspect"], false],
    [{}, [], false],
  ])("are switched on as Node documents it: %j with %j → %s on Node 24.5", (env, argv, on) => {
    expect(nodeUsesEnvProxy(env, argv, "24.5.0")).toBe(on);
    // Node 20 has no proxy support to switch on.
    expect(nodeUsesEnvProxy(env, argv, "20.19.0")).toBe(false);
  });

  it.each([
    ["20.19.0", false],
    ["20.21.0", false],
    ["22.20.9", false],
    ["22.21.0", true],
    ["23.11.0", false],
    ["23.21.0", false],
    ["24.4.1", false],
    ["24.5.0", true],
    ["25.0.0", true],
  ])("are within reach of an agent's proxyEnv on Node %s: %s", (version, supported) => {
    expect(agentsTakeProxyEnv(version)).toBe(supported);
  });
});

/** An agent that reaches every origin through a CONNECT tunnel, as proxy agents from npm do: any Node runs it. */
class TunnelAgent extends HttpAgent {
  constructor(private readonly proxyPort: number) {
    super({ keepAlive: true });
  }
  override createConnection(
    options: ClientRequestArgs,
    done?: (error: Error | null, socket: Duplex) => void,
  ): undefined {
    const socket = connect(this.proxyPort, "127.0.0.1", () =>
      socket.write(`CONNECT ${options.host}:${options.port} HTTP/1.1\r\nhost: ${options.host}:${options.port}\r\n\r\n`),
    );
    socket.once("data", () => done?.(null, socket));
    socket.once("error", (error) => done?.(error, socket));
    return undefined;
  }
}

describe("the agent option", () => {
  it("sends every request through the agent given: a proxy's, on any Node", async () => {
    const { proxy, target } = await setUp();
    const agent = new TunnelAgent(Number(new URL(proxy.url).port));
    onTestFinished(() => agent.destroy());
    expect(await createAccessTokensApi({ token: TOKEN, baseUrl: target.url, agent }).list()).toEqual(LIST);
    expect(proxy.seen).toEqual([`CONNECT ${new URL(target.url).host}`]);
  });
});

describe("the fetch option", () => {
  it("with undici's ProxyAgent as Node's fetch's dispatcher sends through the proxy on any Node, Node 20's way", async () => {
    const { proxy, target } = await setUp();
    const dispatcher = new ProxyAgent(proxy.url);
    onTestFinished(() => dispatcher.close());
    const api = createAccessTokensApi({
      token: TOKEN,
      baseUrl: target.url,
      fetch: (request) => fetch(request, { dispatcher } as RequestInit),
    });
    expect(await api.list()).toEqual(LIST);
    expect(proxy.seen).toEqual([`CONNECT ${new URL(target.url).host}`]);
  });
});

describe("the CLI", () => {
  /** Runs `losant-tokens list --json` in this process against the target, with the Node sender (no fetch given). */
  const run = async (target: string, env: Record<string, string>) => {
    let stdout = "";
    let stderr = "";
    const code = await main({
      argv: ["list", "--json"],
      env: { LOSANT_TOKEN: TOKEN, LOSANT_API_URL: target, ...env },
      stdout: {
        write: (text: string, done?: (error?: Error | null) => void) => ((stdout += text), done?.(), true),
        isTTY: false,
      },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
    });
    return { code, stdout, stderr };
  };

  it.skipIf(!SUPPORTED)(
    `honours HTTP_PROXY whenever it is set, as curl and gh do, without NODE_USE_ENV_PROXY (${NEEDS})`,
    async () => {
      const { proxy, target } = await setUp();
      const { code, stderr } = await run(target.url, { HTTP_PROXY: proxy.url });
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      expect(proxy.seen).toEqual([expect.stringMatching(new RegExp(`^GET ${target.url}/me/tokens`))]);
    },
  );

  it.skipIf(!SUPPORTED)(`leaves out the hosts NO_PROXY names (${NEEDS})`, async () => {
    const { proxy, target } = await setUp();
    const { code } = await run(target.url, { HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" });
    expect([code, proxy.seen]).toEqual([0, []]);
  });

  it.skipIf(SUPPORTED)(
    `warns once on stderr that HTTP_PROXY and HTTPS_PROXY are ignored on a Node that cannot honour them (this is ${process.versions.node})`,
    async () => {
      const { proxy, target } = await setUp();
      const first = await run(target.url, { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
      expect(first.code).toBe(0);
      expect(first.stderr).toBe(
        `losant-tokens: HTTPS_PROXY, HTTP_PROXY ignored: Node ${process.versions.node} cannot send through a proxy (Node 22.21+ and 24.5+ can)\n`,
      );
      expect((await run(target.url, { HTTP_PROXY: proxy.url })).stderr).toBe("");
      expect(proxy.seen).toEqual([]);
    },
  );
});
