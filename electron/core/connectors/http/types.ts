import type { CallEvent } from '../../../../shared/models/call-event';
import type { RateLimits } from '../../../../shared/models/connector';
import type { AuthApplier } from '../../auth/types';
import type { HostLimiters } from '../../rate-limit/host-limiter';

/** Time source and sleeper, injectable so tests can run retries and rate limits without real waits. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Cap on the sum of all waits (backoff + Retry-After) for one logical call. */
  maxTotalWaitMs: number;
  retryStatuses: number[];
}

export interface DeprecationNotice {
  connectorId: string;
  url: string;
  deprecation?: string;
  sunset?: string;
  link?: string;
}

export interface RuntimeOptions {
  connectorId: string;
  connectorName?: string;
  connectionId?: string;
  runId?: string;
  syncId?: string;
  /** Credentials are applied only to these hosts (default: the base URL's host). */
  allowedHosts?: string[];
  applier?: AuthApplier;
  onCall?: (event: CallEvent) => void;
  onDeprecation?: (notice: DeprecationNotice) => void;
  /** Integrator identification: `Patchbay/<version> (+<contact>)`. */
  appVersion?: string;
  contact?: string;
  /** Extra identification header, e.g. `{ 'X-Integrator': 'acme-sync' }`. */
  customHeaders?: Record<string, string>;
  apiVersion?: { header: string; value: string };
  rateLimits?: RateLimits;
  retry?: Partial<RetryPolicy>;
  /**
   * Longest server-imposed pause (Retry-After, call-limit bucket) a call waits for before it fails
   * with `rate_limited` and `details.retryAfterMs`; default: wait as long as the server says.
   */
  maxServerPauseMs?: number;
  /** Whole request including reading the body. */
  timeoutMs?: number;
  maxResponseBytes?: number;
  maxRedirects?: number;
  /** How much of each body to keep in the CallEvent (already redacted); 0 = none. Default LOG_BODY_BYTES_DEFAULT. */
  logBodyBytes?: number;
  /** Where an error body carries its message (definition `errors.messagePath`). */
  errorMessagePath?: string;
  clock?: Clock;
  random?: () => number;
  /** Share limiters across runtimes talking to the same host (one per process in the app). */
  limiters?: HostLimiters;
  /** Field names flagged PII, masked in logged bodies. */
  piiFields?: string[];
}

export interface RuntimeRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  query?: Record<string, string | string[] | undefined>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  resource?: string;
  operation?: string;
  signal?: AbortSignal;
  /** Safe to retry after 5xx/network errors although the method is not idempotent. */
  idempotent?: boolean;
  /** SOAP: a 500 carrying a Fault is an answer, not a server failure to retry. */
  acceptErrorBody?: (status: number, body: Buffer, headers: Record<string, string>) => boolean;
  /** Parse the body of an accepted response; a `bad_response` marked `transient` is retried like a 5xx. */
  decode?: (res: RuntimeResponse) => unknown;
  /** Number of records in the request body, for the CallEvent. */
  recordsOut?: number;
}

export interface RuntimeResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Final URL after redirects. */
  url: string;
  attempts: number;
  /** What `decode` returned, when given. */
  data?: unknown;
}

/**
 * Bodies are logged whole up to this size (10 MB per entry), so a HAR export replays real responses;
 * larger ones are cut and the export says so. Users change it in Settings (logBodyBytes).
 */
export const LOG_BODY_BYTES_DEFAULT = 10 * 1024 * 1024;
