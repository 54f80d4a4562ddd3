import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallEventInput } from '../../../shared/models/call-event';
import { exportCalls, Ledger, LogStore, Redactor, writeSupportBundle } from '../../../electron/core/logs';
import { makeTempDir } from '../../helpers/tmp';
import { canaryForms, leaksIn, leaksInDir, PII_FIELDS, PII_VALUES, SECRETS } from './canaries';
import { makeCall, readZip } from './helpers';

const S = SECRETS;
const P = PII_VALUES;
const basic = Buffer.from(`${S.basicUser}:${S.basicPassword}`).toString('base64');

/** Calls as the runtime would see them before redaction: every auth kind, success and failure. */
function rawCalls(): CallEventInput[] {
  return [
    makeCall(1, {
      id: 'bearer-ok',
      url: `https://api.example.com/v1/contacts?api_key=${S.apiKey}&page=1`,
      requestHeaders: { Authorization: `Bearer ${S.bearer}`, 'Content-Type': 'application/json' },
      responseHeaders: { 'content-type': 'application/json', 'Set-Cookie': `session=${S.session}; HttpOnly` },
      responseBody: JSON.stringify({
        results: [{ id: 1, email: P.email, phone: P.phone, properties: { firstname: P.firstname } }],
      }),
      status: 200,
      statusClass: '2xx',
    }),
    makeCall(2, {
      id: 'basic-401',
      url: 'https://api.example.com/v1/me',
      requestHeaders: { authorization: `Basic ${basic}` },
      responseBody: JSON.stringify({ debug: `received Basic ${basic}`, hint: `password ${S.basicPassword} rejected` }),
      status: 401,
      statusClass: '4xx',
      errorCode: 'auth_failed',
      errorMessage: `auth failed for ${S.bearer} / ${encodeURIComponent(S.basicPassword)}`,
    }),
    makeCall(3, {
      id: 'oauth-refresh',
      method: 'POST',
      url: 'https://auth.example.com/oauth/token',
      requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
      requestBody: `grant_type=refresh_token&refresh_token=${encodeURIComponent(S.refresh)}&client_secret=${encodeURIComponent(S.clientSecret)}`,
      responseBody: JSON.stringify({
        access_token: S.bearer,
        refresh_token: S.refresh,
        token_type: 'Bearer',
        expires_in: 3600,
      }),
      status: 200,
      statusClass: '2xx',
    }),
    makeCall(4, {
      id: 'shop-network',
      url: `https://shop.example.com/admin/api/orders.json?sig=${S.signing}#access_token=${S.bearer}`,
      host: 'shop.example.com',
      requestHeaders: {
        'X-Shopify-Access-Token': S.shopify,
        Cookie: `session=${S.session}`,
        'X-Api-Key': S.apiKey,
        'X-Custom-Secret': S.signing,
      },
      status: undefined,
      statusClass: 'network',
      errorCode: 'network',
      errorMessage: `ECONNRESET while sending token ${S.shopify} (key ${Buffer.from(S.apiKey).toString('base64')})`,
    }),
    makeCall(5, {
      id: 'pii-lookup-404',
      // The email is in the path and query: masked because the redactor learned it from a PII field.
      url: `https://api.example.com/v1/contacts/${encodeURIComponent(P.email)}?email=${encodeURIComponent(P.email)}`,
      status: 404,
      statusClass: '4xx',
      errorCode: 'http_error',
      errorMessage: `No contact ${P.email} (${P.firstname})`,
      requestBody: `{"email":"${P.email}","phone":"${P.phone}"`, // truncated JSON
    }),
    makeCall(6, {
      id: 'soap-500',
      method: 'POST',
      url: 'https://wms.example.com/soap',
      host: 'wms.example.com',
      requestHeaders: { 'content-type': 'text/xml' },
      requestBody: `<soap:Envelope><soap:Header><wsse:Password>${S.wsse}</wsse:Password></soap:Header><soap:Body><email>${P.email}</email></soap:Body></soap:Envelope>`,
      status: 500,
      statusClass: '5xx',
      errorCode: 'soap_fault',
      errorMessage: `Fault: bad credentials ${S.wsse}`,
    }),
    makeCall(7, {
      id: 'webhook-sig',
      method: 'POST',
      url: `https://hooks.example.com/in/${encodeURIComponent(S.signing)}`,
      host: 'hooks.example.com',
      requestHeaders: { 'webhook-signature': `v1,${Buffer.from(S.signing).toString('base64')}` },
      requestBody: JSON.stringify({ customer: { email: P.email }, note: `signed with ${S.signing}` }),
      status: 200,
      statusClass: '2xx',
    }),
  ];
}

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('patchbay-redact-');
});
afterEach(() => tmp.cleanup());

describe('Redactor', () => {
  const r = () => new Redactor({ secrets: Object.values(S), piiFields: PII_FIELDS });

  it('masks secret headers by name and keeps harmless ones', () => {
    expect(
      r().headers({
        Authorization: 'x',
        'X-RateLimit-Remaining': '5',
        'X-Session-Token': 'abc',
        'Content-Type': 'a/b',
        Author: 'Bob',
      }),
    ).toEqual({
      Authorization: '[REDACTED]',
      'X-RateLimit-Remaining': '5',
      'X-Session-Token': '[REDACTED]',
      'Content-Type': 'a/b',
      Author: 'Bob',
    });
  });

  it('masks token-like query params and userinfo, keeps the rest readable', () => {
    expect(new Redactor().url('https://u:pw@h.example/p?page=2&access_token=abc&Signature=s&code=c&limit=5')).toBe(
      'https://u:[REDACTED]@h.example/p?page=2&access_token=[REDACTED]&Signature=[REDACTED]&code=[REDACTED]&limit=5',
    );
  });

  it('masks known values in every encoding, including inside Basic auth at any alignment', () => {
    for (const user of ['a', 'ab', 'abc', 'svc-user']) {
      const blob = Buffer.from(`${user}:${S.basicPassword}`).toString('base64');
      const out = r().text(`x ${blob} y`);
      expect(out).toContain('[REDACTED]');
      expect(leaksIn(out)).toEqual([]);
    }
    expect(r().text(`q=${encodeURIComponent(S.clientSecret)}`)).toBe('q=[REDACTED]');
  });

  it('masks PII fields by name and dotted path, and learns their values', () => {
    const red = r();
    const body = red.body(
      JSON.stringify({
        email: P.email,
        properties: { firstname: P.firstname, lastname: 'Keep' },
        firstname: 'not-a-path-match',
      }),
      'application/json',
    );
    expect(JSON.parse(body!)).toEqual({
      email: '[PII]',
      properties: { firstname: '[PII]', lastname: 'Keep' },
      firstname: 'not-a-path-match',
    });
    expect(red.text(`hello ${P.email}`)).toBe('hello [PII]');
  });

  it('truncates bodies after redaction', () => {
    const out = new Redactor({ maxBodyChars: 20 }).body(
      JSON.stringify({ password: 'x'.repeat(50), data: 'y'.repeat(100) }),
      'application/json',
    )!;
    expect(out.startsWith('{"password":"[REDACT')).toBe(true);
    expect(out).not.toContain('xxxx');
    expect(out).toMatch(/truncated \d+ chars/);
  });
});

describe('canary: no secret or PII value reaches the data dir or any export', () => {
  it('redacts before storage, in SQLite/WAL bytes, JSONL, CSV, HAR, support bundle and ledger', async () => {
    const runtime = new Redactor({ secrets: Object.values(S), piiFields: PII_FIELDS });
    // The store's safety net knows the secrets too (the composition root registers them).
    const store = LogStore.open({ dataDir: tmp.dir, redactor: runtime });
    for (const raw of rawCalls()) store.append({ ...runtime.callEvent(raw), runId: 'run-canary' });
    // A raw (unredacted) event: the store's own pass must still catch it.
    store.append({ ...rawCalls()[0]!, id: 'raw-direct', runId: 'run-canary' });
    store.appendAppEvent({
      kind: 'run_failed',
      level: 'error',
      runId: 'run-canary',
      message: `token ${S.bearer} expired`,
      details: { apiKey: S.apiKey, note: `for ${P.email}` },
    });
    store.appendAppEvent({
      kind: 'webhook_rejected',
      message: `bad signature, secret ${encodeURIComponent(S.signing)}`,
      runId: 'run-canary',
    });
    const ledger = new Ledger(store.db, runtime);
    ledger.record({
      flowKind: 'run',
      flowId: 'run-canary',
      connectionId: 'conn-0',
      resource: 'contacts',
      direction: 'read',
      fields: ['email', 'phone'],
      recordCount: 1,
      host: 'api.example.com',
      credential: { connectionId: 'conn-0', authKind: 'oauth2' },
      integratorHeader: `Patchbay ${S.apiKey}`,
    });
    store.flush();

    // Stored events still show the calls.
    expect(store.count({ runId: 'run-canary' })).toBe(8);
    const bearer = store.get('bearer-ok');
    expect(bearer.requestHeaders?.Authorization).toBe('[REDACTED]');
    expect(bearer.url).toContain('api_key=[REDACTED]&page=1');
    expect(JSON.parse(bearer.responseBody!).results[0]).toMatchObject({ id: 1, email: '[PII]' });
    expect(store.get('raw-direct').requestHeaders?.Authorization).toBe('[REDACTED]');

    const exportsDir = join(tmp.dir, 'exports');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(exportsDir);
    for (const format of ['jsonl', 'csv', 'har'] as const) {
      const res = await exportCalls(store, join(exportsDir, `run.${format}`), {
        format,
        filter: { runId: 'run-canary' },
      });
      expect(res.rows).toBe(8);
    }
    await writeSupportBundle(store, join(exportsDir, 'bundle.zip'), {
      runId: 'run-canary',
      app: { version: '0.1.0' },
      os: { platform: 'linux', release: '6', arch: 'x64' },
      versions: { node: process.versions.node },
      connectors: [{ id: 'crm', auth: { kind: 'oauth2', clientSecret: S.clientSecret } }],
      settings: { theme: 'dark', proxyPassword: S.basicPassword, note: `uses ${S.shopify}` },
      redactor: runtime,
    });
    await ledger.exportReport(ledger.report({}), join(exportsDir, 'ledger.html'), 'html');
    await ledger.exportReport(ledger.report({}), join(exportsDir, 'ledger.csv'), 'csv');

    // While open (WAL + shm present) and after close (checkpointed), every byte is clean.
    expect(leaksInDir(tmp.dir)).toEqual([]);
    store.close();
    expect(leaksInDir(tmp.dir)).toEqual([]);

    const zip = readZip(join(exportsDir, 'bundle.zip'));
    for (const [name, content] of zip) expect({ name, leaks: leaksIn(content) }).toEqual({ name, leaks: [] });
    const har = JSON.parse(readFileSync(join(exportsDir, 'run.har'), 'utf8'));
    expect(har.log.entries).toHaveLength(8);
    // Sanity: the checker itself would notice a leak.
    expect(leaksIn(`x${Buffer.from(`${S.basicUser}:${S.basicPassword}`).toString('base64')}x`)).not.toEqual([]);
    expect(canaryForms().length).toBeGreaterThan(30);
  });
});
