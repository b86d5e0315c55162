import { LosantApiError, LosantConnectionError, quote, type RequestSummary } from "../errors.js";
import type { ResolvedOptions } from "./options.js";
import { redactor, type Redact } from "./redact.js";
import { checkAgent, respond, send } from "#send";
import { LightRequest } from "./request.js";
import { mayHaveSucceeded } from "./effect.js";
import { BodyTooLarge, normalise } from "./response.js";
import { retryDelay, type Outcome } from "./retry-policy.js";
import { wait } from "./abort.js";
import type { Answer, Fetch } from "./sender.js";

/** The fetch openapi-fetch calls, optionally with the fetch a single call asked for. */
export type Transport = (request: Request | LightRequest, fetch?: Fetch) => Promise<Response>;

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
 * that openapi-fetch and any middleware can read, clone or replace (on Node, for a call no middleware
 * sees, a LightResponse that makes that Response only if the caller reads more than openapi-fetch does).
 */
export function createTransport(options: ResolvedOptions): Transport {
  const { timeoutMs, maxResponseBytes: limit, agent } = options;
  const redact = redactor(options.token);
  checkAgent(agent, options.fetch, options.baseUrl);

  return async (request, custom = options.fetch) => {
    const { method, url, headers } = request;
    // A LightRequest has a signal only when the caller gave one.
    const caller = request.signal as AbortSignal | undefined;
    // Only errors read the path; most calls never need it parsed.
    const summary: RequestSummary = {
      method,
      get path() {
        return new URL(url).pathname;
      },
    };
    // Read once: every attempt sends the same bytes with its own signal.
    const body = request instanceof LightRequest ? request.body : request.body && (await request.arrayBuffer());
    // Whether an earlier send of this call (an earlier attempt, or a resend within one) may have reached the API.
    let uncertain = false;

    for (let attempt = 1; ; attempt += 1) {
      const controller = new AbortController();
      const { signal } = controller;
      const timer = setTimeout(
        () => controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError")),
        timeoutMs,
      );
      const forward = () => controller.abort(caller?.reason);
      caller?.addEventListener("abort", forward);
      const sending = { method, url, headers, body, signal, limit, sent: 0, agent };
      let answer: Answer | undefined;
      // Set once the body has been read, the one path that reaches normalise.
      let text!: string;
      let outcome!: Outcome;
      let failure: ReturnType<typeof scrub> | undefined;
      // Why a complete answer is refused unread: a redirect, or a body over the limit.
      let refusal: string | undefined;
      try {
        caller?.throwIfAborted();
        answer = await send(sending, custom);
        const { status } = answer;
        if (answer.redirect || (status > 299 && status < 400)) {
          answer.discard();
          refusal = "the API answered with a redirect, which is not followed";
        } else {
          text = await answer.read();
          outcome = { status, retryAfter: answer.headers.get("retry-after") };
        }
      } catch (error) {
        if (caller?.aborted) throw caller.reason;
        if (error instanceof BodyTooLarge)
          refusal = `the response body is larger than maxResponseBytes (${limit} bytes)`;
        else {
          // The attempt's own abort (its timeout) is what ended it, whatever the sender made of it.
          failure = scrub(signal.aborted ? signal.reason : error, redact);
          const timedOut = (signal.reason as Error | undefined)?.name === "TimeoutError";
          outcome = { failure: timedOut ? "timeout" : failure[0].code === "ECONNREFUSED" ? "refused" : "network" };
        }
      } finally {
        clearTimeout(timer);
        caller?.removeEventListener("abort", forward);
      }
      // A resend within this attempt may have reached the API, whatever ends the attempt.
      const earlier: boolean = uncertain || sending.sent > 1;
      const status = answer?.status;
      if (refusal)
        throw new LosantApiError(summary, {
          status: status!,
          detail: refusal,
          mayHaveSucceeded: mayHaveSucceeded(method, status, undefined, earlier),
        });

      const delay = retryDelay(method, attempt, outcome, options);
      if (delay === undefined) {
        const kind = "failure" in outcome ? outcome.failure : undefined;
        const effect = mayHaveSucceeded(method, status, kind, earlier);
        if (!failure)
          return normalise(
            answer as Answer,
            text,
            summary,
            redact,
            effect,
            request instanceof LightRequest ? respond : undefined,
          );
        // Headers may have arrived before the body failed: a create then did happen, its answer lost.
        const after = answer ? ` after status ${status}` : "";
        throw new LosantConnectionError(summary, {
          reason: kind === "timeout" ? "timeout" : "network",
          attempts: attempt,
          detail:
            kind === "timeout" ? `timed out after ${timeoutMs} ms${after}` : `failed${after}: ${quote(failure[1])}`,
          cause: failure[0],
          status,
          mayHaveSucceeded: effect,
        });
      }
      uncertain = earlier || ("failure" in outcome ? outcome.failure !== "refused" : outcome.status !== 429);
      await wait(caller, delay);
    }
  };
}
