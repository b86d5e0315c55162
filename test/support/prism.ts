import { inject } from "vitest";
import type { ClientOptions } from "../../src/index.js";
import { TOKEN } from "./clients.js";

/** Base URL of the Prism mock started by test/global-setup.ts. */
export const prismUrl = inject("prismUrl");

/** Prism's `sl-violations` header of every request a test sent as valid, checked after each file. */
export const contractViolations: string[] = [];

/** A fetch that records what Prism found wrong with a request the test says is valid. */
export async function contractFetch(request: Request): Promise<Response> {
  const label = `${request.method} ${new URL(request.url).pathname}`;
  const response = await fetch(request);
  const violations = response.headers.get("sl-violations");
  if (violations) contractViolations.push(`${label}: ${violations}`);
  return response;
}

/** Prism's verdict on a request a test sends knowing it is invalid. */
export interface Verdict {
  violations: string | null;
}

/** A fetch for deliberately invalid requests: it keeps Prism's verdict instead of failing the contract. */
export function verdictFetch(verdict: Verdict): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await fetch(request);
    verdict.violations = response.headers.get("sl-violations");
    return response;
  };
}

/** Client options against Prism, every request held to the contract. */
export const prismOptions = (extra: Partial<ClientOptions> = {}): ClientOptions => ({
  token: TOKEN,
  baseUrl: prismUrl,
  fetch: contractFetch,
  retries: 0,
  ...extra,
});

/** Options that ask Prism for a documented status instead of the first success. */
export const prefer = (status: number): Partial<ClientOptions> => ({ headers: { Prefer: `code=${status}` } });
