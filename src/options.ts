/** What both `createAccessTokensClient` and `createAccessTokensApi` take. */
export interface ClientOptions {
  /** A Losant API token; sent only as `Authorization: Bearer <token>`. */
  token: string;
  /** Defaults to `https://api.losant.com`. */
  baseUrl?: string;
  /** A fetch to send requests with; defaults to the global `fetch`. */
  fetch?: (input: Request) => Promise<Response>;
  /** Extra headers for every request. `Authorization` is not one of them: use `token`. */
  headers?: Record<string, string>;
  /** Allows `http://` to a host other than loopback, which sends the token in clear text. */
  allowInsecureHttp?: boolean;
  /** Time allowed for each attempt, from sending to the last byte of the body; default 30 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt, where a retry is safe; default 2, 0 turns them off. */
  retries?: number;
  /** Base of the exponential backoff between retries; default 500 ms. */
  retryBaseDelayMs?: number;
  /** Longest backoff between retries; default 8 000 ms. */
  retryMaxDelayMs?: number;
}

/** Options after validation, every default filled in. */
export interface ResolvedOptions {
  token: string;
  baseUrl: string;
  fetch: ((input: Request) => Promise<Response>) | undefined;
  headers: Record<string, string>;
  timeoutMs: number;
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

function fail(message: string): never {
  throw new TypeError(`losant-access-tokens: ${message}`);
}

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    fail(`options.${name} must be a finite number of at least ${min}, got ${String(value)}`);
  }
  return value;
}

/** Checks the options once, at creation, so that a misconfigured client never sends a request. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  if (!options || typeof options !== "object") fail("options are required: { token: string, baseUrl?: string }");
  const { token } = options;
  if (typeof token !== "string" || token.trim() === "") fail("options.token is required and must be a non-empty string");
  // A control character would let the token split or forge headers; the value itself is never echoed.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(token)) fail("options.token contains a line break or another control character");

  const base = options.baseUrl ?? "https://api.losant.com";
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    fail(`options.baseUrl is not an absolute URL: ${JSON.stringify(base)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") fail(`options.baseUrl must use https:, got ${url.protocol}`);
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname) && options.allowInsecureHttp !== true) {
    fail(
      `options.baseUrl ${url.origin} uses http:// to a host that is not loopback, which would send the token in clear text; ` +
        "use https://, or set allowInsecureHttp: true",
    );
  }
  if (url.username || url.password) fail("options.baseUrl must not carry credentials; use options.token");

  const headers = { ...options.headers };
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === "authorization") fail("options.headers must not set Authorization; pass the token as options.token");
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") fail("options.fetch must be a function");

  const retries = count("retries", options.retries, 2, 0);
  if (!Number.isInteger(retries)) fail(`options.retries must be a whole number, got ${retries}`);
  return {
    token,
    baseUrl: url.href.replace(/\/+$/, ""),
    fetch: options.fetch,
    headers,
    timeoutMs: count("timeoutMs", options.timeoutMs, 30_000, 1),
    retries,
    retryBaseDelayMs: count("retryBaseDelayMs", options.retryBaseDelayMs, 500, 0),
    retryMaxDelayMs: count("retryMaxDelayMs", options.retryMaxDelayMs, 8_000, 0),
  };
}
