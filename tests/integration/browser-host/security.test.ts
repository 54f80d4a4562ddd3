import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from './host-fixture';

/**
 * Browser mode's attack surface, against the real server and core: every refused request gets a
 * typed error, and nothing reaches dispatch (the `calls` the server observed stay empty) or changes
 * the data (no connection is created).
 */
type Host = Awaited<ReturnType<typeof startTestHost>>;
let h: Host;
beforeAll(async () => {
  h = await startTestHost();
});
afterAll(async () => {
  await h?.close();
});

const create = JSON.stringify({
  channel: 'connections:create',
  input: { name: 'Evil', connectorId: 'generic-rest', baseUrl: 'https://evil.example', authKind: 'none' },
});

async function expectRefused(
  res: { status: number; json(): unknown; headers: Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(res.json()).toMatchObject({ ok: false, error: { code } });
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
  expect(h.calls).toEqual([]);
  expect(await h.test.call('connections:list', {})).toEqual([]);
}

describe('browser mode refuses', () => {
  it('a call without the session cookie, or with a wrong one', async () => {
    const { Cookie: _c, ...noCookie } = h.pageHeaders;
    await expectRefused(
      await h.request({ method: 'POST', path: '/api/call', headers: noCookie, body: create }),
      401,
      'forbidden_sender',
    );
    const wrong = { ...h.pageHeaders, Cookie: `patchbay_session_${h.host.port}=${h.token.slice(0, -1)}x` };
    await expectRefused(
      await h.request({ method: 'POST', path: '/api/call', headers: wrong, body: create }),
      401,
      'forbidden_sender',
    );
  });

  it('the page itself and its files without the session, and a wrong token in the address', async () => {
    expect((await h.request({ path: '/' })).status).toBe(401);
    expect((await h.request({ path: '/assets/app.js' })).status).toBe(401);
    await expectRefused(await h.request({ path: `/auth?token=${h.token}x` }), 401, 'forbidden_sender');
  });

  it('a foreign Host even with the right cookie (DNS rebinding)', async () => {
    const res = await h.request({
      method: 'POST',
      path: '/api/call',
      headers: { ...h.pageHeaders, Host: `attacker.example:${h.host.port}` },
      body: create,
    });
    await expectRefused(res, 421, 'forbidden_sender');
    expect((await h.request({ path: `/auth?token=${h.token}`, headers: { Host: 'attacker.example' } })).status).toBe(
      421,
    );
  });

  it('a foreign or missing Origin on a call (CSRF), even with the cookie', async () => {
    const foreign = { ...h.pageHeaders, Origin: 'https://evil.example' };
    await expectRefused(
      await h.request({ method: 'POST', path: '/api/call', headers: foreign, body: create }),
      403,
      'forbidden_sender',
    );
    const { Origin: _o, ...noOrigin } = h.pageHeaders;
    await expectRefused(
      await h.request({ method: 'POST', path: '/api/call', headers: noOrigin, body: create }),
      403,
      'forbidden_sender',
    );
    const otherPort = { ...h.pageHeaders, Origin: `http://127.0.0.1:${h.host.port + 1}` };
    await expectRefused(
      await h.request({ method: 'POST', path: '/api/call', headers: otherPort, body: create }),
      403,
      'forbidden_sender',
    );
  });

  it('a cross-site WebSocket upgrade, and any upgrade at all', async () => {
    const upgrade = {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    };
    const crossSite = await h.request({
      path: '/api/events',
      headers: { ...upgrade, Origin: 'https://evil.example', Cookie: h.cookie },
    });
    await expectRefused(crossSite, 403, 'forbidden_sender');
    const sameSite = await h.request({
      path: '/api/call',
      headers: { ...upgrade, Origin: h.origin, Cookie: h.cookie },
    });
    expect(sameSite.status).not.toBe(101);
    expect(h.calls).toEqual([]);
  });

  it('a token carried in a Referer from another site, and never leaks one itself', async () => {
    const res = await h.request({
      path: '/',
      headers: {
        Referer: `https://evil.example/?next=http://127.0.0.1:${h.host.port}/auth?token=${h.token}`,
        'Sec-Fetch-Site': 'cross-site',
      },
    });
    await expectRefused(res, 403, 'forbidden_sender');
    const call = await h.request({
      method: 'POST',
      path: '/api/call',
      headers: { Origin: 'https://evil.example', Referer: `${h.host.openUrl}`, 'Content-Type': 'application/json' },
      body: create,
    });
    await expectRefused(call, 403, 'forbidden_sender');
    // The opened address drops the token at once (303 to /), and no page ever sends a Referer.
    const auth = await h.request({ path: `/auth?token=${h.token}`, headers: { 'Sec-Fetch-Site': 'none' } });
    expect(auth.status).toBe(303);
    expect(auth.headers.location).toBe('/');
    expect(auth.headers['referrer-policy']).toBe('no-referrer');
  });

  it('an oversized call before parsing it, malformed JSON, a wrong content type and a preflight', async () => {
    const big = JSON.stringify({ channel: 'connections:create', input: { name: 'x'.repeat(17 * 1024 * 1024) } });
    await expectRefused(
      await h.request({ method: 'POST', path: '/api/call', headers: h.pageHeaders, body: big }),
      413,
      'invalid_input',
    );
    const broken = await h.request({
      method: 'POST',
      path: '/api/call',
      headers: h.pageHeaders,
      body: '{"channel": "connections:create", ',
    });
    await expectRefused(broken, 400, 'invalid_input');
    expect(broken.text).toContain('not valid JSON');
    const noChannel = await h.request({ method: 'POST', path: '/api/call', headers: h.pageHeaders, body: '[1,2]' });
    await expectRefused(noChannel, 400, 'invalid_input');
    const plain = { ...h.pageHeaders, 'Content-Type': 'text/plain' };
    await expectRefused(
      await h.request({ method: 'POST', path: '/api/call', headers: plain, body: create }),
      415,
      'invalid_input',
    );
    const preflight = await h.request({
      method: 'OPTIONS',
      path: '/api/call',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    await expectRefused(preflight, 403, 'forbidden_sender');
  });

  it('unknown channels and invalid input with typed errors from dispatch, executing nothing', async () => {
    const unknown = await h.request({
      method: 'POST',
      path: '/api/call',
      headers: h.pageHeaders,
      body: JSON.stringify({ channel: 'shell:exec', input: { command: 'rm -rf /' } }),
    });
    expect(unknown.json()).toMatchObject({ result: { ok: false, error: { code: 'unknown_channel' } } });
    const invalid = await h.request({
      method: 'POST',
      path: '/api/call',
      headers: h.pageHeaders,
      body: JSON.stringify({ channel: 'connections:create', input: { name: 42 } }),
    });
    expect(invalid.json()).toMatchObject({ result: { ok: false, error: { code: 'invalid_input' } } });
    const exportAnywhere = await h.request({
      method: 'POST',
      path: '/api/call',
      headers: h.pageHeaders,
      body: JSON.stringify({
        channel: 'logs:export',
        input: { format: 'jsonl', path: '/tmp/patchbay-owned.jsonl', filter: {} },
      }),
    });
    expect(exportAnywhere.json()).toMatchObject({ result: { ok: false, error: { code: 'forbidden_sender' } } });
    expect(await h.test.call('connections:list', {})).toEqual([]);
    h.calls.length = 0;
  });
});

describe('browser mode serves its page', () => {
  it('from 127.0.0.1 only, with the session as an HttpOnly SameSite=Strict cookie and a strict CSP', async () => {
    expect(h.host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const auth = await h.request({ path: `/auth?token=${h.token}` });
    expect(String(auth.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    const page = await h.request({ path: '/', headers: { Cookie: h.cookie, 'Sec-Fetch-Site': 'none' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<script src="/patchbay-bridge.js"></script>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const escape = await h.request({ path: '/..%2f..%2fetc%2fpasswd', headers: { Cookie: h.cookie } });
    expect(escape.status).toBe(404);
  });

  it('answers a page call with the same result as a direct dispatch', async () => {
    const res = await h.request({
      method: 'POST',
      path: '/api/call',
      headers: h.pageHeaders,
      body: JSON.stringify({ channel: 'app:info', input: {} }),
    });
    expect(res.json()).toEqual({ result: await h.test.raw('app:info', {}) });
  });
});
