/**
 * What openapi-fetch builds for a call that no middleware sees (its `Request` option): the parts of a
 * Request the transport reads, kept as given, instead of a WHATWG Request whose headers are copied,
 * body wrapped in a stream and signal followed, only for the transport to take them apart again.
 */
export class LightRequest {
  // Declared only: the constructor sets each, and a browser program carries no field list.
  declare readonly url: string;
  declare readonly method: string;
  declare readonly headers: Headers;
  declare readonly body: BodyInit | null | undefined;
  declare readonly signal: AbortSignal | undefined;

  /** openapi-fetch names the method of every call it builds (GET, POST, …), uppercased. */
  constructor(url: string, init: RequestInit & { method: string }) {
    this.url = url;
    this.method = init.method;
    this.headers = init.headers as Headers;
    this.body = init.body;
    this.signal = init.signal ?? undefined;
  }
}
