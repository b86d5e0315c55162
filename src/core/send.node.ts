/// <reference types="node" />
// The Node path, picked by the package's `node` import condition: Node's own HTTP client, without the
// WHATWG Request and Response objects and streams that Node's fetch builds for every request.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { pipeline, Transform } from "node:stream";
import zlib from "node:zlib";
import { LosantApiError, type RequestSummary } from "../errors.js";
import { LightResponse } from "./light-response.js";
import { send as sendWithFetch, type Answer, type Attempt, type Respond, type Send } from "./send.js";

/** On Node, a call that no middleware sees resolves with a LightResponse: a WHATWG Response is made only if the caller reads more. */
export const respond: Respond = (status, headers, text, parsed) => new LightResponse(status, headers, text, parsed) as unknown as Response;

// One keep-alive agent per protocol; each keeps a pool of sockets per origin, reused across calls. Node
// unrefs a pooled socket while it is idle, so a script ends by itself after its last call.
const http = { agent: new HttpAgent({ keepAlive: true }), request: httpRequest, encodings: "gzip, deflate" };
// What Node's fetch asks for: brotli only over HTTPS.
const https = { agent: new HttpsAgent({ keepAlive: true }), request: httpsRequest, encodings: "br, gzip, deflate" };

/** zlib is lenient with a truncated stream, as fetch is: what arrived is kept. */
const LENIENT = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI = { flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };
/** Decodes UTF-8 as fetch's text() does: a BOM dropped, bad bytes replaced. */
const decoder = new TextDecoder();
/** More codings than fetch allows: a cheap way to make a client spin. */
const MAX_CODINGS = 5;

/** A deflate decoder for either form servers send: zlib-wrapped (RFC 1950, as specified) or raw (RFC 1951). */
function inflate(): Transform {
  let inner: Transform | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      // A stream never hands a transform an empty chunk, so the first one has the first byte.
      if (!inner) {
        // A zlib stream's first byte names deflate (8) as its method; anything else is a raw stream.
        inner = (chunk[0]! & 0x0f) === 0x08 ? zlib.createInflate(LENIENT) : zlib.createInflateRaw(LENIENT);
        inner.on("data", (data: Buffer) => this.push(data)).on("error", (error) => this.destroy(error));
      }
      inner.write(chunk, done);
    },
    flush(done) {
      if (!inner) return done();
      inner.once("end", () => done()).end();
    },
  });
}

/** The decoders of a Content-Encoding, outermost coding last, as fetch applies them; none for an unknown coding. */
function decoders(encoding: string | undefined): Transform[] {
  if (!encoding) return [];
  const codings = encoding.toLowerCase().split(",");
  if (codings.length > MAX_CODINGS) throw new Error(`too many content-encodings in response: ${codings.length}, at most ${MAX_CODINGS}`);
  const chain: Transform[] = [];
  for (const coding of codings.map((name) => name.trim()).reverse()) {
    if (coding === "gzip" || coding === "x-gzip") chain.push(zlib.createGunzip(LENIENT));
    else if (coding === "deflate") chain.push(inflate());
    else if (coding === "br") chain.push(zlib.createBrotliDecompress(BROTLI));
    // zstd where this Node's zlib has it (22.15, 23.8 and later), as its fetch does.
    else if (coding === "zstd" && "createZstdDecompress" in zlib) chain.push((zlib as unknown as Record<string, () => Transform>)["createZstdDecompress"]!());
    else return [];
  }
  return chain;
}

/** The headers of an answer; a header a Headers refuses is dropped, as no fetch could hand it over either. */
function headersOf(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // dropped
    }
  }
  return headers;
}

/** Reads an answer's body through its decoders, counting decoded bytes against the limit. */
function readBody(response: IncomingMessage, chain: Transform[], limit: number, status: number, summary: RequestSummary): Promise<string> {
  return new Promise((resolve, reject) => {
    const stream = chain.length ? (pipeline([response, ...chain], () => undefined) as unknown as Transform) : response;
    const chunks: Buffer[] = [];
    let size = 0;
    // On a rejection, read() destroys the response, and pipeline its decoders with it; settling twice is harmless.
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return reject(new LosantApiError(summary, { status, detail: `the response body is larger than maxResponseBytes (${limit} bytes)` }));
      chunks.push(chunk);
    });
    // A body cut short (the connection closed, the attempt aborted) ends in an error: Node's response emits
    // "aborted" (ECONNRESET) once it has an error listener, and pipeline passes a decoder's error on.
    stream.on("error", reject);
    // Stryker disable next-line ConditionalExpression: Buffer.concat of one chunk gives the same bytes; the shortcut only saves a copy.
    stream.on("end", () => resolve(decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))));
  });
}

/** Methods RFC 9110 makes idempotent: safe to send again on a new connection when a pooled one was found closed. */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);

/**
 * Sends one attempt with `node:http` or `node:https`. A caller's fetch, or a body only fetch knows how
 * to send (a stream, a FormData), goes through fetch instead.
 */
export const send: Send = (attempt, custom) => {
  const { body } = attempt;
  if (custom || !(body == null || typeof body === "string" || body instanceof ArrayBuffer || ArrayBuffer.isView(body))) return sendWithFetch(attempt, custom);
  return exchange(attempt, attempt.url.startsWith("https:") ? https : http, 0);
};

function exchange(attempt: Attempt, client: typeof http, stale: number): Promise<Answer> {
  const { method, url, headers, body, signal, limit, summary } = attempt;
  return new Promise<Answer>((resolve, reject) => {
    const fields: Record<string, string> = { "accept-encoding": client.encodings };
    headers.forEach((value, name) => (fields[name] = value));
    const outgoing = client.request(url, { method, headers: fields, agent: client.agent });
    // The attempt's signal is fresh and not yet aborted (the transport makes one per attempt, and a stale
    // socket is retried only before it aborts); once the attempt is over nothing aborts it, so the listener
    // is left to go with it. Until then it covers the body too: the attempt's timeout does.
    signal.addEventListener("abort", () => outgoing.destroy(signal.reason as Error));
    outgoing.once("error", (error: Error & { code?: string }) => {
      // A pooled connection the server had closed while it sat idle: nothing was answered, and a request
      // that may be repeated goes again on another connection (the pool has dropped this one).
      if (outgoing.reusedSocket && stale < 8 && !signal.aborted && IDEMPOTENT.has(method) && (error.code === "ECONNRESET" || error.code === "EPIPE")) {
        return resolve(exchange(attempt, client, stale + 1));
      }
      reject(error);
    });
    outgoing.once("response", (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const headers = headersOf(response.rawHeaders);
      const answer: Answer = {
        status,
        headers,
        redirect: false,
        read: async () => {
          try {
            // The transport reads at once, in the task that got the headers: nothing can have aborted the
            // attempt or closed the connection since. A HEAD or a 204 has no body, whatever its headers
            // announce (a 304 never gets here: the transport refuses redirections unread).
            if (method === "HEAD" || status === 204) return await readBody(response, [], limit, status, summary);
            if (Number(headers.get("content-length")) > limit) {
              throw new LosantApiError(summary, { status, detail: `the response body is larger than maxResponseBytes (${limit} bytes)` });
            }
            return await readBody(response, decoders(headers.get("content-encoding") ?? undefined), limit, status, summary);
          } catch (error) {
            response.destroy();
            throw error;
          }
        },
        discard: () => void response.destroy(),
      };
      resolve(answer);
    });
    outgoing.end(body == null ? undefined : typeof body === "string" ? body : Buffer.from(body as ArrayBuffer));
  });
}
