import type { RequestSummary } from "../errors.js";
import { fail } from "./options.js";
import { readText } from "./response.js";

/** What sends a request: the global fetch, the `fetch` option, or a per-call `fetch`. */
export type Fetch = (request: Request) => Promise<Response>;

/** One attempt of a request, as the transport hands it to a sender. */
export interface Attempt {
  method: string;
  url: string;
  headers: Headers;
  /** The bytes (or text) to send; read once, sent by every attempt. */
  body: BodyInit | null | undefined;
  /** Aborts this attempt: its timeout, or the caller's signal. */
  signal: AbortSignal;
  /** Largest body read, counted after decompression. */
  limit: number;
  summary: RequestSummary;
  /**
   * How many times the request went on the wire so far: the sender adds one for each send, a silent
   * resend on a new connection included, so that the transport knows what may have reached the API.
   */
  sent: number;
  /** The `agent` option: an `http.Agent` or `https.Agent` the Node sender uses instead of its own. */
  agent: object | undefined;
}

/** What an attempt got back: the status and headers at once, the body once read. */
export interface Answer {
  status: number;
  headers: Headers;
  /** The answer was a redirect, which is never followed. */
  redirect: boolean;
  /** The whole body as text, or a rejection once more than `limit` bytes arrive or the signal aborts. */
  read(): Promise<string>;
  /** Drops the body unread, releasing what holds it. */
  discard(): void;
}

/** Refuses the `agent` option where requests go through fetch, which has no agents (only the Node sender takes one). */
export const checkAgent = (agent: unknown, _fetch: unknown, _baseUrl: string): void => {
  if (agent !== undefined) fail("options.agent is for Node's own HTTP client: requests here go through fetch, which has no agents");
};

/** Sends one attempt; `fetch` is the caller's own fetch, which always wins. */
export type Send = (attempt: Attempt, fetch?: Fetch) => Promise<Answer>;

/** Makes the Response of a call that no middleware sees from its status, headers, text and parsed success body. */
export type Respond = (status: number, headers: Headers, text: string, parsed: unknown) => Response;

/**
 * None on the fetch path: a browser program would pay more in bytes for a LightResponse than its calls
 * pay for a fresh Response, so they get the same fresh Response as middleware does.
 */
export const respond: Respond | undefined = undefined;

/** Resolves or rejects as the promise does, or rejects with the signal's reason as soon as it aborts; leaves no listener. */
export const guard = <T>(signal: AbortSignal, promise: Promise<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    // Aborted already (a custom fetch can abort the caller's signal while it runs): the promise is
    // still handled, so that its later rejection is not reported as unhandled.
    if (signal.aborted) return promise.catch(stop), stop();
    signal.addEventListener("abort", stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
  });

/**
 * The fetch path: browsers, Deno, Bun, workers, and any caller's own fetch. The global fetch (looked up
 * on each call: tests and polyfills replace it) honours the attempt's signal; a custom fetch gets a
 * Request of its own and is raced against the signal, so that one that ignores it cannot hang the call.
 */
export const send: Send = async (attempt, custom) => {
  const { method, url, headers, body, signal, limit } = attempt;
  // fetch never sends a request twice: undici re-sends only what it had not written yet.
  attempt.sent += 1;
  const init: RequestInit = { method, headers, body: body ?? null, signal, redirect: "manual" };
  const response = await (custom ? guard(signal, custom(new Request(url, init))) : fetch(url, init));
  return {
    status: response.status,
    headers: response.headers,
    redirect: response.type === "opaqueredirect" || response.redirected,
    read: () => readText(response, limit, custom ? (read) => guard(signal, read) : (read) => read),
    discard: () => void response.body?.cancel().catch(() => undefined),
  };
};
