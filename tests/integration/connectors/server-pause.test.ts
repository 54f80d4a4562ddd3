import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { HttpRuntime } from '../../../electron/core/connectors';

/**
 * A caller that reschedules work itself (the webhook outbox) must not sit in a long Retry-After:
 * with maxServerPauseMs the call fails at once with rate_limited and the server's wait, and no
 * request is sent before that wait expires.
 */
describe('bounded server pauses', () => {
  let server: Server;
  let url = '';
  const hits: number[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(Date.now());
      res.writeHead(503, { 'retry-after': '30', 'content-type': 'application/json' }).end('{"message":"maintenance"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('fails fast with the Retry-After in details instead of waiting 30 s', async () => {
    const runtime = new HttpRuntime({
      connectorId: 't',
      baseUrl: url,
      retry: { maxAttempts: 3, maxTotalWaitMs: 5_000 },
      maxServerPauseMs: 5_000,
    });
    const started = Date.now();
    const first = await runtime.request({ method: 'GET', url: `${url}/x` }).catch((e: unknown) => e);
    expect(AppError.is(first)).toBe(true);
    expect((first as AppError).details?.retryAfterMs).toBeGreaterThan(25_000);
    // The limiter remembers the pause: the next call is refused without touching the server.
    const second = await runtime.request({ method: 'GET', url: `${url}/y` }).catch((e: unknown) => e);
    expect(second).toMatchObject({ code: 'rate_limited' });
    expect((second as AppError).details?.retryAfterMs).toBeGreaterThan(25_000);
    expect(hits).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
