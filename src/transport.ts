import { LosantApiError, LosantConnectionError, type RequestSummary } from "./errors.js";
import type { ResolvedOptions } from "./options.js";

/** The API has no idempotency keys: only these may be sent again after anything could have reached it. */
const IDEMPOTENT = ["GET", "DELETE"];
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 60_000;
const NOT_JSON = Symbol();
const EXCERPT = 200;

// An attempt that runs out of time is aborted the way AbortSignal.timeout() does it; the reason becomes
// the `cause` of the LosantConnectionError, and is made only when a timer actually fires.
const expire = (controller: AbortController) => controller.abort(new DOMException("timed out", "TimeoutError"));

/** Calls `then` once when `signal` aborts; returns what stops listening. */
function onAbort(signal: AbortSignal, then: () => void): () => void {
  signal.addEventListener("abort", then, { once: true });
  return () => signal.removeEventListener("abort", then);
}

/** Waits `ms`, or rejects with the caller's abort reason as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const stop = signal && onAbort(signal, () => (clearTimeout(timer), reject(signal.reason)));
    const timer = setTimeout(() => (stop?.(), resolve()), ms);
  });
}

/** Milliseconds a `Retry-After` header asks for (delta-seconds or an HTTP date), if it is readable. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  // fetch has already trimmed the value
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function errorCode(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  if (typeof code === "string") return code;
  return cause && cause !== error ? errorCode(cause) : undefined;
}

const excerpt = (text: string) => JSON.stringify(text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);
const summarize = (request: Request): RequestSummary => ({ method: request.method, path: new URL(request.url).pathname });

/** On an error Response: the method and path of the request it answers. */
export const REQUEST = Symbol();
const CONTROLLER = Symbol();
const CALLER = Symbol();
const BODY = Symbol();

/**
 * The Request class openapi-fetch builds requests with: each carries the abort signal of its first
 * attempt from the start, so that attempt goes to fetch as it is. Handing fetch a Request together
 * with a RequestInit makes it copy the request, which cost more than everything else this client adds.
 */
export class ArmedRequest extends Request {
  declare [CONTROLLER]: AbortController;
  /** The caller's own signal, which the request's signal no longer is. */
  declare [CALLER]: AbortSignal | undefined;
  /** The body as openapi-fetch serialised it (JSON text): a retry sends it again. */
  declare [BODY]: BodyInit | undefined;

  constructor(input: RequestInfo | URL, init: RequestInit = {}) {
    const controller = new AbortController();
    super(input, { ...init, signal: controller.signal });
    this[CONTROLLER] = controller;
    this[CALLER] = init.signal ?? undefined;
    this[BODY] = init.body ?? undefined;
  }
}

/**
 * The fetch openapi-fetch calls: per-attempt timeout (body included), safe retries with backoff,
 * and bodies normalised so that callers never meet a raw SyntaxError or see the token echoed back.
 */
export function createTransport(options: ResolvedOptions): (request: Request) => Promise<Response> {
  const { token, timeoutMs, retries, retryBaseDelayMs, retryMaxDelayMs, fetch: custom } = options;
  const redact = (text: string) => (text.includes(token) ? text.replaceAll(token, "[REDACTED]") : text);
  const backoff = (retry: number) => Math.random() * Math.min(retryMaxDelayMs, retryBaseDelayMs * 2 ** (retry - 1));

  return async function send(request) {
    // openapi-fetch lets a call pass its own Request class, which would bypass the timeout and retries.
    if (!(request instanceof ArmedRequest)) throw new TypeError("losant-access-tokens: the `Request` option is not supported");
    const { method, [CALLER]: caller } = request;
    const idempotent = IDEMPOTENT.includes(method);

    for (let attempt = 1; ; attempt += 1) {
      const mayRetry = attempt <= retries;
      const controller = attempt === 1 ? request[CONTROLLER] : new AbortController();
      const { signal } = controller;
      const stop = caller && onAbort(caller, () => controller.abort(caller.reason));
      const timer = setTimeout(expire, timeoutMs, controller);
      let response: Response;
      let text: string;
      try {
        if (caller?.aborted) throw caller.reason;
        // A bodiless first attempt goes as openapi-fetch built it. Anything else is sent from the URL and
        // the JSON text openapi-fetch serialised (a Request's body stream can be read only once), with
        // the attempt's signal: cheaper for fetch than a second Request, and safe to repeat.
        const body = request[BODY];
        const init =
          request.signal === signal && body === undefined ? undefined : ({ method, body, signal, headers: request.headers } as RequestInit);
        if (!init) response = await (custom ?? fetch)(request);
        else response = await (custom ? custom(new Request(request.url, init)) : fetch(request.url, init));
        text = await response.text();
      } catch (error) {
        if (caller?.aborted) throw caller.reason;
        const code = errorCode(error);
        // A refused connection means nothing was sent: safe to retry for every method.
        if (mayRetry && (idempotent || code === "ECONNREFUSED")) {
          await sleep(backoff(attempt), caller);
          continue;
        }
        throw (signal.reason as Error | undefined)?.name === "TimeoutError"
          ? new LosantConnectionError("timeout", attempt, summarize(request), `timed out after ${timeoutMs} ms`, error)
          : new LosantConnectionError("network", attempt, summarize(request), `failed: ${code ?? String(error)}`, error);
      } finally {
        clearTimeout(timer);
        stop?.();
      }

      const { status } = response;
      if (RETRY_STATUSES.has(status) && idempotent && mayRetry) {
        const asked = retryAfterMs(response.headers.get("retry-after"));
        if (asked === undefined || asked <= MAX_RETRY_AFTER_MS) {
          await sleep(asked ?? backoff(attempt), caller);
          continue;
        }
      }
      return normalise(response, text, request, redact);
    }
  };
}

/** A Response openapi-fetch can always read: JSON on every error, valid JSON or nothing on success. */
function normalise(response: Response, text: string, request: Request, redact: (text: string) => string): Response {
  const { status, statusText } = response;
  const ok = status >= 200 && status < 300;
  // Error bodies end up in logs: the token goes before anything reads them.
  if (!ok) text = redact(text);
  let body: unknown = NOT_JSON;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    // not JSON: a proxy's HTML or plain-text page, or a truncated body
  }
  if (ok) {
    if (body === NOT_JSON || (body === undefined && request.method !== "DELETE")) {
      const shown = redact(text);
      const detail = shown ? `not valid JSON: ${excerpt(shown)}` : "empty, where JSON was expected";
      throw new LosantApiError(status, shown || undefined, summarize(request), `the response body is ${detail}`);
    }
    // The body was read (within the timeout) and parsed here; openapi-fetch reads it back through these.
    response.json = () => Promise.resolve(body);
    response.text = () => Promise.resolve(text);
    return response;
  }
  if (!body || typeof body !== "object") {
    // Keep the error typed as the API's Error body, saying what came instead.
    body = { message: `HTTP ${status} ${statusText || "error"} with ${text ? `non-JSON body ${excerpt(text)}` : "empty body"}` };
  }
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  // The facade's LosantApiError names the request; a Response alone no longer can.
  return Object.assign(new Response(JSON.stringify(body), { status, statusText, headers }), { [REQUEST]: summarize(request) });
}
