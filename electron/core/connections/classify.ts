import { AppError } from '../../../shared/errors';
import type { TestCategory, TestResult } from '../../../shared/models/connection';
import { maskSecrets } from '../auth/secret-access';
import { parseRetryAfter } from '../rate-limit/retry-after';

/** What a test call produced: an HTTP answer, or an error (axios, fetch/undici, node, AppError). */
export interface ProbeOutcome {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  error?: unknown;
  /** Host the call went to, for wording ("acme.example could not be found"). */
  host?: string;
}

type Verdict = Omit<TestResult, 'at'>;

const DNS = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA', 'ERR_INVALID_URL']);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'ENETDOWN',
]);
const TIMEOUT = new Set([
  'ETIMEDOUT',
  'ECONNABORTED',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'TimeoutError',
  'ERR_CANCELED_TIMEOUT',
]);
const TLS =
  /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|EPROTO$|HOSTNAME_MISMATCH)/;

/** The most specific error code in an error chain (runtime details.errno, axios error.code, error.cause.code, …). */
export function errorCodeOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let e: unknown = error;
  let fallback: string | undefined;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    // The HTTP runtime's typed errors keep the socket's own code (ECONNREFUSED, ENOTFOUND, a TLS code) in details.
    if (e instanceof AppError && typeof e.details?.errno === 'string') return e.details.errno;
    const { code, name } = e as { code?: unknown; name?: unknown };
    // axios reports a timeout as ECONNABORTED but an inner cause is more precise; keep walking.
    if (
      typeof code === 'string' &&
      code !== 'ERR_NETWORK' &&
      code !== 'ERR_BAD_RESPONSE' &&
      code !== 'ERR_BAD_REQUEST'
    ) {
      if (code !== 'ECONNABORTED') return code;
      fallback ??= code;
    }
    if (name === 'TimeoutError') fallback ??= 'TimeoutError';
    e = (e as { cause?: unknown }).cause;
  }
  return fallback;
}

function header(headers: ProbeOutcome['headers'], name: string) {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
}

const v = (
  ok: boolean,
  category: TestCategory,
  message: string,
  nextStep: string,
  extra: Partial<Verdict> = {},
): Verdict => ({
  ok,
  category,
  message,
  nextStep,
  ...extra,
});

function fromStatus(status: number, o: ProbeOutcome, host: string, now: number): Verdict {
  if (status < 400)
    return v(true, 'ok', `Connected to ${host}: the service accepted the credentials.`, 'Nothing to do.', {
      httpStatus: status,
    });
  const s = { httpStatus: status };
  if (status === 401)
    return v(
      false,
      'wrong_credentials',
      `${host} did not accept the credentials (HTTP 401).`,
      'Check the API key, user name or password in this connection (copy it again from the service’s settings), then test again.',
      s,
    );
  if (status === 403)
    return v(
      false,
      'wrong_credentials',
      `${host} recognised the credentials but refused access (HTTP 403).`,
      'Make sure the account or API key has permission for this data (ask the service’s administrator), then test again.',
      s,
    );
  if (status === 404 || status === 410)
    return v(
      false,
      'wrong_url',
      `${host} has nothing at this address (HTTP ${status}).`,
      'Check the base URL of the connection (for example the account or region part), then test again.',
      s,
    );
  if (status === 407)
    return v(
      false,
      'unreachable',
      'A proxy between this computer and the service asked for its own login (HTTP 407).',
      'Ask your IT contact for the proxy settings.',
      s,
    );
  if (status === 408)
    return v(
      false,
      'timeout',
      `${host} gave up waiting for the request (HTTP 408).`,
      'Try again in a moment; if it keeps happening, check your network.',
      s,
    );
  if (status === 429) {
    const waitMs = parseRetryAfter(header(o.headers, 'retry-after'), now);
    const wait = waitMs === undefined ? undefined : Math.ceil(waitMs / 1000);
    const when = wait !== undefined ? `in ${wait} second${wait === 1 ? '' : 's'}` : 'in a few minutes';
    return v(
      false,
      'rate_limited',
      `${host} is limiting how often it may be called right now (HTTP 429).`,
      `Wait and test again ${when}.`,
      { ...s, ...(wait !== undefined ? { waitSeconds: wait } : {}) },
    );
  }
  if (status >= 500)
    return v(
      false,
      'server_error',
      `${host} had a problem of its own (HTTP ${status}).`,
      'This is not caused by your settings. Try again later or check the service’s status page.',
      s,
    );
  return v(
    false,
    'wrong_url',
    `${host} rejected the test request (HTTP ${status}).`,
    'Check the base URL and, if the connection pins one, the API version; then test again.',
    s,
  );
}

function fromAppError(e: AppError, host: string, secrets: string[]): Verdict | undefined {
  const msg = maskSecrets(e.message, secrets);
  switch (e.code) {
    case 'auth_failed':
      return v(false, 'wrong_credentials', msg, 'Check the client ID and secret (or sign in again), then test again.');
    case 'needs_reauthorization':
      return v(
        false,
        'wrong_credentials',
        msg,
        'Choose “Re-authorize” on this connection and sign in again in the browser.',
      );
    case 'secret_missing':
      return v(false, 'wrong_credentials', msg, 'Edit the connection, enter the secret again and save.');
    case 'rate_limited':
      return v(
        false,
        'rate_limited',
        `${host} is limiting how often it may be called right now.`,
        'Wait a few minutes and test again.',
      );
    default:
      return undefined;
  }
}

/**
 * Turn the outcome of the test call into words for a non-developer. Only fixed templates, the host,
 * the HTTP status and provider messages (with known secrets masked) make it into the text.
 */
export function classifyOutcome(o: ProbeOutcome, options: { now?: number; secrets?: string[] } = {}): Verdict {
  const now = options.now ?? Date.now();
  const host = o.host ?? 'The service';
  const status = o.status ?? (o.error as { response?: { status?: number } } | undefined)?.response?.status;
  if (status !== undefined && status > 0) {
    const headers =
      o.headers ?? (o.error as { response?: { headers?: ProbeOutcome['headers'] } } | undefined)?.response?.headers;
    return fromStatus(status, { ...o, headers }, host, now);
  }
  if (o.error instanceof AppError) {
    const verdict = fromAppError(o.error, host, options.secrets ?? []);
    if (verdict) return verdict;
    if (o.error.code === 'timeout')
      return v(
        false,
        'timeout',
        maskSecrets(o.error.message, options.secrets ?? []),
        'Try again in a moment; if it keeps happening, check your network.',
      );
  }
  const code = errorCodeOf(o.error);
  if (code && DNS.has(code))
    return v(
      false,
      'wrong_url',
      `The address ${host} could not be found.`,
      'Check the base URL for typos (the part after https://), then test again.',
    );
  if (code && TLS.test(code))
    return v(
      false,
      'tls',
      `The secure connection to ${host} could not be verified (${code}).`,
      'Check that the URL starts with the service’s real address. If your company inspects HTTPS traffic, ask IT to install its certificate on this computer.',
    );
  if (code && TIMEOUT.has(code))
    return v(
      false,
      'timeout',
      `${host} did not answer in time.`,
      'Check your internet connection and try again; if the service is slow right now, try later.',
    );
  if (code && UNREACHABLE.has(code))
    return v(
      false,
      'unreachable',
      `Could not connect to ${host} (${code}).`,
      'Check your internet connection, VPN or firewall, and that the base URL and port are right.',
    );
  return v(
    false,
    'unreachable',
    `Could not connect to ${host}${code ? ` (${code})` : ''}.`,
    'Check your internet connection and the base URL, then test again.',
  );
}
