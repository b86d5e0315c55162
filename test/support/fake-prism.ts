import { startPrism } from "./prism-process.js";

/** A Prism proxy in front of an upstream server, holding every request and answer to the spec. */
export interface PrismProxy {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts `prism proxy openapi/openapi.yaml <upstream> --errors`: a request the spec rejects is answered
 * by Prism (422, or 401 without credentials) and never forwarded; an answer the spec rejects becomes
 * Prism's own error; either way with the `sl-violations` header. Resolves once a request went through.
 */
export function startPrismProxy(upstream: string, timeoutMs = 60_000): Promise<PrismProxy> {
  return startPrism(["proxy", "openapi/openapi.yaml", upstream, "--errors"], timeoutMs);
}
