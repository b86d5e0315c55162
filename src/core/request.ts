/**
 * What openapi-fetch builds for a call that no middleware sees (its `Request` option): the parts of a
 * Request the transport reads, kept as given, instead of a WHATWG Request whose headers are copied,
 * body wrapped in a stream and signal followed, only for the transport to take them apart again.
 */
export class LightRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null | undefined;
  readonly signal: AbortSignal | undefined;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.headers = init.headers as Headers;
    this.body = init.body;
    this.signal = init.signal ?? undefined;
  }
}
