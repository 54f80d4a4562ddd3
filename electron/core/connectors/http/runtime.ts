import axios, { type AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import { errorMessage } from '../../../../shared/error-message';
import { AppError } from '../../../../shared/errors';
import type { CallEvent, CallEventInput } from '../../../../shared/models/call-event';
import { statusClassOf } from '../../../../shared/models/call-event';
import type { OutgoingRequest } from '../../auth/types';
import { Redactor } from '../../logs/redact';
import { fullJitterDelay } from './backoff';
import { parseRetryAfter } from '../../rate-limit/retry-after';
import { bodyForLog, buildCallEvent } from './call-event';
import { cancelledError, systemClock } from './clock';
import { callError, type CallContext } from './context';
import { errorMessageOf } from './decode';
import { HostLimiters } from '../../rate-limit/host-limiter';
import { userAgent } from './identify';
import { readRateSignal } from '../../rate-limit/rate-headers';
import { BodyTooLarge, readCapped } from './read-body';
import {
  LOG_BODY_BYTES_DEFAULT,
  type Clock,
  type RetryPolicy,
  type RuntimeOptions,
  type RuntimeRequest,
  type RuntimeResponse,
} from './types';

const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  maxTotalWaitMs: 120_000,
  retryStatuses: [408, 429, 500, 502, 503, 504],
};
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** One attempt's outcome, before the retry policy decides what to do with it. */
type Attempt =
  | { kind: 'response'; res: RuntimeResponse; retryAfterMs?: number }
  | { kind: 'error'; error: AppError; retryable: boolean };

/**
 * The one HTTP runtime every connector goes through. It owns everything that must be
 * the same for all APIs: credentials only for allowed hosts, per-host pacing, bounded concurrency,
 * retries with full jitter, timeouts, cancellation, a response size cap, manual redirects, integrator
 * identification, the pinned API version, and exactly one redacted CallEvent per HTTP exchange.
 */
export class HttpRuntime {
  readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly allowedHosts: Set<string>;
  private readonly limiters: HostLimiters;
  private readonly redactor: Redactor;
  private readonly random: () => number;
  private readonly seenDeprecations = new Set<string>();
  private readonly baseHeaders: Record<string, string>;

  constructor(private readonly opts: RuntimeOptions & { baseUrl?: string }) {
    this.clock = opts.clock ?? systemClock;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    const hosts = opts.allowedHosts ?? (opts.baseUrl ? [new URL(opts.baseUrl).host] : []);
    this.allowedHosts = new Set(hosts.map((h) => h.toLowerCase()));
    this.limiters = opts.limiters ?? new HostLimiters(this.clock);
    this.redactor = new Redactor({
      piiFields: opts.piiFields,
      maxBodyChars: opts.logBodyBytes ?? LOG_BODY_BYTES_DEFAULT,
    });
    this.random = opts.random ?? Math.random;
    this.baseHeaders = {
      'user-agent': userAgent(opts.appVersion, opts.contact),
      accept: 'application/json',
      ...lower(opts.customHeaders ?? {}),
      ...(opts.apiVersion ? { [opts.apiVersion.header.toLowerCase()]: opts.apiVersion.value } : {}),
    };
  }

  /** The rate this runtime's connection settled on (learned from refusals or stated by headers), if any. */
  learnedRate(): { requestsPerSecond: number; source: 'learned' | 'headers' } | undefined {
    const suffix = `|${this.opts.connectionId ?? ''}`;
    for (const [key, s] of Object.entries(this.limiters.snapshots())) {
      if (!key.endsWith(suffix) || s.learned === undefined) continue;
      if (s.source === 'learned' || s.source === 'headers')
        return { requestsPerSecond: Math.round(s.learned * 10) / 10, source: s.source };
    }
    return undefined;
  }

  get connectorId(): string {
    return this.opts.connectorId;
  }

  /** Send one logical call: retried, paced and logged. Resolves with any 2xx (or accepted) response. */
  async request(req: RuntimeRequest): Promise<RuntimeResponse> {
    const url = buildUrl(req.url, req.query);
    const ctx: CallContext = {
      connectorId: this.opts.connectorId,
      connectorName: this.opts.connectorName,
      resource: req.resource,
      operation: req.operation,
      method: req.method.toUpperCase(),
      target: this.redactor.url(url.pathname + url.search),
    };
    const idempotent = req.idempotent || IDEMPOTENT_METHODS.has(ctx.method);
    let totalWait = 0;
    let retryWaitMs: number | undefined;
    let reauthorized = false;
    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw cancelledError();
      const outcome = await this.attempt(req, url, ctx, attempt, retryWaitMs);
      let error: AppError;
      let retryable: boolean;
      let serverWaitMs: number | undefined;
      if (outcome.kind === 'response') {
        const { res } = outcome;
        if (res.status < 300 || (req.acceptErrorBody?.(res.status, res.body, res.headers) ?? false)) {
          if (!req.decode) return res;
          try {
            res.data = req.decode(res);
            return res;
          } catch (err) {
            // A body cut short (truncated JSON/XML), or an answer the decoder marks transient (a SOAP Server fault),
            // is worth repeating on a read.
            if (!(AppError.is(err) && err.details?.transient && idempotent && attempt < this.retry.maxAttempts))
              throw err;
            const wait = fullJitterDelay(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs, this.random);
            if (totalWait + wait > this.retry.maxTotalWaitMs) throw err;
            totalWait += wait;
            retryWaitMs = wait;
            await this.clock.sleep(wait, req.signal);
            continue;
          }
        }
        if (res.status === 401 && !reauthorized && this.opts.applier?.onUnauthorized) {
          reauthorized = true;
          if (await this.opts.applier.onUnauthorized(req.signal)) {
            attempt--; // a credential refresh is not a failed attempt
            retryWaitMs = undefined;
            continue;
          }
        }
        error = this.statusError(res, ctx);
        retryable =
          this.retry.retryStatuses.includes(res.status) && (res.status === 429 || res.status === 503 || idempotent);
        serverWaitMs = outcome.retryAfterMs;
      } else {
        ({ error, retryable } = outcome);
        retryable = retryable && idempotent;
      }
      if (!retryable || attempt >= this.retry.maxAttempts) {
        if (attempt > 1 && error.details) Object.assign(error.details, { attempts: attempt });
        throw error;
      }
      // Retry-After is a floor set by the server; jitter only spreads the retries it leaves to us.
      const wait = serverWaitMs ?? fullJitterDelay(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs, this.random);
      if (totalWait + wait > this.retry.maxTotalWaitMs) {
        // The server's Retry-After travels with the error, so a caller that reschedules (the outbox) honours it.
        if (error.details)
          Object.assign(error.details, {
            attempts: attempt,
            gaveUpAfterWaitMs: totalWait,
            ...(serverWaitMs !== undefined ? { retryAfterMs: serverWaitMs } : {}),
          });
        throw error;
      }
      totalWait += wait;
      retryWaitMs = wait;
      // A Retry-After pause is enforced by the host limiter (so concurrent callers honour it too).
      if (serverWaitMs === undefined) await this.clock.sleep(wait, req.signal);
    }
  }

  /** Masks the connection's secrets and PII in text that becomes an error message (messages travel further than logs). */
  private errorRedactor(): Redactor {
    return new Redactor({ secrets: this.opts.applier?.secretValues() ?? [], piiFields: this.opts.piiFields });
  }

  private statusError(res: RuntimeResponse, ctx: CallContext): AppError {
    // The server's own words may quote what we sent (an API key, an e-mail): redact them like the call log does.
    const raw = errorMessageOf(res.body, this.opts.errorMessagePath);
    const message = raw ? this.errorRedactor().text(raw) : raw;
    const suffix = message ? ` — ${message}` : '';
    const s = res.status;
    if (s === 401 || s === 403) {
      return callError(
        'auth_failed',
        ctx,
        `HTTP ${s}${suffix}. Check the connection's credentials and scopes, then test the connection again.`,
        { status: s },
      );
    }
    if (s === 404)
      return callError('not_found', ctx, `HTTP 404${suffix}. The record or endpoint does not exist.`, { status: s });
    if (s === 429)
      return callError(
        'rate_limited',
        ctx,
        `still rate limited (HTTP 429) after retrying${suffix}. Lower the sync's speed or try later.`,
        { status: s },
      );
    if (s >= 500)
      return callError(
        'server_error',
        ctx,
        `HTTP ${s} from the server${suffix}. The service may be having trouble; try again later.`,
        { status: s },
      );
    if (REDIRECTS.has(s)) return callError('http_error', ctx, `too many redirects (last HTTP ${s}).`, { status: s });
    return callError('http_error', ctx, `HTTP ${s}${suffix}.`, { status: s });
  }

  /** One attempt: pacing + concurrency, then the exchange with its redirects. */
  private async attempt(
    req: RuntimeRequest,
    url: URL,
    ctx: CallContext,
    attempt: number,
    retryWaitMs: number | undefined,
  ): Promise<Attempt> {
    let method = ctx.method;
    let body = req.body;
    let current = url;
    for (let hop = 0; hop <= (this.opts.maxRedirects ?? 5); hop++) {
      const limiter = this.limiters.for(current.host.toLowerCase(), this.opts.rateLimits, this.opts.connectionId);
      const release = await limiter.enter(req.signal);
      let result: Attempt & { location?: string };
      try {
        await limiter.acquire(req.signal, this.opts.maxServerPauseMs);
        result = await this.exchange(req, method, current, body, ctx, attempt, retryWaitMs);
      } finally {
        release();
      }
      if (result.kind !== 'response' || !REDIRECTS.has(result.res.status) || !result.location) return result;
      const next = new URL(result.location, current);
      if (current.protocol === 'https:' && next.protocol !== 'https:') {
        return {
          kind: 'error',
          retryable: false,
          error: callError('tls', ctx, `redirected from HTTPS to insecure ${next.origin}; refusing to follow.`),
        };
      }
      if (
        result.res.status === 303 ||
        ((result.res.status === 301 || result.res.status === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
      }
      current = next;
    }
    return {
      kind: 'error',
      retryable: false,
      error: callError('http_error', ctx, `more than ${this.opts.maxRedirects ?? 5} redirects; check the base URL.`),
    };
  }

  /** A single HTTP exchange → one CallEvent. Never throws except for cancellation. */
  /**
   * What the call log shows of the request body: what was sent when the applier changed it (a WS-Security
   * header is shown, with its password, digest and nonce masked by the applier), else the body as built.
   */
  private loggedBody(
    built: string | Buffer | undefined,
    sent: string | Buffer | undefined,
  ): string | Buffer | undefined {
    if (sent === built || typeof sent !== 'string' || !this.opts.applier?.redactBody) return built;
    return this.opts.applier.redactBody(sent);
  }

  private async exchange(
    req: RuntimeRequest,
    method: string,
    url: URL,
    body: string | Buffer | undefined,
    ctx: CallContext,
    attempt: number,
    retryWaitMs: number | undefined,
  ): Promise<Attempt & { location?: string }> {
    const out: OutgoingRequest = {
      method,
      url: new URL(url),
      headers: { ...this.baseHeaders, ...lower(req.headers ?? {}) },
      body,
    };
    if (body === undefined) delete out.headers['content-type'];
    // Credentials only for allowed hosts, re-checked on every hop: a redirect to another host goes bare
    // (headers are rebuilt per hop, so nothing the applier added earlier is carried over).
    // Same rule as the connection model (isAllowedHost): an entry is a host:port, or a bare host name
    // that allows every port of that host.
    const host = url.host.toLowerCase();
    if (this.opts.applier && (this.allowedHosts.has(host) || this.allowedHosts.has(url.hostname.toLowerCase()))) {
      await this.opts.applier.apply(out, req.signal);
    }

    const timeoutMs = this.opts.timeoutMs ?? 30_000;
    const maxBytes = this.opts.maxResponseBytes ?? 50 * 1024 * 1024;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    req.signal?.addEventListener('abort', onAbort, { once: true });

    const started = this.clock.now();
    const startedWall = new Date();
    const raw: CallEventInput = {
      id: '',
      time: startedWall.toISOString(),
      durationMs: 0,
      runId: this.opts.runId,
      syncId: this.opts.syncId,
      connectionId: this.opts.connectionId,
      connectorId: this.opts.connectorId,
      resource: req.resource,
      operation: req.operation,
      method,
      url: out.url.toString(),
      host: out.url.host,
      statusClass: 'network',
      attempt,
      retryWaitMs,
      bytesOut: body === undefined ? 0 : Buffer.byteLength(body),
      recordsOut: req.recordsOut,
      requestHeaders: out.headers,
      requestBody: bodyForLog(this.loggedBody(body, out.body), this.opts.logBodyBytes ?? LOG_BODY_BYTES_DEFAULT),
    };
    let response: AxiosResponse<Readable> | undefined;
    try {
      response = await axios.request<Readable>({
        url: out.url.toString(),
        method,
        headers: out.headers,
        data: out.body,
        responseType: 'stream',
        maxRedirects: 0,
        validateStatus: () => true,
        signal: controller.signal,
        decompress: true,
        proxy: false,
        transformRequest: [(d: unknown) => d],
      });
      const headers = flatHeaders(response.headers as Record<string, unknown>);
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.data.destroy();
        throw new BodyTooLarge(maxBytes);
      }
      const buf = await readCapped(response.data, maxBytes);
      const status = response.status;
      const now = this.clock.now();
      const signal = readRateSignal(headers, now, this.opts.rateLimits?.bucketHeader);
      this.limiters
        .for(host, this.opts.rateLimits, this.opts.connectionId)
        .observe({ status, latencyMs: now - started, signal });
      this.noticeDeprecation(headers, out.url);
      Object.assign(raw, {
        durationMs: now - started,
        status,
        statusClass: statusClassOf(status),
        bytesIn: buf.length,
        responseHeaders: headers,
        responseBody: bodyForLog(buf, this.opts.logBodyBytes ?? LOG_BODY_BYTES_DEFAULT),
        rateLimit: Object.keys(signal.logged).length ? signal.logged : undefined,
      });
      if (status >= 400) raw.errorMessage = errorMessageOf(buf, this.opts.errorMessagePath);
      this.emit(raw);
      const retryAfter = parseRetryAfter(headers['retry-after'], now);
      return {
        kind: 'response',
        res: { status, headers, body: buf, url: out.url.toString(), attempts: attempt },
        retryAfterMs: retryAfter,
        location: headers.location,
      };
    } catch (err) {
      response?.data?.destroy?.();
      const failure = this.classifyFailure(err, ctx, timedOut, req.signal, timeoutMs);
      Object.assign(raw, {
        durationMs: this.clock.now() - started,
        status: response?.status,
        statusClass: statusClassOf(response?.status),
        errorClass: failure.error.code,
        errorCode: (err as { code?: string }).code,
        errorMessage: failure.error.message,
      });
      this.emit(raw);
      if (failure.error.code === 'cancelled') throw failure.error;
      return failure;
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  private classifyFailure(
    err: unknown,
    ctx: CallContext,
    timedOut: boolean,
    signal: AbortSignal | undefined,
    timeoutMs: number,
  ): { kind: 'error'; error: AppError; retryable: boolean } {
    if (signal?.aborted && !timedOut) return { kind: 'error', error: cancelledError(), retryable: false };
    if (timedOut)
      return {
        kind: 'error',
        retryable: true,
        error: callError('timeout', ctx, `no complete response within ${timeoutMs} ms.`, { timeoutMs }),
      };
    if (err instanceof BodyTooLarge) {
      return {
        kind: 'error',
        retryable: false,
        error: callError(
          'response_too_large',
          ctx,
          `response is larger than the ${err.limit}-byte cap. Use a smaller page size or field selection.`,
          { limit: err.limit },
        ),
      };
    }
    if (err instanceof AppError) return { kind: 'error', error: err, retryable: false };
    const code = (err as { code?: string }).code ?? '';
    const message = this.errorRedactor().text(errorMessage(err));
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) {
      return {
        kind: 'error',
        retryable: false,
        error: callError('tls', ctx, `TLS failure (${code}): ${message}. Check the server certificate.`, {
          errno: code,
        }),
      };
    }
    const network = NETWORK_CODES.has(code) || /aborted|socket hang up|ECONNRESET|premature/i.test(message);
    return {
      kind: 'error',
      retryable: network,
      error: callError('network', ctx, `network error${code ? ` (${code})` : ''}: ${message}`, {
        errno: code || undefined,
      }),
    };
  }

  private emit(raw: CallEventInput): void {
    if (!this.opts.onCall) return;
    // A fresh redactor per event: the shared one would learn every PII value it ever masked, and its
    // matcher (rebuilt on each new value) would grow with the resource — 1M contacts, 1M e-mails.
    const redactor = new Redactor({
      secrets: this.opts.applier?.secretValues() ?? [],
      piiFields: this.opts.piiFields,
      maxBodyChars: this.opts.logBodyBytes ?? LOG_BODY_BYTES_DEFAULT,
    });
    const event: CallEvent = buildCallEvent(raw, redactor);
    this.opts.onCall(event);
  }

  private noticeDeprecation(headers: Record<string, string>, url: URL): void {
    if (!this.opts.onDeprecation || (!headers.deprecation && !headers.sunset)) return;
    const key = `${url.host}${url.pathname}|${headers.deprecation ?? ''}|${headers.sunset ?? ''}`;
    if (this.seenDeprecations.has(key)) return;
    this.seenDeprecations.add(key);
    this.opts.onDeprecation({
      connectorId: this.opts.connectorId,
      url: this.redactor.url(`${url.origin}${url.pathname}`),
      deprecation: headers.deprecation,
      sunset: headers.sunset,
      link: headers.link,
    });
  }
}

function lower(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

function flatHeaders(h: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined || v === null) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

export function buildUrl(base: string, query?: RuntimeRequest['query']): URL {
  const url = new URL(base);
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, item);
  }
  return url;
}
