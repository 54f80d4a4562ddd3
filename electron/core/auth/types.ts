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
  /** The body it changed, with the credentials it put there masked (for the call log). */
  redactBody?(body: string): string;
}

/** SOAP WS-Security needs the credentials inside the envelope rather than in a header. */
export interface SoapCredentials {
  username: string;
  password: string;
}

/** Shared in-memory cache of access tokens (never persisted), keyed by connection id. */
export interface CachedToken {
  accessToken: string;
  /** Epoch ms; null when the provider gave no expires_in. */
  expiresAt: number | null;
}

/** What appliers need besides the connection and the secret store; everything injectable for tests. */
export interface AuthDeps {
  fetch?: typeof globalThis.fetch;
  /** Epoch ms. */
  now?: () => number;
  tokenCache?: Map<string, CachedToken>;
  /** Renew a token this long before it expires (default 60 s). */
  refreshSkewMs?: number;
  /** Token endpoint timeout (default 30 s). */
  tokenTimeoutMs?: number;
  /** A refresh failed with invalid_grant: the connection must be marked "needs re-authorization". */
  onNeedsReauthorization?: (connectionId: string) => void | Promise<void>;
  /** A secret changed outside a user edit (refresh-token rotation): update the marker hint. */
  onSecretRotated?: (connectionId: string, field: string, value: string) => void | Promise<void>;
  /**
   * One token-endpoint call happened (the access trail). Metadata only — never headers or bodies,
   * which carry the client secret, codes and tokens.
   */
  onTokenCall?: (call: TokenCall) => void;
}

export interface TokenCall {
  connectionId?: string;
  /** Token endpoint URL without query (it takes none). */
  url: string;
  host: string;
  startedAt: number;
  durationMs: number;
  status?: number;
  /** The provider's `error` code or our error code, when it failed. */
  errorCode?: string;
  grantType?: string;
}

/** Extra surface of the WS-Security applier, for a SOAP client that builds its own envelope. */
export interface SoapAuthApplier extends AuthApplier {
  soapCredentials(): Promise<SoapCredentials & { passwordType: 'PasswordDigest' | 'PasswordText' }>;
}
