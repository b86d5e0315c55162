/** The numeric options: default, least and greatest value allowed (timers take at most 2^31 − 1 ms). */
const NUMBERS = {
    timeoutMs: [30_000, 1, 2 ** 31 - 1],
    retries: [2, 0, 10],
    retryBaseDelayMs: [500, 0, 2 ** 31 - 1],
    retryMaxDelayMs: [8_000, 0, 2 ** 31 - 1],
    maxResponseBytes: [10 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER],
};
/** The Losant API version the spec describes, sent as `Accept-Version` the way Losant's own client does. */
export const API_VERSION = "1.30.0";
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
/** Throws the TypeError every refused input gets, its message prefixed with the package name. */
export function fail(message) {
    throw new TypeError(`losant-access-tokens: ${message}`);
}
/** Checks the options once, at creation, so that a misconfigured client never sends a request. */
export function resolveOptions(options) {
    const { token, baseUrl = "https://api.losant.com", headers = {}, fetch, allowInsecureHttp } = options ?? {};
    // RFC 6750's b64token, which a Losant token (a JWT) is: anything else could be altered or refused on
    // the wire, and redaction relies on it having no character that JSON escapes. Never echoed.
    if (typeof token !== "string" || !/^[\w.~+/-]+=*$/.test(token))
        fail("options.token must be a bearer token: letters, digits and -._~+/ then =");
    if (fetch !== undefined && typeof fetch !== "function")
        fail("options.fetch must be a function");
    let url;
    try {
        url = new URL(baseUrl);
    }
    catch {
        // reported below, with the http(s) check
    }
    const where = `options.baseUrl ${JSON.stringify(baseUrl)}`;
    // Paths are appended to the base URL: a query or fragment would swallow them.
    if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || /[?#]/.test(url.href)) {
        fail(`${where} must be an absolute https:// URL without credentials, query or fragment`);
    }
    if (url.protocol === "http:" && !LOOPBACK.test(url.hostname) && allowInsecureHttp !== true) {
        fail(`${where} would send the token in clear text off loopback: use https://, or allowInsecureHttp`);
    }
    let all;
    try {
        // The runtime's own rules: a header it would refuse on every request is refused now, once.
        all = new Headers(headers);
    }
    catch {
        fail("options.headers has a header no request can carry (a line break, NUL, a character above U+00FF, a bad pair)");
    }
    if (all.has("authorization"))
        fail("options.headers must not set Authorization: use options.token");
    const resolved = {
        token,
        fetch,
        baseUrl: url.href.replace(/\/$/, ""),
        headers: { accept: "application/json", "accept-version": `^${API_VERSION}`, ...Object.fromEntries(all), authorization: `Bearer ${token}` },
    };
    for (const [name, [fallback, min, max]] of Object.entries(NUMBERS)) {
        const value = options[name] ?? fallback;
        if (!(Number.isInteger(value) && value >= min && value <= max))
            fail(`options.${name} must be a whole number from ${min} to ${max}, got ${typeof value} ${String(value)}`);
        resolved[name] = value;
    }
    return resolved;
}
