import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeServer } from "../scripts/fake.mjs";
import { freePort } from "./support/ports.js";
import { createUserTokensApi } from "../src/index.js";
import { createFakeLosant } from "../src/fake/index.js";
import { FAKE_TOKEN } from "./support/fake-scenario.js";
import { repoPath } from "./support/spec.js";

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

/** `npm run fake` as a child process, with its output so far and its exit. */
function runFake(env: Record<string, string>) {
  const child = spawn(process.execPath, [repoPath("scripts/fake.mjs")], {
    cwd: repoPath("."),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output, exited };
}

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  for (const deadline = Date.now() + ms; !check(); ) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("npm run fake", () => {
  it("serves the fake on PORT, says how to point the client at it, and stops cleanly on SIGTERM and on SIGINT", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const port = (await freePort()) as number;
      const run = runFake({ PORT: String(port) });
      await until(() => run.output.stdout.includes("Ctrl-C stops it"), "the banner");
      expect(run.output.stdout).toContain(`listening on http://127.0.0.1:${port}`);
      expect(run.output.stdout).toContain(
        `createUserTokensApi({ token: "any-token", baseUrl: "http://127.0.0.1:${port}" })`,
      );
      const api = createUserTokensApi({ token: FAKE_TOKEN, baseUrl: `http://127.0.0.1:${port}` });
      // The demo world's four tokens of the user, then one more.
      expect((await api.list()).totalCount).toBe(4);
      await api.create({ name: "over HTTP" });
      expect((await api.list()).totalCount).toBe(5);
      run.child.kill(signal);
      expect(await run.exited).toBe(0);
      expect(run.output.stdout).toContain(`Fake stopped (${signal})`);
    }
  });

  it("ends when the process that started it goes away", async () => {
    const port = (await freePort()) as number;
    // A parent that starts the fake, says its pid, and is then killed outright.
    const script = `const { spawn } = require("node:child_process"); const c = spawn(process.execPath, [${JSON.stringify(repoPath("scripts/fake.mjs"))}], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, PORT: "${port}" } }); c.stdout.on("data", (d) => { if (String(d).includes("listening")) console.log(c.pid); });`;
    const parent = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    children.push(parent);
    let said = "";
    parent.stdout.on("data", (chunk: Buffer) => (said += chunk.toString()));
    await until(() => /^\d+\n/.test(said), "the fake's pid");
    const pid = Number(said.trim());
    expect(alive(pid)).toBe(true);
    parent.kill("SIGKILL");
    await until(() => !alive(pid), "the fake's exit after its parent's", 10_000);
  });

  it("refuses a PORT that is not a port, and names a port in use with the way out", async () => {
    const bad = runFake({ PORT: "http" });
    expect(await bad.exited).toBe(1);
    expect(bad.output.stderr).toContain('PORT must be a port number from 1 to 65535, got "http"');
    const taken = createServer();
    const port = await new Promise<number>((resolve) =>
      taken.listen(0, "127.0.0.1", () => resolve((taken.address() as { port: number }).port)),
    );
    try {
      const busy = runFake({ PORT: String(port) });
      expect(await busy.exited).toBe(1);
      expect(busy.output.stderr).toContain(`Port ${port} is in use: try PORT=${port + 1} npm run fake.`);
    } finally {
      taken.close();
    }
  });
});

describe("startFakeServer()", () => {
  it("makes its own fake from the sources when given none, with createFakeLosant's options", async () => {
    const server = await startFakeServer({ port: 0, options: { acceptTokens: ["only-this"] } });
    try {
      const refused = await fetch(`${server.url}/me/tokens`, { headers: { authorization: "Bearer other" } });
      expect(refused.status).toBe(401);
      const created = await fetch(`${server.url}/me/tokens`, {
        method: "POST",
        headers: { authorization: "Bearer only-this", "content-type": "application/json" },
        body: '{"name":"x"}',
      });
      expect(created.status).toBe(201);
    } finally {
      await server.close();
    }
  });
});

describe("the fake over HTTP, given what a network brings", () => {
  it("answers a malformed body, a body over 1 MiB and a broken request line with 400, and goes on serving", async () => {
    const fake = createFakeLosant();
    const server = await startFakeServer({ fake, port: 0 });
    const headers = { authorization: `Bearer ${FAKE_TOKEN}`, "content-type": "application/json" };
    try {
      const malformed = await fetch(`${server.url}/me/tokens`, { method: "POST", headers, body: '{"name":' });
      expect([malformed.status, (await malformed.json()).message]).toEqual([
        400,
        expect.stringMatching(/^the request body is not valid JSON/),
      ]);
      // The fake answers once it has read 1 MiB, while the client is still sending; the rest is dropped.
      const huge = await fetch(`${server.url}/me/tokens`, {
        method: "POST",
        headers,
        body: "x".repeat(8 * 1024 * 1024),
      });
      expect([huge.status, huge.headers.get("connection"), (await huge.json()).message]).toEqual([
        400,
        "close",
        "the request body is larger than 1048576 bytes",
      ]);
      const raw = await new Promise<string>((resolve) => {
        const socket = connect(Number(new URL(server.url).port), "127.0.0.1", () => socket.write("NONSENSE\r\n\r\n"));
        let text = "";
        socket.on("data", (chunk) => (text += chunk.toString()));
        socket.on("close", () => resolve(text));
      });
      expect(raw).toMatch(/^HTTP\/1\.1 400/);
      expect((await fetch(`${server.url}/me/tokens`, { headers })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("ends the request, and loses nothing else, when a client goes away mid-body", async () => {
    const fake = createFakeLosant();
    let settled = 0;
    // Counts the requests the fake has finished with, answered or failed: none may wait for ever.
    const counting = { fetch: (request: Request) => fake.fetch(request).finally(() => (settled += 1)) };
    const server = await startFakeServer({ fake: counting, port: 0 });
    try {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(new URL(server.url).port), "127.0.0.1", () => {
          socket.write(
            `POST /me/tokens HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${FAKE_TOKEN}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"name":`,
          );
          setTimeout(() => (socket.destroy(), resolve()), 100);
        });
      });
      await until(() => settled === 1, "the end of the abandoned request", 5_000);
      const api = createUserTokensApi({ token: FAKE_TOKEN, baseUrl: server.url });
      await api.create({ name: "after" });
      expect(fake.state().userTokens.map((token) => token.name)).toEqual(["after"]);
    } finally {
      await server.close();
    }
  });
});
