import { invalid } from "./errors.js";

/** Largest request body the fake reads: far above any body the spec allows, far below a memory problem. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request's body as text, refusing it once it passes MAX_BODY_BYTES (the rest is never read).
 * An abort of the request's signal ends the reading, even of a body that stalls, with the signal's reason.
 */
export async function readBody(request: Request): Promise<string> {
  if (!request.body) return "";
  // A body already read (a Request given twice) is the caller's mistake, answered like any other.
  if (request.bodyUsed) throw invalid("the request body was already read: send a new Request");
  const reader = request.body.getReader();
  const { signal } = request;
  // Cancelling ends a pending read at once (as done); the check after each read turns that into the abort.
  const stop = () => void reader.cancel(signal.reason).catch(() => undefined);
  // Removed in `finally` below; an abort event fires once.
  signal.addEventListener("abort", stop);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      // A body stream that fails is answered as a body that cannot be read; an abort is the caller's own.
      const chunk = await reader.read().catch((error: unknown) => {
        signal.throwIfAborted();
        throw invalid(`the request body could not be read: ${error instanceof Error ? error.message : String(error)}`);
      });
      signal.throwIfAborted();
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > MAX_BODY_BYTES) throw invalid(`the request body is larger than ${MAX_BODY_BYTES} bytes`);
      chunks.push(chunk.value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener("abort", stop);
  }
  const bytes = new Uint8Array(size);
  chunks.reduce((offset, chunk) => (bytes.set(chunk, offset), offset + chunk.byteLength), 0);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalid("the request body is not UTF-8 text");
  }
}

/** Whether a Content-Type is JSON: `application/json`, or a `+json` type, with any parameters. */
export const isJson = (contentType: string | null): boolean =>
  contentType !== null && /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType);

/** The body parsed as JSON, or a 400 that says why it is not. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(`the request body is not valid JSON: ${(error as Error).message}`);
  }
}
