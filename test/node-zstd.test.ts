// zstd on the Node path: decoded where Node's zlib has a decoder for it (22.15, 23.8 and later), as that
// Node's fetch does. On an older Node (the one mutation testing runs on) zlib is given a stand-in
// decoder, gzip under zstd's name, so that what the sender does with a zlib that has zstd is tested
// there too; on a newer Node the real decoder reads a real zstd body.
import * as realZlib from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { createAccessTokensApi } from "../src/index.js";
import { TOKEN } from "./support/clients.js";
import { serve } from "./support/fault-server.js";

const native = "zstdCompressSync" in realZlib;

vi.mock("node:zlib", async (importOriginal) => {
  const zlib = await importOriginal<typeof import("node:zlib")>();
  if ("createZstdDecompress" in zlib) return zlib;
  const withZstd = { ...zlib, createZstdDecompress: () => zlib.createGunzip() };
  return { ...withZstd, default: withZstd };
});

const LIST = { items: [{ id: "a", name: "one" }], count: 1 };
const compress = (bytes: Buffer): Buffer =>
  native
    ? (realZlib as unknown as Record<string, (input: Buffer) => Buffer>)["zstdCompressSync"]!(bytes)
    : realZlib.gzipSync(bytes);

describe("an answer in zstd, where Node's zlib has a zstd decoder", () => {
  it.each(["zstd", "ZSTD"])("is decoded (%s)", async (encoding) => {
    const body = compress(Buffer.from(JSON.stringify(LIST)));
    const { url } = await serve((_request, response) => {
      response.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": encoding,
        "content-length": body.length,
      });
      response.end(body);
    });
    expect(await createAccessTokensApi({ token: TOKEN, baseUrl: url, retries: 0 }).list()).toEqual(LIST);
  });
});
