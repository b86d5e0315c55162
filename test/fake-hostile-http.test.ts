import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_HEAD_BYTES, MAX_URI_BYTES, startFakeServer } from "../scripts/fake.mjs";
import { createFakeLosant, type FakeLosant } from "../src/fake/index.js";
import { FAKE_TOKEN } from "./support/fake-scenario.js";

// `npm run fake`'s server given raw bytes over TCP: what no fetch would send. Every refusal is
// a JSON Error with the fitting 4xx, the server goes on serving others, and no header names the resource.

let fake: FakeLosant;
let server: { url: string; close: () => Promise<void> };
let port = 0;
beforeAll(async () => {
  fake = createFakeLosant();
  server = await startFakeServer({ fake, port: 0 });
  port = Number(new URL(server.url).port);
});
afterAll(() => server.close());

const AUTH = `authorization: Bearer ${FAKE_TOKEN}\r\n`;

/** An HTTP answer as the bytes say: status, headers (lower case), body. */
interface Raw {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes `bytes` on a new connection and reads until the server closes it (every request here asks it to). */
function raw(bytes: string | Buffer, { keepOpen = false } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const [line = "", ...fields] = head.split("\r\n");
      const headers = Object.fromEntries(
        fields.map((field) => [
          field.slice(0, field.indexOf(":")).toLowerCase(),
          field.slice(field.indexOf(":") + 1).trim(),
        ]),
      );
      let body = rest.join("\r\n\r\n");
      // Chunked answers (the fake's own), decoded simply: one chunk of JSON then the last.
      if (headers["transfer-encoding"] === "chunked") body = body.split("\r\n")[1] ?? "";
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(line)?.[1] ?? 0), headers, body });
    });
    if (!keepOpen) socket.setTimeout(10_000, () => socket.destroy(new Error("the server kept the connection open")));
  });
}

/** A 4xx JSON Error answer of `status`, with `type`, whose message says `words`. */
function expectError(answer: Raw, status: number, type: string, words: RegExp): void {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8");
  const body = JSON.parse(answer.body) as { type: string; message: string };
  expect(body).toEqual({ type, message: expect.stringMatching(words) });
}

async function create(name: string): Promise<string> {
  const body = JSON.stringify({ name });
  const answer = await raw(
    `POST /me/tokens HTTP/1.1\r\nhost: x\r\n${AUTH}content-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
  );
  expect(answer.status).toBe(201);
  return (JSON.parse(answer.body) as { id: string }).id;
}

describe("the request line alone names the resource", () => {
  it("deletes the token the path names, whatever the Host header says (Host: 127.0.0.1:PORT/me/tokens/B#)", async () => {
    fake.reset();
    const a = await create("A");
    const b = await create("B");
    for (const host of [
      `127.0.0.1:${port}/me/tokens/${b}#`,
      `127.0.0.1:${port}/me/tokens/${b}?`,
      `x/me/tokens/${b}/..`,
      `@127.0.0.1/me/tokens/${b}`,
    ]) {
      const answer = await raw(`DELETE /me/tokens/${a} HTTP/1.1\r\nhost: ${host}\r\n${AUTH}connection: close\r\n\r\n`);
      // The first deletes A; after it, A is gone: 404, and B is never touched.
      expect([200, 404]).toContain(answer.status);
    }
    expect(fake.state().userTokens.map((token) => token.name)).toEqual(["B"]);
  });

  it("takes the path and query of an absolute-form request line, not its host, and refuses a target that is not a path", async () => {
    fake.reset();
    const a = await create("A");
    const answer = await raw(
      `GET http://elsewhere.example:1/me/tokens/${a}?_links=true HTTP/1.1\r\nhost: y\r\n${AUTH}connection: close\r\n\r\n`,
    );
    expect([answer.status, (JSON.parse(answer.body) as { name: string }).name]).toEqual([200, "A"]);
    for (const target of ["*", "mailto:x", "127.0.0.1:80"]) {
      const refused = await raw(`GET ${target} HTTP/1.1\r\nhost: y\r\n${AUTH}connection: close\r\n\r\n`);
      expect(refused.status, `${target}: ${refused.body}`).toBe(400);
      expect(JSON.parse(refused.body)).toMatchObject({ type: "Validation" });
    }
  });
});

describe("oversized and malformed request heads get a JSON Error", () => {
  it(`answers 414 URI Too Long to a request-target over ${MAX_URI_BYTES} bytes, whether or not the head passes ${MAX_HEAD_BYTES}`, async () => {
    for (const length of [MAX_URI_BYTES + 1, 12_000, 100_000, 1_000_000]) {
      const answer = await raw(
        `GET /me/tokens?filter=${"a".repeat(length)} HTTP/1.1\r\nhost: x\r\n${AUTH}connection: close\r\n\r\n`,
      );
      expectError(answer, 414, "Validation", /URI is longer than 8192 bytes/);
    }
    // A long path, too.
    expectError(
      await raw(`GET /me/tokens/${"b".repeat(20_000)} HTTP/1.1\r\nhost: x\r\n\r\n`),
      414,
      "Validation",
      /URI is longer than 8192 bytes/,
    );
  });

  it(`answers 431 Request Header Fields Too Large to headers over ${MAX_HEAD_BYTES} bytes: 10,000 of them, or one long one`, async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `x-h${i}: v`).join("\r\n");
    expectError(
      await raw(`GET /me/tokens HTTP/1.1\r\nhost: x\r\n${many}\r\n\r\n`),
      431,
      "Validation",
      /headers are larger than 16384 bytes/,
    );
    expectError(
      await raw(`GET /me/tokens HTTP/1.1\r\nhost: x\r\n${AUTH}x-long: ${"l".repeat(20_000)}\r\n\r\n`),
      431,
      "Validation",
      /headers are larger than 16384 bytes/,
    );
    // Sent in pieces, as a slow client does.
    const socket = connect(port, "127.0.0.1");
    const pieces = [
      `GET /me/tokens HTTP/1.1\r\nhost: x\r\n`,
      ...Array.from({ length: 20 }, (_, i) => `x-p${i}: ${"p".repeat(1000)}\r\n`),
    ];
    const text = await new Promise<string>((resolve) => {
      let got = "";
      socket.on("data", (chunk: Buffer) => (got += chunk.toString()));
      socket.on("close", () => resolve(got));
      socket.on("error", () => resolve(got));
      socket.on("connect", async () => {
        for (const piece of pieces) {
          if (socket.destroyed) break;
          socket.write(piece);
          await new Promise((done) => setTimeout(done, 5));
        }
      });
    });
    expect(text).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  });

  it("answers 400 with a JSON Error to a head that is not HTTP, and keeps the headers a head may have (2,000 and more)", async () => {
    for (const bytes of [
      "NONSENSE\r\n\r\n",
      "GET /me/tokens HTTP/9.9\r\n\r\n",
      "GET /me/tokens HTTP/1.1\r\nbad header\r\n\r\n",
      "GET /me/tokens HTTP/1.1\r\ncontent-length: -1\r\n\r\n",
      "GET /me /tokens HTTP/1.1\r\n\r\n",
    ]) {
      const answer = await raw(bytes);
      expect(answer.status, bytes).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({
        type: "Validation",
        message: expect.stringMatching(/^the request is not HTTP\/1\.1 this server can read: HPE_/),
      });
    }
    // 2,500 short headers fit in 16 KiB: none is dropped, so the one that carries the credentials still counts.
    const many = Array.from({ length: 2_500 }, (_, i) => `h${i}: v`).join("\r\n");
    const answer = await raw(`GET /me/tokens HTTP/1.1\r\nhost: x\r\n${many}\r\n${AUTH}connection: close\r\n\r\n`);
    expect(answer.status, answer.body).toBe(200);
  });

  it("answers 400, not 500, to a JSON body nested 100,000 deep, and numbers outside the spec", async () => {
    const body = `{"name":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const answer = await raw(
      `POST /me/tokens HTTP/1.1\r\nhost: x\r\n${AUTH}content-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
    );
    expectError(answer, 400, "Validation", /^body\.name must be string, got \[\[\[/);
    for (const query of ["perPage=Infinity", "page=1e400"]) {
      expectError(
        await raw(`GET /me/tokens?${query} HTTP/1.1\r\nhost: x\r\n${AUTH}connection: close\r\n\r\n`),
        400,
        "Validation",
        /^query parameter (perPage|page) /,
      );
    }
  });
});

describe("one client's trouble is its own", () => {
  it("serves others while clients stall mid-head and mid-body, and after they send oversized heads", async () => {
    const stalled = Array.from({ length: 20 }, (_, i) => {
      const socket = connect(port, "127.0.0.1", () =>
        socket.write(
          i % 2
            ? `GET /me/tok`
            : `POST /me/tokens HTTP/1.1\r\nhost: x\r\n${AUTH}content-type: application/json\r\ncontent-length: 100\r\n\r\n{"na`,
        ),
      );
      socket.on("error", () => undefined);
      return socket;
    });
    try {
      const oversized = raw(`GET /me/tokens?${"q".repeat(200_000)} HTTP/1.1\r\nhost: x\r\n\r\n`);
      const served = await Promise.all(
        Array.from({ length: 10 }, () =>
          fetch(`${server.url}/me/tokens`, { headers: { authorization: `Bearer ${FAKE_TOKEN}` } }),
        ),
      );
      expect(served.map((response) => response.status)).toEqual(Array(10).fill(200));
      expect((await oversized).status).toBe(414);
    } finally {
      for (const socket of stalled) socket.destroy();
    }
  });
});
