import { LosantApiError, quote, type RequestSummary } from "../errors.js";
import { redactValue, type Redact } from "./redact.js";
import type { Respond } from "./sender.js";

/** What a read rejects with once more than `limit` bytes arrived: the transport makes it the call's LosantApiError. */
export class BodyTooLarge extends Error {}

/**
 * Reads a body as text, failing once more than `limit` bytes (after decompression) have arrived; the
 * read is then cancelled, which releases the connection. Each read goes through `race`: the fetch sender
 * races a custom fetch's body against the attempt's signal, which such a body may not follow.
 */
export async function readText(
  response: Response,
  limit: number,
  race: <T>(promise: Promise<T>) => Promise<T>,
): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  const count = (bytes: number) => {
    if (bytes > limit) throw new BodyTooLarge();
  };
  let text = "";
  let size = 0;
  try {
    // A declared length over the limit fails before anything is read.
    count(Number(response.headers.get("content-length")));
    for (let chunk = await race(reader.read()); !chunk.done; chunk = await race(reader.read())) {
      count((size += chunk.value.byteLength));
      text += decoder.decode(chunk.value, { stream: true });
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  }
  return text + decoder.decode();
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: nothing parsed (undefined).
  }
};
const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);
const optionalString = (value: unknown) => value === undefined || typeof value === "string";
/** The API's Error body, on a status a Response can carry. */
const isErrorBody = (value: unknown, status: number) =>
  status >= 400 && status < 600 && isObject(value) && optionalString(value["type"]) && optionalString(value["message"]);

/**
 * Turns a complete answer into the Response openapi-fetch reads: a success body that is a JSON object
 * (or nothing, for DELETE), or an error status with the API's JSON Error body, token redacted. Any other
 * answer is not the API's to give to openapi-fetch: it throws LosantApiError with the body as received,
 * as does an error answer to a call that `mayHaveSucceeded` (an earlier send of it may have done it).
 */
export function normalise(
  response: { status: number; headers: Headers },
  text: string,
  request: RequestSummary,
  redact: Redact,
  /** Whether the call may have done what it asked if this answer fails it (see effect.ts). */
  mayHaveSucceeded: boolean,
  respond: Respond | undefined,
): Response {
  const { status } = response;
  const parsed = text ? parse(text) : undefined;
  const ok = status > 199 && status < 300;
  // A server may echo the token, JSON-escaped or not: it goes before anything keeps an error body.
  const body = ok ? parsed : parsed === undefined ? redact(text) || undefined : redactValue(parsed, redact);
  const errorBody = isErrorBody(body, status);
  if (ok ? isObject(body) || (!text && request.method === "DELETE") : errorBody && !mayHaveSucceeded) {
    // Not the server's status text: a Response refuses some that fetch accepts.
    // An error body the token was not in is passed on as the server sent it, byte for byte.
    const kept = ok || body === parsed ? text : JSON.stringify(body);
    // No middleware will see it, and the sender has a lighter Response to give.
    if (respond) return respond(status, response.headers, kept, ok ? body : undefined);
    const fresh = new Response(kept || null, { status, headers: response.headers });
    // Its body stays unread for middleware and the caller to read, clone or replace; openapi-fetch's own
    // read gets the text (and a success's body parsed here), instead of reading and parsing it again.
    if (kept) Object.assign(fresh, { text: async () => kept }, ok && { json: async () => body });
    return fresh;
  }
  const shown = redact(text);
  const came = text
    ? `${ok ? "not the JSON object expected" : "a body that is not the API's JSON Error"}: "${quote(shown)}"`
    : ok
      ? "empty, where JSON was expected"
      : "an empty body";
  const detail = errorBody ? undefined : `${ok ? "the response body is" : `HTTP ${status} with`} ${came}`;
  throw new LosantApiError(request, {
    status,
    body: (ok ? undefined : body) ?? (shown || undefined),
    detail,
    mayHaveSucceeded,
  });
}
