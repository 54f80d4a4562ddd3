/**
 * The seam between the access layer's HTTP runtime (electron/core/connectors) and the
 * credential logic (electron/core/auth). The runtime never reads a secret itself: it hands each
 * outgoing request to the connection's AuthApplier, and only when the request's host is in the
 * connection's allowed hosts.
 */
export interface OutgoingRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** Exact bytes that will be sent (HMAC signing covers them). */
  body?: string | Buffer;
}

export interface AuthApplier {
  /** Add credentials to a request bound for one of the connection's allowed hosts. */
  apply(req: OutgoingRequest, signal?: AbortSignal): Promise<void>;
  /** Called once after a 401: refresh credentials (OAuth2) and return true if a retry may succeed. */
  onUnauthorized?(signal?: AbortSignal): Promise<boolean>;
  /** Secret values known to this applier (and tokens it obtained): the logger masks exact matches. */
  secretValues(): string[];
}

/** SOAP WS-Security needs the credentials inside the envelope rather than in a header. */
export interface SoapCredentials {
  username: string;
  password: string;
}
