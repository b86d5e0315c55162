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

/** Options after validation, every default filled in (`fetch` stays optional: the global one is looked up per call). */
export type ResolvedOptions = Required<Omit<ClientOptions, "fetch" | "allowInsecureHttp">> & Pick<ClientOptions, "fetch">;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

function fail(message: string): never {
  throw new TypeError(`losant-access-tokens: ${message}`);
}

/** The numeric options: default, and least value allowed. */
const NUMBERS = { timeoutMs: [30_000, 1], retries: [2, 0], retryBaseDelayMs: [500, 0], retryMaxDelayMs: [8_000, 0] } as const;

/** Checks the options once, at creation, so that a misconfigured client never sends a request. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  const { token, baseUrl = "https://api.losant.com", headers = {}, fetch } = options ?? ({} as Partial<ClientOptions>);
  // A control character would let the token split or forge headers; the value itself is never echoed.
  // eslint-disable-next-line no-control-regex
  if (typeof token !== "string" || !token.trim() || /[\u0000-\u001f\u007f]/.test(token)) {
    fail("options.token is required: a non-empty string with no line break or other control character");
  }
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // reported below, with the http(s) check
  }
  if (!url || !/^https?:$/.test(url.protocol)) fail(`options.baseUrl must be an absolute https:// URL, got ${JSON.stringify(baseUrl)}`);
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname) && options.allowInsecureHttp !== true) {
    fail(
      `options.baseUrl ${url.origin} uses http:// to a host that is not loopback, which would send the token in clear text; ` +
        "use https://, or set allowInsecureHttp: true",
    );
  }
  if (url.username || url.password) fail("options.baseUrl must not carry credentials; use options.token");
  if (Object.keys(headers).some((name) => /^authorization$/i.test(name))) {
    fail("options.headers must not set Authorization; pass the token as options.token");
  }
  if (fetch !== undefined && typeof fetch !== "function") fail("options.fetch must be a function");

  const resolved = { token, baseUrl: url.href, fetch, headers } as ResolvedOptions;
  for (const [name, [fallback, min]] of Object.entries(NUMBERS) as [keyof typeof NUMBERS, readonly [number, number]][]) {
    const value = options[name] ?? fallback;
    if (!(Number.isInteger(value) && value >= min)) {
      fail(`options.${name} must be a whole number of at least ${min}, got ${typeof value} ${String(value)}`);
    }
    resolved[name] = value;
  }
  return resolved;
}
