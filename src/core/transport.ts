import { LosantApiError, LosantConnectionError, quote, type RequestSummary } from "../errors.js";
import type { ResolvedOptions } from "./options.js";
import { redactor, type Redact } from "./redact.js";
import { normalise, readText } from "./response.js";
import { retryDelay, type Outcome } from "./retry-policy.js";

/** What sends a request: the global fetch, the `fetch` option, or a per-call `fetch`. */
export type Fetch = (request: Request) => Promise<Response>;
/** The fetch openapi-fetch calls, optionally with the fetch a single call asked for. */
export type Transport = (request: Request, fetch?: Fetch) => Promise<Response>;

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts; leaves no timer or listener. */
const wait = <T>(signal: AbortSignal, promise: Promise<T> | undefined, ms?: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const done = () => (clearTimeout(timer), signal.removeEventListener("abort", stop));
    const timer = ms === undefined ? undefined : setTimeout(() => (done(), resolve(undefined as T)), ms);
    if (signal.aborted) return stop();
    signal.addEventListener("abort", stop, { once: true });
    promise?.then(resolve, reject).finally(done);
  });

/**
 * What a fetch threw, as a `cause` safe to keep (its name and message with the token redacted: a parser
 * error may carry the raw bytes a server sent, and the first `code` down its cause chain, such as
 * ECONNREFUSED), and what to report: that code, or the innermost message. The chain is followed five
 * steps at most: it may be circular.
 */
function scrub(error: unknown, redact: Redact): [cause: Error & { code?: string }, reason: string] {
  const text = (value: unknown) => redact(typeof value === "string" ? value : "");
  const { name, message } = Object(error) as Record<string, unknown>;
  const cause = Object.assign(new Error(text(message)), { name: text(name) || "Error" });
  let reason = cause.message;
  for (let step = 0; step < 5 && error && typeof error === "object"; step += 1) {
    const { code, cause: next, message: inner } = error as Record<string, unknown>;
    if (typeof code === "string") return [Object.assign(cause, { code: text(code) }), text(code)];
    if (typeof inner === "string") reason = text(inner);
    error = next;
  }
  return [cause, reason];
}

/**
 * The fetch openapi-fetch calls: each attempt runs under its own timeout (body included) and the
 * caller's signal, even with a fetch that ignores signals; retries are what the retry policy allows;
 * redirects are refused; at most `maxResponseBytes` are read; and what comes back is a fresh Response
 * that openapi-fetch and any middleware can read, clone or replace.
 */
export function createTransport(options: ResolvedOptions): Transport {
  const { timeoutMs, maxResponseBytes } = options;
  const redact = redactor(options.token);

  return async (request, send = options.fetch) => {
    const { method, signal: caller, url } = request;
    // Only errors read the path; most calls never need it parsed.
    const summary: RequestSummary = {
      method,
      get path() {
        return new URL(url).pathname;
      },
    };
    // Read once: every attempt sends the same bytes with its own signal.
    const body = request.body && (await request.arrayBuffer());
    // Whether an earlier attempt may have reached the API and done what was asked.
    let uncertain = false;

    for (let attempt = 1; ; attempt += 1) {
      const controller = new AbortController();
      const { signal } = controller;
      const timer = setTimeout(() => controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError")), timeoutMs);
      const forward = () => controller.abort(caller.reason);
      caller.addEventListener("abort", forward);
      let response: Response | undefined;
      let text = "";
      let outcome: Outcome;
      let failure: ReturnType<typeof scrub> | undefined;
      try {
        caller.throwIfAborted();
        const init: RequestInit = { body, signal, redirect: "manual" };
        // The global fetch (looked up on each call: tests and polyfills replace it) takes the request with
        // the attempt's init, and honours its signal; a custom fetch gets a Request of its own and is
        // raced against the signal, so that one that ignores it cannot hang the call.
        response = await (send ? wait(signal, send(new Request(request, init))) : fetch(request, init));
        const { status } = response;
        if (response.type === "opaqueredirect" || (status > 299 && status < 400) || response.redirected) {
          response.body?.cancel().catch(() => undefined);
          throw new LosantApiError(status, undefined, summary, "the API answered with a redirect, which is not followed");
        }
        text = await readText(response, maxResponseBytes, send ? (read) => wait(signal, read) : (read) => read, summary);
        outcome = { status, retryAfter: response.headers.get("retry-after") };
      } catch (error) {
        if (caller.aborted) throw caller.reason;
        if (error instanceof LosantApiError) throw error;
        failure = scrub(error, redact);
        const timedOut = (signal.reason as Error | undefined)?.name === "TimeoutError";
        outcome = { failure: timedOut ? "timeout" : failure[0].code === "ECONNREFUSED" ? "refused" : "network" };
      } finally {
        clearTimeout(timer);
        caller.removeEventListener("abort", forward);
      }

      const delay = retryDelay(method, attempt, outcome, options);
      if (delay === undefined) {
        if (!failure) return normalise(response as Response, text, summary, redact, method === "DELETE" && uncertain);
        const kind = (outcome as { failure: string }).failure;
        // Headers may have arrived before the body failed: a create then did happen, its answer lost.
        const after = response ? ` after status ${response.status}` : "";
        throw new LosantConnectionError(
          kind === "timeout" ? "timeout" : "network",
          attempt,
          summary,
          kind === "timeout" ? `timed out after ${timeoutMs} ms${after}` : `failed${after}: ${quote(failure[1])}`,
          failure[0],
          response?.status,
          method !== "GET" && (uncertain || kind !== "refused"),
        );
      }
      uncertain ||= "failure" in outcome ? outcome.failure !== "refused" : outcome.status !== 429;
      await wait(caller, undefined, delay);
    }
  };
}
