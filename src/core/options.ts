/** What every client and facade takes. */
export interface ClientOptions {
  /** A Losant API token; sent only as `Authorization: Bearer <token>`. */
  token: string;
  /** Defaults to `https://api.losant.com`; no query string or fragment. */
  baseUrl?: string;
  /** A fetch to send requests with; defaults to the global `fetch`. */
  fetch?: (input: Request) => Promise<Response>;
  /**
   * Extra headers for every request, as a record, a `Headers` or pairs. `Authorization` is not one of
   * them (use `token`); `Accept-Version` replaces the default, the API version the spec describes.
   */
  // The DOM's `HeadersInit`, spelled out: that name is not declared without the DOM library (a Node
  // project with only @types/node), and a published type must compile there too.
  headers?: [string, string][] | Record<string, string> | Headers;
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
  /** Largest response body read, counted after decompression; default 10 MiB. */
  maxResponseBytes?: number;
  /**
   * Checks every success body against the spec's schema for its operation and status, and rejects with
   * `LosantValidationError` where it does not match; off by default. The validators load only then.
   */
  validateResponses?: boolean;
  /**
   * On Node, an `http.Agent` (for an `http://` baseUrl) or `https.Agent` to send with instead of the
   * client's own keep-alive agents: a proxy's agent, say. Refused where requests go through fetch.
   */
  agent?: NodeAgent;
}

/** Per-call options of the facades. */
// A type alias, not an interface: openapi-fetch's init type has an index signature.
export type CallOptions = {
  /** Aborts this call; an aborted call is never retried and rejects with the signal's reason. */
  signal?: AbortSignal;
};

/** Per-call options of `listAll`. */
export type ListAllOptions = CallOptions & {
  /** The most pages read before rejecting with `LosantPageLimitError`; default 1,000. */
  maxPages?: number;
};

/**
 * An `http.Agent` or `https.Agent`, described by members every Node agent has, so that the package's
 * types need no `@types/node`.
 */
export interface NodeAgent {
  maxSockets: number;
  destroy(): void;
}

/** The longest delay a timer takes. */
const MAX_DELAY = 2 ** 31 - 1;
/** The numeric options: default, least and greatest value allowed. */
const NUMBERS = {
  timeoutMs: [30_000, 1, MAX_DELAY],
  retries: [2, 0, 10],
  retryBaseDelayMs: [500, 0, MAX_DELAY],
  retryMaxDelayMs: [8_000, 0, MAX_DELAY],
  maxResponseBytes: [10 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER],
} as const;

/** Options after validation, every default filled in; `headers` as sent, the token's among them. */
export type ResolvedOptions = { -readonly [name in keyof typeof NUMBERS]: number } & {
  token: string;
  baseUrl: string;
  headers: Record<string, string>;
  fetch: ClientOptions["fetch"];
  agent: NodeAgent | undefined;
  validateResponses: boolean;
};

/** The Losant API version the spec describes, sent as `Accept-Version` the way Losant's own client does. */
export const API_VERSION = "1.30.0";

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * A URL as an error may show it, valid or not: everything between its scheme and its last `@` masked,
 * so that no part of a user name or password shows, however the parser would split them. The match
 * needs no `^`: where there is an `@` at all, it starts at the first character (`.` takes newlines too).
 */
const maskCredentials = (text: string): string => text.replace(/([a-z][a-z\d+.-]*:(?:\/\/)?)?.*@/is, "$1***@");

/**
 * A base URL as a refusal shows it, never with its credentials (a password in a URL is still a password):
 * a string or a URL object masked; any other object as "(object)", since its text or JSON could hold one.
 */
const shownUrl = (baseUrl: unknown): string => {
  const text = baseUrl instanceof URL ? baseUrl.href : baseUrl;
  return typeof text === "string"
    ? JSON.stringify(maskCredentials(text))
    : Object(text) === text
      ? "(object)"
      : String(text);
};

/** Throws the TypeError every refused input gets, its message prefixed with the package name. */
export function refuse(message: string): never {
  throw new TypeError(`losant-access-tokens: ${message}`);
}

/** Checks the options once, at creation, so that a misconfigured client never sends a request. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  const {
    token,
    baseUrl = "https://api.losant.com",
    headers = {},
    fetch,
    allowInsecureHttp,
    agent,
    validateResponses = false,
  } = options ?? ({} as Partial<ClientOptions>);
  // RFC 6750's b64token, which a Losant token (a JWT) is: anything else could be altered or refused on
  // the wire, and redaction relies on it having no character that JSON escapes. Never echoed.
  if (typeof token !== "string" || !/^[\w.~+/-]+=*$/.test(token))
    refuse("options.token must be a bearer token: letters, digits and -._~+/ then =");
  if (fetch !== undefined && typeof fetch !== "function") refuse("options.fetch must be a function");
  if (typeof validateResponses !== "boolean") refuse("options.validateResponses must be true or false");
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // reported below, with the http(s) check
  }
  const where = `options.baseUrl ${shownUrl(baseUrl)}`;
  // Paths are appended to the base URL: a query or fragment would swallow them.
  // Stryker disable next-line Regex: a URL's protocol always ends in its colon, so `$` changes nothing
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || /[?#]/.test(url.href)) {
    refuse(`${where} must be an absolute https:// URL without credentials, query or fragment`);
  }
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname) && allowInsecureHttp !== true) {
    refuse(`${where} would send the token in clear text off loopback: use https://, or allowInsecureHttp`);
  }
  let all: Headers | undefined;
  try {
    // The runtime's own rules: a header it would refuse on every request is refused now, once.
    all = new Headers(headers);
  } catch {
    refuse(
      "options.headers has a header no request can carry (a line break, NUL, a character above U+00FF, a bad pair)",
    );
  }
  if (all.has("authorization")) refuse("options.headers must not set Authorization: use options.token");
  const resolved = {
    token,
    fetch,
    agent,
    validateResponses,
    baseUrl: url.href.replace(/\/$/, ""),
    headers: {
      accept: "application/json",
      "accept-version": `^${API_VERSION}`,
      ...Object.fromEntries(all),
      authorization: `Bearer ${token}`,
    },
  } as Partial<ResolvedOptions> as ResolvedOptions;
  for (const [name, [fallback, min, max]] of Object.entries(NUMBERS) as [
    keyof typeof NUMBERS,
    readonly [number, number, number],
  ][]) {
    const value = options[name] ?? fallback;
    if (!(Number.isInteger(value) && value >= min && value <= max))
      refuse(`options.${name} must be a whole number from ${min} to ${max}, got ${typeof value} ${String(value)}`);
    resolved[name] = value;
  }
  return resolved;
}
