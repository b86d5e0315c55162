/// <reference types="node" />
// The Node path, picked by the package's `node` import condition: Node's own HTTP client, without the
// WHATWG Request and Response objects and streams that Node's fetch builds for every request.
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { pipeline, Transform } from "node:stream";
import zlib from "node:zlib";
import { LightResponse } from "./light-response.js";
import { refuse } from "./options.js";
import { nodeUsesEnvProxy } from "./proxy-env.js";
import { BodyTooLarge } from "./response.js";
import { send as sendWithFetch } from "./send.js";
import type { Answer, Attempt, CheckAgent, Respond, Send } from "./sender.js";

/**
 * Checks the `agent` option this sender takes: an `http.Agent` or `https.Agent` for the baseUrl's protocol,
 * and no `fetch` option, which would send instead.
 */
export const checkAgent: CheckAgent = (agent, fetch, baseUrl) => {
  if (agent === undefined) return;
  // What Node's own request() checks an agent by.
  if (typeof (Object(agent) as { addRequest?: unknown }).addRequest !== "function")
    refuse("options.agent must be an http.Agent or https.Agent");
  if (fetch)
    refuse("options.agent is for Node's own HTTP client: requests here go through options.fetch, which has no agents");
  // Node's own agents say their protocol; a proxy agent from npm works out its own per request.
  const own = Object.getOwnPropertyDescriptor(agent, "protocol")?.value as unknown;
  if (typeof own === "string" && !baseUrl.startsWith(own))
    refuse(`options.agent is an agent for ${own}// URLs, and options.baseUrl is not one`);
};

/** On Node, a call that no middleware sees resolves with a LightResponse: a WHATWG Response is made only if the caller reads more. */
export const respond: Respond = (status, headers, text, parsed) =>
  new LightResponse(status, headers, text, parsed) as unknown as Response;

// One keep-alive agent per protocol; each keeps a pool of sockets per origin, reused across calls. Node
// unrefs a pooled socket while it is idle, so a script ends by itself after its last call. Where Node's own
// fetch sends through HTTP_PROXY and HTTPS_PROXY, so do they: a proxy the network requires is not bypassed.
const agentOptions = nodeUsesEnvProxy() ? { keepAlive: true, proxyEnv: process.env } : { keepAlive: true };
const http = { agent: new HttpAgent(agentOptions), request: httpRequest, encodings: "gzip, deflate" };
// What Node's fetch asks for: brotli only over HTTPS.
const https = { agent: new HttpsAgent(agentOptions), request: httpsRequest, encodings: "br, gzip, deflate" };

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
    // Stops the inner decoder too, at once: it may hold the rest of a bomb.
    destroy(error, done) {
      inner?.destroy();
      done(error);
    },
  });
}

/** The decoders of a Content-Encoding, outermost coding last, as fetch applies them; none for an unknown coding. */
function decoders(encoding: string | undefined): Transform[] {
  if (!encoding) return [];
  const codings = encoding.toLowerCase().split(",");
  if (codings.length > MAX_CODINGS)
    throw new Error(`too many content-encodings in response: ${codings.length}, at most ${MAX_CODINGS}`);
  const chain: Transform[] = [];
  for (const coding of codings.map((name) => name.trim()).reverse()) {
    if (coding === "gzip" || coding === "x-gzip") chain.push(zlib.createGunzip(LENIENT));
    else if (coding === "deflate") chain.push(inflate());
    else if (coding === "br") chain.push(zlib.createBrotliDecompress(BROTLI));
    // zstd where this Node's zlib has it (22.15, 23.8 and later), as its fetch does.
    else if (coding === "zstd" && "createZstdDecompress" in zlib)
      chain.push((zlib as unknown as Record<string, () => Transform>)["createZstdDecompress"]!());
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

/** Methods a sender may send again on a new connection when a pooled one turns out closed before any answer: RFC 9110's idempotent ones that a client sends. */
const RESENDABLE = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
/** Pooled connections found closed in a row before the call fails with the last one's error. */
const MAX_RESENDS = 8;

/**
 * Sends one attempt with `node:http` or `node:https`. A caller's fetch, or a body only fetch knows how
 * to send (a stream, a FormData), goes through fetch instead.
 */
export const send: Send = (attempt, custom) => {
  const { body } = attempt;
  if (custom || !(body == null || typeof body === "string" || body instanceof ArrayBuffer || ArrayBuffer.isView(body)))
    return sendWithFetch(attempt, custom);
  return exchange(attempt, attempt.url.startsWith("https:") ? https : http);
};

/** A socket closed with neither an answer nor an error: an unsolicited `101 Switching Protocols`, which Node ends silently. */
const closed = () => Object.assign(new Error("the connection closed without an HTTP answer"), { code: "ECONNRESET" });

/**
 * One exchange: the request (sent again on a new connection only while no answer has begun, and only for
 * a method that may be repeated), then its answer's body. Whatever ends it (the answer read, an error,
 * a close, the attempt's signal) settles the promise pending at that moment, and a failure destroys at
 * once all it holds: request, response, decoders, and the listener on the signal.
 */
function exchange(attempt: Attempt, client: typeof http): Promise<Answer> {
  const { method, url, headers, body, signal, limit } = attempt;
  const agent = (attempt.agent as HttpAgent | undefined) ?? client.agent;
  const fields: Record<string, string> = { "accept-encoding": client.encodings };
  headers.forEach((value, name) => {
    fields[name] = value;
  });
  const payload = body == null ? undefined : typeof body === "string" ? body : Buffer.from(body as ArrayBuffer);
  return new Promise<Answer>((resolve, reject) => {
    let outgoing: ClientRequest | undefined;
    // Set once the answer's headers arrive: from then on the request is never sent again, and the body's read reports failures.
    let response: IncomingMessage | undefined;
    let answer!: Answer;
    let chain: Transform[] = [];
    let failure: Error | undefined;
    // The pending promise's rejection: the answer's, then its body's.
    let settle = reject;
    // Ends the exchange with `error`: the pending promise rejects, and everything it holds is destroyed.
    const abandon = (error: Error) => {
      failure ??= error;
      settle(failure);
      signal.removeEventListener("abort", abort);
      outgoing?.destroy();
      response?.destroy();
      // A decoder is destroyed itself: its input may all have arrived, and it would go on inflating a bomb.
      for (const stream of chain) stream.destroy();
    };
    // The attempt's timeout or the caller's abort ends it in every state, even with the request already destroyed.
    const abort = () => abandon(signal.reason as Error);
    signal.addEventListener("abort", abort);
    const read = () =>
      new Promise<string>((done, rejectBody) => {
        if (failure) return rejectBody(failure);
        settle = rejectBody;
        const incoming = response!;
        const { status } = answer;
        try {
          // A HEAD or a 204 has no body, whatever its headers announce (a 304 never gets here: the
          // transport refuses redirections unread).
          if (method !== "HEAD" && status !== 204) {
            if (Number(answer.headers.get("content-length")) > limit) throw new BodyTooLarge();
            chain = decoders(answer.headers.get("content-encoding") ?? undefined);
          }
        } catch (error) {
          return abandon(error as Error);
        }
        const stream = chain.length
          ? (pipeline([incoming, ...chain], () => undefined) as unknown as Transform)
          : incoming;
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (chunk: Buffer) => {
          if ((size += chunk.length) > limit) return abandon(new BodyTooLarge());
          chunks.push(chunk);
        });
        // A body cut short (the connection closed, the attempt aborted) ends in an error: Node's response emits
        // "aborted" (ECONNRESET) once it has an error listener, and pipeline passes a decoder's error on.
        stream.on("error", abandon);
        // The listener on the signal is left: the attempt's signal is its own, and once the attempt is over
        // (its timer cleared, the caller's signal no longer forwarded) nothing aborts it; it goes with it.
        // Stryker disable next-line ConditionalExpression: Buffer.concat of one chunk gives the same bytes; the shortcut only saves a copy.
        stream.on("end", () => done(decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))));
      });
    const start = (resends: number) => {
      let request: ClientRequest;
      try {
        // Node refuses some agents only here: one for the other protocol, say.
        request = outgoing = client.request(url, { method, headers: fields, agent });
      } catch (error) {
        return abandon(error as Error);
      }
      attempt.sent += 1;
      // Kept for the request's whole life: an error after the answer began is the body's to report, and
      // one after the call settled (a late reset) must not go unhandled.
      request.on("error", (error: Error & { code?: string }) => {
        if (response || request !== outgoing) return;
        // A pooled connection the server had closed while it sat idle: nothing was answered, and a request
        // that may be repeated goes again on another connection (the pool has dropped this one).
        if (
          request.reusedSocket &&
          resends < MAX_RESENDS &&
          !signal.aborted &&
          RESENDABLE.has(method) &&
          (error.code === "ECONNRESET" || error.code === "EPIPE")
        ) {
          return start(resends + 1);
        }
        abandon(error);
      });
      // Node closes a request without an error or an answer after an unsolicited protocol switch.
      request.on("close", () => response || request !== outgoing || abandon(closed()));
      request.once("response", (incoming: IncomingMessage) => {
        response = incoming;
        resolve(
          (answer = {
            status: incoming.statusCode ?? 0,
            headers: headersOf(incoming.rawHeaders),
            redirect: false,
            read,
            discard: () => abandon(closed()),
          }),
        );
      });
      request.end(payload);
    };
    start(0);
  });
}
