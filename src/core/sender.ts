// The contract between the transport and a sender, types only: both senders implement it (send.ts, the
// fetch path; send.node.ts, Node's own HTTP client), and `#send` picks one by the package's import conditions.

/** What sends a request: the global fetch, the `fetch` option, or a per-call `fetch`. */
export type Fetch = (request: Request) => Promise<Response>;

/** One attempt of a request, as the transport hands it to a sender. */
export interface Attempt {
  method: string;
  url: string;
  headers: Headers;
  /** The bytes (or text) to send; read once, sent by every attempt. */
  body: BodyInit | null | undefined;
  /** Aborts this attempt: its timeout, or the caller's signal. */
  signal: AbortSignal;
  /** Largest body read, counted after decompression. */
  limit: number;
  /**
   * How many times the request went on the wire so far: the sender adds one for each send, a silent
   * resend on a new connection included, so that the transport knows what may have reached the API.
   */
  sent: number;
  /** The `agent` option: an `http.Agent` or `https.Agent` the Node sender uses instead of its own. */
  agent: object | undefined;
}

/** What an attempt got back: the status and headers at once, the body once read. */
export interface Answer {
  status: number;
  headers: Headers;
  /** The answer was a redirect, which is never followed. */
  redirect: boolean;
  /** The whole body as text, or a rejection once more than `limit` bytes arrive or the signal aborts. */
  read(): Promise<string>;
  /** Drops the body unread, releasing what holds it. */
  discard(): void;
}

/** Sends one attempt; `fetch` is the caller's own fetch, which always wins. */
export type Send = (attempt: Attempt, fetch?: Fetch) => Promise<Answer>;

/** Makes the Response of a call that no middleware sees from its status, headers, text and parsed success body. */
export type Respond = (status: number, headers: Headers, text: string, parsed: unknown) => Response;

/** Checks the `agent` option at creation, as the sender takes it (or refuses it), beside the `fetch` option and the baseUrl. */
export type CheckAgent = (agent: unknown, fetch: unknown, baseUrl: string) => void;

/** What a sender module exports, as stripe-node's HttpClient is what each of its clients implements. */
export interface Sender {
  send: Send;
  /** The lighter Response a sender has for calls no middleware sees; none makes the transport build a fresh one. */
  respond: Respond | undefined;
  checkAgent: CheckAgent;
}
