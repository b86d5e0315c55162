/**
 * The Response a call that no middleware sees resolves with: openapi-fetch reads its status, headers and
 * parsed body, which are at hand; a WHATWG Response (its body wrapped in a stream, its headers copied) is
 * built only when something asks for more, such as the caller reading `body` or calling `clone()`.
 * It is an `instanceof Response`, and every Response member works on it as on the Response it stands for.
 */
export class LightResponse {
  readonly status: number;
  readonly headers: Headers;
  #text: string;
  #parsed: unknown;
  #real: Response | undefined;

  constructor(status: number, headers: Headers, text: string, parsed: unknown) {
    this.status = status;
    this.headers = headers;
    this.#text = text;
    this.#parsed = parsed;
  }

  /** Only a 2xx success or a 4xx/5xx with the API's error body becomes a LightResponse (redirects are refused). */
  get ok(): boolean {
    return this.status < 400;
  }

  /** What openapi-fetch reads a success body with: the body parsed once, in `normalise`. */
  json(): Promise<unknown> {
    return this.#parsed === undefined ? Response.prototype.json.call(this.#response()) : Promise.resolve(this.#parsed);
  }

  /** What openapi-fetch reads an error body (and a body without Content-Length) with. */
  text(): Promise<string> {
    return Promise.resolve(this.#text);
  }

  /** The Response this one stands for, made on first need; its body stays unread for the caller. */
  #response(): Response {
    return (this.#real ??= new Response(this.#text || null, { status: this.status, headers: this.headers }));
  }

  static {
    const real = (self: LightResponse) => self.#response();
    // Every member of Response that this class does not define (body, bodyUsed, url, clone(), arrayBuffer(),
    // …) is answered by the real one. Response's status and headers get a delegate too, which is never
    // reached: the fields of each instance hide it.
    for (const [name, member] of Object.entries(Object.getOwnPropertyDescriptors(Response.prototype))) {
      if (Object.hasOwn(LightResponse.prototype, name)) continue;
      const { get, value } = member;
      // WebIDL gives Response attributes (accessors) and operations (methods): no other kind of member.
      const delegate: PropertyDescriptor = get
        ? {
            get(this: LightResponse) {
              return get.call(real(this));
            },
          }
        : {
            value(this: LightResponse, ...args: unknown[]) {
              return (value as (...args: unknown[]) => unknown).apply(real(this), args);
            },
          };
      // Stryker disable next-line BooleanLiteral: only redefining the prototype's members could tell; nothing does
      Object.defineProperty(LightResponse.prototype, name, { ...delegate, configurable: true });
    }
    Object.setPrototypeOf(LightResponse.prototype, Response.prototype);
  }
}
