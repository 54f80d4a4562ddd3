import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { CallEvent } from '../../../shared/models/call-event';
import { HttpRuntime } from '../../../electron/core/connectors/http/runtime';
import { cancelledError } from '../../../electron/core/connectors/http/clock';
import type { Clock, RuntimeOptions } from '../../../electron/core/connectors/http/types';
import { bearer } from './test-appliers';
import { sendJson, tinyServer } from './tiny-server';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function server(handler: Parameters<typeof tinyServer>[0]) {
  const s = await tinyServer(handler);
  closers.push(s.close);
  return s;
}

function runtime(baseUrl: string, extra: Partial<RuntimeOptions> = {}) {
  const events: CallEvent[] = [];
  const rt = new HttpRuntime({
    baseUrl,
    connectorId: 'test',
    connectorName: 'Test API',
    onCall: (e) => events.push(e),
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...extra,
  });
  return { rt, events };
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('HTTP runtime', () => {
  it('never sends before Retry-After (seconds) expires, measured by the server', async () => {
    const s = await server((_req, res, n) =>
      n === 1 ? sendJson(res, 429, { message: 'slow down' }, { 'retry-after': '1' }) : sendJson(res, 200, { ok: true }),
    );
    const { rt, events } = runtime(s.url);
    const res = await rt.request({ method: 'GET', url: `${s.url}/x` });
    expect(res.status).toBe(200);
    expect(s.arrivals).toHaveLength(2);
    expect(s.arrivals[1].t - s.arrivals[0].t).toBeGreaterThanOrEqual(1000);
    expect(events.map((e) => [e.status, e.attempt])).toEqual([
      [429, 1],
      [200, 2],
    ]);
    expect(events[1].retryWaitMs).toBe(1000);
    expect(events[0].rateLimit?.['retry-after']).toBe('1');
  });

  it('honours Retry-After as an HTTP-date', async () => {
    let until = 0;
    const s = await server((_req, res, n) => {
      if (n > 1) return sendJson(res, 200, {});
      until = (Math.floor(Date.now() / 1000) + 2) * 1000; // whole seconds, as HTTP-dates are
      sendJson(res, 503, {}, { 'retry-after': new Date(until).toUTCString() });
    });
    const { rt } = runtime(s.url);
    await rt.request({ method: 'GET', url: `${s.url}/x` });
    expect(s.arrivals[1].t).toBeGreaterThanOrEqual(until);
  });

  it('pauses when X-RateLimit-Remaining hits 0 until the reset', async () => {
    const s = await server((_req, res, n) =>
      sendJson(res, 200, {}, n === 1 ? { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' } : {}),
    );
    const { rt } = runtime(s.url);
    await rt.request({ method: 'GET', url: `${s.url}/a` });
    await rt.request({ method: 'GET', url: `${s.url}/b` });
    expect(s.arrivals[1].t - s.arrivals[0].t).toBeGreaterThanOrEqual(1000);
  });

  it('retries 5xx with backoff up to the attempt cap, then fails with server_error', async () => {
    const s = await server((_req, res) => sendJson(res, 502, { error: { message: 'upstream down' } }));
    const { rt, events } = runtime(s.url, {
      retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
      random: () => 1,
    });
    const err = await failure(
      rt.request({ method: 'GET', url: `${s.url}/x`, resource: 'contacts', operation: 'list' }),
    );
    expect(err.code).toBe('server_error');
    expect(err.message).toContain('Test API contacts.list (GET /x)');
    expect(err.message).toContain('upstream down');
    expect(s.arrivals).toHaveLength(3);
    // full jitter with random()=1 → 20 ms then 40 ms
    expect(s.arrivals[1].t - s.arrivals[0].t).toBeGreaterThanOrEqual(20);
    expect(s.arrivals[2].t - s.arrivals[1].t).toBeGreaterThanOrEqual(40);
    expect(events.map((e) => e.attempt)).toEqual([1, 2, 3]);
  });

  it('gives up when the next wait would pass the total-wait cap', async () => {
    const s = await server((_req, res) => sendJson(res, 429, {}, { 'retry-after': '30' }));
    const { rt } = runtime(s.url, { retry: { maxTotalWaitMs: 1000 } });
    const started = Date.now();
    const err = await failure(rt.request({ method: 'GET', url: `${s.url}/x` }));
    expect(err.code).toBe('rate_limited');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(s.arrivals).toHaveLength(1);
  });

  it('does not retry other 4xx and reports the body message', async () => {
    const s = await server((_req, res) =>
      sendJson(res, 400, { status: 'error', message: 'Property "colour" does not exist' }),
    );
    const { rt } = runtime(s.url);
    const err = await failure(rt.request({ method: 'GET', url: `${s.url}/x` }));
    expect(err.code).toBe('http_error');
    expect(err.message).toContain('Property "colour" does not exist');
    expect(s.arrivals).toHaveLength(1);
  });

  it('does not retry a POST after a 500 unless it carries an idempotency key', async () => {
    const s = await server((_req, res, n) => (n <= 2 ? sendJson(res, 500, {}) : sendJson(res, 200, { id: 'x' })));
    const { rt } = runtime(s.url);
    expect((await failure(rt.request({ method: 'POST', url: `${s.url}/x`, body: '{}' }))).code).toBe('server_error');
    expect(s.arrivals).toHaveLength(1);
    const res = await rt.request({
      method: 'POST',
      url: `${s.url}/x`,
      body: '{}',
      headers: { 'idempotency-key': 'k1' },
      idempotent: true,
    });
    expect(res.status).toBe(200);
    expect(s.arrivals.slice(1).map((a) => a.headers['idempotency-key'])).toEqual(['k1', 'k1']);
  });

  it('times out a hanging server with a timeout error', async () => {
    const s = await server(() => undefined); // never answers
    const { rt, events } = runtime(s.url, { timeoutMs: 200, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const err = await failure(rt.request({ method: 'GET', url: `${s.url}/x` }));
    expect(err.code).toBe('timeout');
    expect(s.arrivals).toHaveLength(2);
    expect(events.every((e) => e.errorClass === 'timeout' && e.statusClass === 'network')).toBe(true);
  });

  it('cancels with an AbortSignal, also while waiting for Retry-After', async () => {
    const ac = new AbortController();
    const ac2 = new AbortController();
    // Each call is cancelled by what happens to it, not after a time: /slow once it reached the server
    // (which never answers), /limited once the 429 with its 20 s Retry-After went out.
    const s = await server((req, res) => {
      if (req.url === '/slow') return void ac.abort();
      sendJson(res, 429, {}, { 'retry-after': '20' });
      setImmediate(() => ac2.abort());
    });
    // Waits that only end when the call is cancelled: a wait the signal did not cut would hang the test.
    const parked: Clock = {
      now: () => Date.now(),
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          if (signal?.aborted) return reject(cancelledError());
          signal?.addEventListener('abort', () => reject(cancelledError()), { once: true });
        }),
    };
    const { rt } = runtime(s.url, { clock: parked });
    expect((await failure(rt.request({ method: 'GET', url: `${s.url}/slow`, signal: ac.signal }))).code).toBe(
      'cancelled',
    );
    expect((await failure(rt.request({ method: 'GET', url: `${s.url}/limited`, signal: ac2.signal }))).code).toBe(
      'cancelled',
    );
    expect(s.arrivals.filter((a) => a.url === '/limited')).toHaveLength(1);
  });

  it('caps the response size, with or without Content-Length', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const s = await server((req, res) => {
      if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 64; i++) res.write(big.slice(0, 32 * 1024));
        res.end();
      } else sendJson(res, 200, { big });
    });
    const { rt } = runtime(s.url, { maxResponseBytes: 1024 * 1024 });
    expect((await failure(rt.request({ method: 'GET', url: `${s.url}/declared` }))).code).toBe('response_too_large');
    expect((await failure(rt.request({ method: 'GET', url: `${s.url}/chunked` }))).code).toBe('response_too_large');
  });

  it('follows a redirect to another host without the credential', async () => {
    const other = await server((_req, res) => sendJson(res, 200, { where: 'other' }));
    const s = await server((_req, res) => {
      res.writeHead(302, { location: `http://localhost:${other.url.split(':')[2]}/landing` });
      res.end();
    });
    const applier = bearer('sk_test_supersecret123');
    const { rt, events } = runtime(s.url, { applier });
    const res = await rt.request({ method: 'GET', url: `${s.url}/start` });
    expect(JSON.parse(res.body.toString())).toEqual({ where: 'other' });
    expect(s.arrivals[0].headers.authorization).toBe('Bearer sk_test_supersecret123');
    expect(other.arrivals[0].headers.authorization).toBeUndefined();
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain('supersecret');
  });

  it('identifies the integrator and pins the API version on every call; surfaces Deprecation/Sunset once', async () => {
    const s = await server((_req, res) =>
      sendJson(res, 200, {}, { deprecation: '@1767225600', sunset: 'Wed, 01 Jul 2026 00:00:00 GMT' }),
    );
    const notices: unknown[] = [];
    const { rt } = runtime(s.url, {
      appVersion: '9.9.9',
      contact: 'ops@example.com',
      customHeaders: { 'X-Integrator': 'acme' },
      apiVersion: { header: 'Stripe-Version', value: '2024-06-20' },
      onDeprecation: (n) => notices.push(n),
    });
    await rt.request({ method: 'GET', url: `${s.url}/a` });
    await rt.request({ method: 'GET', url: `${s.url}/a` });
    for (const a of s.arrivals) {
      expect(a.headers['user-agent']).toBe('Patchbay/9.9.9 (+ops@example.com)');
      expect(a.headers['x-integrator']).toBe('acme');
      expect(a.headers['stripe-version']).toBe('2024-06-20');
    }
    expect(notices).toEqual([
      expect.objectContaining({ sunset: 'Wed, 01 Jul 2026 00:00:00 GMT', deprecation: '@1767225600' }),
    ]);
  });

  it('asks the applier to refresh once after a 401, then retries', async () => {
    const s = await server((req, res) =>
      req.headers.authorization === 'Bearer new-token-1234'
        ? sendJson(res, 200, {})
        : sendJson(res, 401, { message: 'expired' }),
    );
    const applier = bearer('old-token-1234', { refreshTo: 'new-token-1234' });
    const { rt } = runtime(s.url, { applier });
    expect((await rt.request({ method: 'GET', url: `${s.url}/x` })).status).toBe(200);
    expect(applier.refreshed).toBe(1);
    const stuck = bearer('old-token-1234');
    const err = await failure(runtime(s.url, { applier: stuck }).rt.request({ method: 'GET', url: `${s.url}/x` }));
    expect(err.code).toBe('auth_failed');
    expect(stuck.refreshed).toBe(1);
  });

  it('bounds concurrency per host and paces by the token bucket', async () => {
    let inFlight = 0;
    let peak = 0;
    const s = await server(async (_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 50));
      inFlight--;
      sendJson(res, 200, {});
    });
    const { rt } = runtime(s.url, { rateLimits: { requestsPerSecond: 20, burst: 2, maxConcurrency: 2 } });
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 8 }, (_, i) => rt.request({ method: 'GET', url: `${s.url}/${i}` })));
    expect(peak).toBeLessThanOrEqual(2);
    // 8 requests at 20/s with a burst of 2 need at least 6 refills of 50 ms.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('emits one redacted CallEvent per exchange, with no secret in URL or headers', async () => {
    const s = await server((_req, res) => sendJson(res, 200, { email: 'ann@example.com' }));
    const applier = {
      apply: async (r: { url: URL }) => r.url.searchParams.set('api_key', 'key-abcdef-123456'),
      secretValues: () => ['key-abcdef-123456'],
    };
    const { rt, events } = runtime(s.url, { applier, piiFields: ['email'] });
    await rt.request({ method: 'GET', url: `${s.url}/x` });
    expect(s.arrivals[0].url).toContain('api_key=key-abcdef-123456');
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0])).not.toContain('key-abcdef-123456');
    expect(JSON.stringify(events[0])).not.toContain('ann@example.com');
    expect(events[0]).toMatchObject({ method: 'GET', status: 200, statusClass: '2xx', connectorId: 'test' });
  });

  it('sends credentials only to allowed hosts', async () => {
    const s = await server((_req, res) => sendJson(res, 200, {}));
    const applier = bearer('tok-123456789');
    const { rt } = runtime(s.url, { applier, allowedHosts: ['api.example.com'] });
    await rt.request({ method: 'GET', url: `${s.url}/x` });
    expect(s.arrivals[0].headers.authorization).toBeUndefined();
    expect(applier.applied).toEqual([]);
  });

  it('retries a connection reset on GET', async () => {
    const s = await server((req, res, n) => (n === 1 ? req.socket.destroy() : sendJson(res, 200, { ok: 1 })));
    const { rt, events } = runtime(s.url);
    expect((await rt.request({ method: 'GET', url: `${s.url}/x` })).status).toBe(200);
    expect(events[0].errorClass).toBe('network');
  });
});
