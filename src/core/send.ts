// The fetch path, the sender `#send` picks everywhere but on Node (see sender.ts for the contract).
import { refuse } from "./options.js";
import { abortable } from "./abort.js";
import { readText } from "./response.js";
import type { CheckAgent, Respond, Send } from "./sender.js";

/** Refuses the `agent` option where requests go through fetch, which has no agents (only the Node sender takes one). */
export const checkAgent: CheckAgent = (agent) => {
  if (agent !== undefined)
    refuse("options.agent is for Node's own HTTP client: requests here go through fetch, which has no agents");
};

/**
 * None on the fetch path: a browser program would pay more in bytes for a LightResponse than its calls
 * pay for a fresh Response, so they get the same fresh Response as middleware does.
 */
export const respond: Respond | undefined = undefined;

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
  const response = await (custom ? abortable(signal, custom(new Request(url, init))) : fetch(url, init));
  return {
    status: response.status,
    headers: response.headers,
    redirect: response.type === "opaqueredirect" || response.redirected,
    read: () => readText(response, limit, (read) => (custom ? abortable(signal, read) : read)),
    discard: () => void response.body?.cancel().catch(() => undefined),
  };
};
