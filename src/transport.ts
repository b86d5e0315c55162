import { LosantApiError, LosantConnectionError, type RequestSummary } from "./errors.js";
import type { ResolvedOptions } from "./options.js";

/** The API has no idempotency keys: only these may be sent again after anything could have reached it. */
const IDEMPOTENT = new Set(["GET", "DELETE"]);
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
/** Errors that mean nothing was sent: safe to retry for every method. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);
const MAX_RETRY_AFTER_MS = 60_000;
const EXCERPT = 200;

class Timeout extends Error {}

/** Waits `ms`, or rejects with the caller's abort reason as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Milliseconds a `Retry-After` header asks for (delta-seconds or an HTTP date), if it is readable. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function errorCode(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  if (typeof code === "string") return code;
  return cause && cause !== error ? errorCode(cause) : undefined;
}

const excerpt = (text: string) => JSON.stringify(text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);

/**
 * The fetch openapi-fetch calls: per-attempt timeout (body included), safe retries with backoff,
 * and bodies normalised so that callers never meet a raw SyntaxError or see the token echoed back.
 */
export function createTransport(options: ResolvedOptions): (request: Request) => Promise<Response> {
  const { token, timeoutMs, retries, retryBaseDelayMs, retryMaxDelayMs } = options;
  const redact = (text: string) => (text.includes(token) ? text.replaceAll(token, "[REDACTED]") : text);
  const backoff = (retry: number) => Math.random() * Math.min(retryMaxDelayMs, retryBaseDelayMs * 2 ** (retry - 1));

  return async function send(request) {
    const caller = request.signal;
    const summary: RequestSummary = { method: request.method, path: new URL(request.url).pathname };
    const idempotent = IDEMPOTENT.has(request.method);
    // A body can be sent once per Request; keep a pristine copy only when a retry could need it.
    const spare = request.body !== null && retries > 0 ? request.clone() : undefined;
    const doFetch = options.fetch ?? globalThis.fetch;

    for (let attempt = 1; ; attempt += 1) {
      const mayRetry = attempt <= retries;
      const controller = new AbortController();
      const onAbort = () => controller.abort(caller.reason);
      caller.addEventListener("abort", onAbort, { once: true });
      const timer = setTimeout(() => controller.abort(new Timeout()), timeoutMs);
      const input = spare && attempt > 1 ? spare.clone() : request;
      let response: Response;
      let text: string;
      try {
        if (caller.aborted) throw caller.reason;
        response = await doFetch(new Request(input, { signal: controller.signal }));
        text = await response.text();
      } catch (error) {
        if (caller.aborted) throw caller.reason;
        const timedOut = controller.signal.reason instanceof Timeout;
        const code = errorCode(error);
        if (mayRetry && (idempotent || (code !== undefined && NOT_SENT.has(code)))) {
          await sleep(backoff(attempt), caller);
          continue;
        }
        throw timedOut
          ? new LosantConnectionError("timeout", attempt, summary, `timed out after ${timeoutMs} ms`, error)
          : new LosantConnectionError("network", attempt, summary, `failed: ${code ?? String(error)}`, error);
      } finally {
        clearTimeout(timer);
        caller.removeEventListener("abort", onAbort);
      }

      const { status } = response;
      if (RETRY_STATUSES.has(status) && idempotent && mayRetry) {
        const asked = retryAfterMs(response.headers.get("retry-after"));
        if (asked === undefined || asked <= MAX_RETRY_AFTER_MS) {
          await sleep(asked ?? backoff(attempt), caller);
          continue;
        }
      }
      return normalise(response, redact(text), summary);
    }
  };
}

/** A Response openapi-fetch can always read: JSON on every error, valid JSON or nothing on success. */
function normalise(response: Response, text: string, summary: RequestSummary): Response {
  const { status } = response;
  const init = { status, statusText: response.statusText, headers: response.headers };
  if (status >= 200 && status < 300) {
    if (text === "") {
      if (summary.method === "DELETE") return new Response(null, init);
      throw new LosantApiError(status, undefined, summary, "the response body is empty, where JSON was expected");
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new LosantApiError(status, text, summary, `the response body is not valid JSON: ${excerpt(text)}`);
    }
    const ok = new Response(text, init);
    // Parsed once here already: when the server sent a Content-Length, openapi-fetch reads json() and gets it.
    ok.json = () => Promise.resolve(parsed);
    return ok;
  }
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    // A proxy's HTML or plain-text page: keep the error typed as the API's Error body.
  }
  if (!body || typeof body !== "object") {
    const detail = text === "" ? "empty body" : `non-JSON body ${excerpt(text)}`;
    body = { message: `HTTP ${status} ${response.statusText || "error"} with ${detail}` };
  }
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify(body), { ...init, headers });
}
