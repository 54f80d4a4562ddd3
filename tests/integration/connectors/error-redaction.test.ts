import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { HttpRuntime } from '../../../electron/core/connectors';
import type { AuthApplier } from '../../../electron/core/auth/types';
import { makeCanary } from '../../helpers/canary';

/**
 * Error messages travel further than the call log (renderer, state.db, webhook attempts, desktop
 * notifications), so a server that quotes the credential back must not put it in our error text.
 */
describe('error messages are redacted like the call log', () => {
  const key = makeCanary('echoed-key');
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const sent = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: `Invalid key ${sent} for this account` }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('keeps the server message but masks the secret it quotes', async () => {
    const applier: AuthApplier = {
      apply: async (req) => void (req.headers.authorization = `Bearer ${key}`),
      secretValues: () => [key],
    };
    const events: unknown[] = [];
    const runtime = new HttpRuntime({ connectorId: 't', baseUrl: url, applier, onCall: (e) => events.push(e) });
    const error = await runtime.request({ method: 'GET', url: `${url}/me` }).catch((e: unknown) => e);
    expect(AppError.is(error, 'auth_failed')).toBe(true);
    expect((error as AppError).message).toMatch(/Invalid key .* for this account/);
    expect(JSON.stringify((error as AppError).toJSON())).not.toContain(key);
    expect(JSON.stringify(events)).not.toContain(key);
  });
});
