import type { LosantConnectionError } from "../errors.js";
import { clean } from "./output.js";

/** The commonest causes of a failed connection, in words. */
const CAUSES: Record<string, string> = {
  ECONNREFUSED: "the connection was refused (nothing listens there)",
  ENOTFOUND: "no such host (the name does not resolve)",
  EAI_AGAIN: "the host's name could not be looked up (DNS failed for now)",
  ECONNRESET: "the connection was reset by the other side",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  EPROTO: "the TLS handshake failed",
  CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's TLS certificate chain is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's TLS certificate cannot be verified",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's TLS certificate is for another host",
  UND_ERR_SOCKET: "the connection closed before an answer",
};

/** A request that got no answer, as one line: the host, the cause in words, and the attempts made. */
export function connectionFailure(error: LosantConnectionError, baseUrl: string): string {
  let host = baseUrl;
  try {
    host = new URL(baseUrl).host;
  } catch {
    // The client has already refused a URL it cannot parse; this is the address as given.
  }
  const attempts = `${error.attempts} ${error.attempts === 1 ? "attempt" : "attempts"}`;
  const effect = error.mayHaveSucceeded ? "; it may have taken effect" : "";
  if (error.reason === "timeout")
    return `no answer from ${clean(host)} in time (${attempts}; see --timeout and --retries)${effect}`;
  // The client has already looked down the chain of causes (fetch wraps the system's error in a
  // TypeError): its cause carries the first code there, if any (scrub() in core/transport.ts).
  const { code } = Object(error.cause) as { code?: string };
  const cause = code === undefined ? "the connection failed" : (CAUSES[code] ?? `the connection failed (${code})`);
  return `cannot reach ${clean(host)}: ${cause} (${attempts})${effect}`;
}
