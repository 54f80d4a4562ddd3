import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { AuthKind, ConnectionCreateInput } from '../../../shared/models/connection';
import { httpProbe, type Probe } from '../../../electron/core/connections';
import { startAuthSandbox, type AuthSandbox } from '../../../electron/sandbox/auth';
import { canary, clickAuthorize, dataDirHits, makeEnv, secretToolSearch, type TestEnv } from './env';
import { errorMessage } from '../../../shared/error-message';

/**
 * Every auth kind end to end: a connection of every auth kind with a canary secret, tested against servers
 * that verify it for real; afterwards the canaries are in the keychain and nowhere else.
 */
const secrets = {
  apiKey: canary('apikey'),
  basic: canary('basic'),
  bearer: canary('bearer'),
  clientSecret: canary('client'),
  hmac: canary('hmac'),
  wsse: canary('wsse'),
};
const ENVELOPE =
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Ping/></soap:Body></soap:Envelope>';

let sandbox: AuthSandbox;
let env: TestEnv;
const returned: unknown[] = [];
/** Canaries of connections with wrong credentials: they must not leak either. */
const extra: string[] = [];
const errors: unknown[] = [];

beforeAll(async () => {
  sandbox = await startAuthSandbox({
    apiKey: secrets.apiKey,
    basic: { username: 'ada', password: secrets.basic },
    bearerToken: secrets.bearer,
    oauth: { clientSecret: secrets.clientSecret },
    hmac: { secret: secrets.hmac, signatureHeader: 'X-Acme-Signature', timestampHeader: 'X-Acme-Date' },
    wsse: { username: 'warehouse', password: secrets.wsse },
  });
  env = makeEnv();
});
afterAll(async () => {
  await env?.cleanup();
  await sandbox?.close();
});

interface Case {
  kind: AuthKind;
  input: Omit<ConnectionCreateInput, 'name' | 'connectorId' | 'baseUrl' | 'authKind'>;
  probe: Probe;
  secret?: string;
  field?: string;
}

const cases = (): Case[] => [
  {
    kind: 'api_key_header',
    input: { authSettings: { headerName: 'X-API-Key' }, secrets: { apiKey: secrets.apiKey } },
    probe: httpProbe({ path: '/api-key/header/me' }),
    secret: secrets.apiKey,
    field: 'apiKey',
  },
  {
    kind: 'api_key_query',
    input: { authSettings: { queryParam: 'api_key' }, secrets: { apiKey: secrets.apiKey } },
    probe: httpProbe({ path: '/api-key/query/me' }),
    secret: secrets.apiKey,
    field: 'apiKey',
  },
  {
    kind: 'basic',
    input: { authSettings: { username: 'ada' }, secrets: { password: secrets.basic } },
    probe: httpProbe({ path: '/basic/me' }),
    secret: secrets.basic,
    field: 'password',
  },
  {
    kind: 'bearer',
    input: { secrets: { token: secrets.bearer } },
    probe: httpProbe({ path: '/bearer/me' }),
    secret: secrets.bearer,
    field: 'token',
  },
  {
    kind: 'oauth2_client_credentials',
    input: {
      authSettings: { tokenUrl: `${sandbox.url}/oauth/token`, clientId: 'sandbox-client', scopes: ['read'] },
      secrets: { clientSecret: secrets.clientSecret },
    },
    probe: httpProbe({ path: '/oauth/me' }),
    secret: secrets.clientSecret,
    field: 'clientSecret',
  },
  {
    kind: 'hmac',
    input: {
      authSettings: { signatureHeader: 'X-Acme-Signature', timestampHeader: 'X-Acme-Date' },
      secrets: { signingSecret: secrets.hmac },
    },
    probe: httpProbe({
      path: '/hmac/me?page=1',
      method: 'POST',
      body: '{"probe":true}',
      contentType: 'application/json',
    }),
    secret: secrets.hmac,
    field: 'signingSecret',
  },
  {
    kind: 'wsse',
    input: {
      authSettings: { username: 'warehouse', passwordType: 'PasswordDigest' },
      secrets: { password: secrets.wsse },
    },
    probe: httpProbe({ path: '/soap/wsse', method: 'POST', body: ENVELOPE, contentType: 'text/xml' }),
    secret: secrets.wsse,
    field: 'password',
  },
];

describe('every auth kind against verifying servers, secrets only in the keychain', () => {
  const ids: Record<string, string> = {};

  it('creates and successfully tests one connection per kind', async () => {
    for (const c of cases()) {
      const view = await env.connections.create({
        name: `Sandbox ${c.kind}`,
        connectorId: 'sandbox',
        baseUrl: sandbox.url,
        authKind: c.kind,
        ...c.input,
      });
      returned.push(view);
      ids[c.kind] = view.id;
      expect(view.secrets[c.field as 'apiKey']).toEqual({ set: true, hint: expect.stringMatching(/^••••.{4}$/u) });
      const result = await env.connections.testConnection(view.id, { probe: c.probe });
      returned.push(result);
      expect(result, `${c.kind}: ${result.message}`).toMatchObject({ ok: true, category: 'ok' });
    }
    returned.push(await env.connections.list());
  });

  it('runs the OAuth2 authorization-code flow (confidential client) and tests it', async () => {
    const view = await env.connections.create({
      name: 'Sandbox oauth2_authorization_code',
      connectorId: 'sandbox',
      baseUrl: sandbox.url,
      authKind: 'oauth2_authorization_code',
      authSettings: {
        authorizeUrl: `${sandbox.url}/oauth/authorize`,
        tokenUrl: `${sandbox.url}/oauth/token`,
        clientId: 'sandbox-client',
        clientAuth: 'body',
      },
      secrets: { clientSecret: secrets.clientSecret },
    });
    returned.push(view);
    const signedIn = await env.connections.authorize(view.id, { openExternal: (url) => void clickAuthorize(url) });
    returned.push(signedIn);
    expect(signedIn.secrets.refreshToken?.set).toBe(true);
    ids.oauth2_authorization_code = view.id;
    const result = await env.connections.testConnection(view.id, { probe: httpProbe({ path: '/oauth/me' }) });
    returned.push(result);
    expect(result.ok).toBe(true);
  });

  it('classifies wrong credentials without quoting them', async () => {
    const wrong = canary('wrong');
    const wrongClient = canary('wrongclient');
    extra.push(wrong, wrongClient);
    const view = await env.connections.create({
      name: 'Wrong basic',
      connectorId: 'sandbox',
      baseUrl: sandbox.url,
      authKind: 'basic',
      authSettings: { username: 'ada' },
      secrets: { password: wrong },
    });
    const result = await env.connections.testConnection(view.id, { probe: httpProbe({ path: '/basic/me' }) });
    returned.push(view, result);
    expect(result).toMatchObject({ ok: false, category: 'wrong_credentials', httpStatus: 401 });
    const cc = await env.connections.create({
      name: 'Wrong client secret',
      connectorId: 'sandbox',
      baseUrl: sandbox.url,
      authKind: 'oauth2_client_credentials',
      authSettings: { tokenUrl: `${sandbox.url}/oauth/token`, clientId: 'sandbox-client' },
      secrets: { clientSecret: wrongClient },
    });
    const ccResult = await env.connections.testConnection(cc.id, { probe: httpProbe({ path: '/oauth/me' }) });
    returned.push(cc, ccResult);
    // The provider's error and error_description reach the user.
    expect(ccResult).toMatchObject({ ok: false, category: 'wrong_credentials' });
    expect(ccResult.message).toContain('invalid_client — Client authentication failed');
  });

  it('rejects bad input with errors naming the field and never quoting the secret', async () => {
    const attempts: unknown[] = [
      {
        name: 'x',
        connectorId: 'sandbox',
        baseUrl: 'not a url',
        authKind: 'bearer',
        secrets: { token: secrets.bearer },
      },
      {
        name: 'x',
        connectorId: 'sandbox',
        baseUrl: sandbox.url,
        authKind: 'bearer',
        secrets: { token: `${secrets.bearer}\n` },
      },
      {
        name: 'x',
        connectorId: 'sandbox',
        baseUrl: sandbox.url,
        authKind: 'bearer',
        secrets: { token: secrets.bearer.repeat(300) },
      },
      {
        name: 'Sandbox bearer',
        connectorId: 'sandbox',
        baseUrl: sandbox.url,
        authKind: 'bearer',
        secrets: { token: secrets.bearer },
      },
      {
        name: 'x',
        connectorId: 'sandbox',
        baseUrl: sandbox.url,
        authKind: 'basic',
        secrets: { password: secrets.basic },
      },
    ];
    const fields = ['baseUrl', 'secrets.token', 'secrets.token', 'name', 'authSettings.username'];
    for (const [i, input] of attempts.entries()) {
      const error = await env.connections.create(input).catch((e: unknown) => e);
      errors.push(error);
      expect(AppError.is(error, 'invalid_input'), String(error)).toBe(true);
      expect((error as AppError).message).toContain(fields[i]);
    }
  });

  it('leaves zero canary hits in the data dir, returned objects and errors; secret-tool finds each secret', async () => {
    const refresh = [...sandbox.oauth.refreshTokens];
    const needles = [...Object.values(secrets), ...extra, ...refresh];
    expect(dataDirHits(env.dataDir, needles)).toEqual([]);
    const text =
      JSON.stringify(returned) +
      JSON.stringify(errors) +
      errors.map((e) => errorMessage(e) + JSON.stringify((e as AppError).details)).join('\n');
    for (const n of needles) expect(text.includes(n), 'a canary leaked into a returned object or error').toBe(false);
    // Guard against a vacuous scan: the settings file exists and names every connection.
    expect(dataDirHits(env.dataDir, ['Sandbox basic', 'Sandbox oauth2_authorization_code'])).toHaveLength(2);

    const keychain = secretToolSearch(env.service);
    for (const n of needles) expect(keychain).toContain(n);
    for (const c of cases()) expect(keychain).toContain(`attribute.account = ${ids[c.kind]}/${c.field}`);
    expect(keychain).toContain(`attribute.account = ${ids.oauth2_authorization_code}/refreshToken`);
  });
});
