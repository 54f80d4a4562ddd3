import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthKind } from '../../../shared/models/connection';
import { startAuthSandbox, type AuthSandbox } from '../../../electron/sandbox/auth';
import { makeCanary, scanDirForCanaries } from '../../helpers/canary';
import { makeTestCore, type TestCore } from '../../helpers/core';

/**
 * Every REST auth kind applied by the ONE connector runtime (not a stand-in): a connector with one
 * `me` resource per kind, imported into the catalog; "Test connection" goes through ClientFactory →
 * ConnectorClient → HttpRuntime → the connection's AuthApplier, against servers that verify the
 * credentials. The call log then holds the calls with the credentials masked.
 */
const secrets = {
  apiKey: makeCanary('apikey'),
  basic: makeCanary('basic'),
  bearer: makeCanary('bearer'),
  client: makeCanary('client'),
  hmac: makeCanary('hmac'),
};

const me = (path: string) => ({
  name: 'me',
  label: 'Me',
  primaryKey: 'who',
  fields: [{ name: 'who', type: 'string' as const }],
  operations: { list: { method: 'GET' as const, path, recordSelector: '' } },
});

describe('every auth kind through the connector runtime', () => {
  let sandbox: AuthSandbox;
  let t: TestCore;
  beforeAll(async () => {
    sandbox = await startAuthSandbox({
      apiKey: secrets.apiKey,
      basic: { username: 'ada', password: secrets.basic },
      bearerToken: secrets.bearer,
      oauth: { clientSecret: secrets.client },
      hmac: { secret: secrets.hmac, signatureHeader: 'X-Acme-Signature', timestampHeader: 'X-Acme-Date' },
    });
    t = await makeTestCore();
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  const cases: {
    kind: AuthKind;
    path: string;
    authSettings?: Record<string, unknown>;
    secrets: Record<string, string>;
  }[] = [
    {
      kind: 'api_key_header',
      path: '/api-key/header/me',
      authSettings: { headerName: 'X-API-Key' },
      secrets: { apiKey: secrets.apiKey },
    },
    {
      kind: 'api_key_query',
      path: '/api-key/query/me',
      authSettings: { queryParam: 'api_key' },
      secrets: { apiKey: secrets.apiKey },
    },
    { kind: 'basic', path: '/basic/me', authSettings: { username: 'ada' }, secrets: { password: secrets.basic } },
    { kind: 'bearer', path: '/bearer/me', secrets: { token: secrets.bearer } },
    {
      kind: 'oauth2_client_credentials',
      path: '/oauth/me',
      authSettings: { clientId: 'sandbox-client', scopes: ['read'] },
      secrets: { clientSecret: secrets.client },
    },
    {
      kind: 'hmac',
      path: '/hmac/me',
      authSettings: { signatureHeader: 'X-Acme-Signature', timestampHeader: 'X-Acme-Date' },
      secrets: { signingSecret: secrets.hmac },
    },
  ];

  for (const c of cases) {
    it(`${c.kind}: the runtime's test call is accepted, and a wrong secret is classified`, async () => {
      const connectorId = `auth-${c.kind.replace(/_/g, '-')}`;
      await t.core.catalog.add({
        id: connectorId,
        name: `Auth ${c.kind}`,
        baseUrlTemplate: sandbox.url,
        authKinds: [c.kind],
        testCall: { resource: 'me', operation: 'list' },
        resources: [me(c.path)],
      });
      const authSettings =
        c.kind === 'oauth2_client_credentials'
          ? { ...c.authSettings, tokenUrl: `${sandbox.url}/oauth/token` }
          : (c.authSettings ?? {});
      const good = await t.call('connections:create', {
        name: `Good ${c.kind}`,
        connectorId,
        baseUrl: sandbox.url,
        authKind: c.kind,
        authSettings,
        secrets: c.secrets,
      });
      const ok = await t.call('connections:test', { id: good.id });
      expect(ok, ok.message).toMatchObject({ ok: true, category: 'ok' });

      const wrongSecrets = Object.fromEntries(Object.keys(c.secrets).map((k) => [k, makeCanary('wrong')]));
      const bad = await t.call('connections:create', {
        name: `Bad ${c.kind}`,
        connectorId,
        baseUrl: sandbox.url,
        authKind: c.kind,
        authSettings,
        secrets: wrongSecrets,
      });
      const failed = await t.call('connections:test', { id: bad.id });
      expect(failed).toMatchObject({ ok: false, category: 'wrong_credentials' });
      for (const v of Object.values(wrongSecrets)) expect(JSON.stringify(failed)).not.toContain(v);
    });
  }

  it('logged every test call, with no secret in the log store or anywhere in the data folder', async () => {
    t.core.logs.flush();
    const page = t.core.logs.query({ limit: 100 });
    // Every test call is logged, and so is each token-endpoint call (a wrong client secret fails there).
    expect(page.items.length).toBeGreaterThanOrEqual(cases.length * 2 + 1);
    const tokenCalls = page.items.filter((e) => e.operation?.startsWith('oauth2 token'));
    expect(tokenCalls.map((e) => e.statusClass).sort()).toEqual(['2xx', '4xx']);
    expect(tokenCalls.find((e) => e.statusClass === '4xx')?.errorCode).toBe('invalid_client');
    expect(new Set(page.items.map((e) => e.statusClass))).toEqual(new Set(['2xx', '4xx']));
    t.core.logs.close();
    expect(scanDirForCanaries(t.dataDir, Object.values(secrets))).toEqual([]);
  });
});
