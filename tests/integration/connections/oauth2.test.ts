import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { httpProbe } from '../../../electron/core/connections';
import { printUrlOpener } from '../../../electron/core/auth';
import { createPkcePair } from '../../../electron/core/auth/oauth2/pkce';
import { startAuthSandbox, type AuthSandbox } from '../../../electron/sandbox/auth';
import { canary, clickAuthorize, dataDirHits, makeEnv, secretToolSearch, type TestEnv } from './env';
import { errorMessage } from '../../../shared/error-message';

let sandbox: AuthSandbox;
let env: TestEnv;
let clock = Date.now();
const probe = () => httpProbe({ path: '/oauth/me' });

beforeEach(async () => {
  sandbox = await startAuthSandbox({ oauth: { tokenTtlSeconds: 120 } });
  clock = Date.now();
  env = makeEnv({ authDeps: { now: () => clock, refreshSkewMs: 60_000 } });
});
afterEach(async () => {
  await env.cleanup();
  await sandbox.close();
});

const authCode = () =>
  env.connections.create({
    name: 'Desktop app',
    connectorId: 'sandbox',
    baseUrl: sandbox.url,
    authKind: 'oauth2_authorization_code',
    // A public client (RFC 8252): no secret, PKCE is the only proof.
    authSettings: {
      authorizeUrl: `${sandbox.url}/oauth/authorize`,
      tokenUrl: `${sandbox.url}/oauth/token`,
      clientId: 'sandbox-desktop',
      scopes: ['contacts.read'],
    },
  });

describe('OAuth2 authorization code + PKCE, end to end', () => {
  it('signs in through the loopback redirect, rotates the refresh token, and flags invalid_grant', async () => {
    const c = await authCode();
    const opened: string[] = [];
    const view = await env.connections.authorize(c.id, {
      openExternal: async (url) => {
        opened.push(url);
        await clickAuthorize(url);
      },
    });
    const authorizeUrl = new URL(opened[0]);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(sandbox.oauth.tokenRequests).toEqual(['authorization_code']);
    const firstRefresh = await env.secrets.get(c.id, 'refreshToken');
    expect(firstRefresh && sandbox.oauth.refreshTokens.has(firstRefresh)).toBe(true);
    expect(view).toMatchObject({ needsReauthorization: false, secrets: { refreshToken: { set: true } } });

    expect((await env.connections.testConnection(c.id, { probe: probe() })).ok).toBe(true);
    expect(sandbox.oauth.tokenRequests).toHaveLength(1); // the access token from sign-in was reused

    // The provider revokes access tokens: one 401, one refresh (with rotation), one retry.
    sandbox.oauth.revokeAccessTokens();
    expect((await env.connections.testConnection(c.id, { probe: probe() })).ok).toBe(true);
    expect(sandbox.oauth.tokenRequests).toEqual(['authorization_code', 'refresh_token']);
    const rotated = await env.secrets.get(c.id, 'refreshToken');
    expect(rotated).not.toBe(firstRefresh);
    expect(sandbox.oauth.refreshTokens.has(firstRefresh!)).toBe(false);
    expect(sandbox.oauth.refreshTokens.has(rotated!)).toBe(true);
    expect((await env.connections.get(c.id)).secrets.refreshToken?.hint).toBe(`••••${rotated!.slice(-4)}`);

    // Refresh before expiry: 61 s later the 120 s token is inside the 60 s skew.
    clock += 61_000;
    expect((await env.connections.testConnection(c.id, { probe: probe() })).ok).toBe(true);
    expect(sandbox.oauth.tokenRequests.at(-1)).toBe('refresh_token');
    expect(sandbox.oauth.tokenRequests).toHaveLength(3);

    // The user revokes the app at the provider: refresh answers invalid_grant.
    sandbox.oauth.failRefreshWithInvalidGrant = true;
    sandbox.oauth.revokeAccessTokens();
    const failed = await env.connections.testConnection(c.id, { probe: probe() });
    expect(failed).toMatchObject({ ok: false, category: 'wrong_credentials' });
    expect(failed.nextStep).toMatch(/Re-authorize/);
    expect((await env.connections.get(c.id)).needsReauthorization).toBe(true);
    const applier = await env.connections.applier(c.id);
    const err = await applier
      .apply({ method: 'GET', url: new URL(`${sandbox.url}/oauth/me`), headers: {} })
      .catch((e: unknown) => e);
    expect(AppError.is(err, 'needs_reauthorization')).toBe(true);

    // Re-authorize fixes it.
    sandbox.oauth.failRefreshWithInvalidGrant = false;
    const again = await env.connections.authorize(c.id, { openExternal: (url) => void clickAuthorize(url) });
    expect(again.needsReauthorization).toBe(false);
    expect((await env.connections.testConnection(c.id, { probe: probe() })).ok).toBe(true);

    // Tokens never land in the data dir; the current refresh token is in the keychain.
    const current = (await env.secrets.get(c.id, 'refreshToken'))!;
    expect(dataDirHits(env.dataDir, [firstRefresh!, rotated!, current])).toEqual([]);
    expect(secretToolSearch(env.service)).toContain(current);
  });

  it('ignores a redirect with the wrong state and keeps waiting for the real one', async () => {
    const c = await authCode();
    const statuses: number[] = [];
    await env.connections.authorize(c.id, {
      openExternal: async (url) => {
        const forged = await clickAuthorize(url, (r) => r.searchParams.set('state', 'forged'));
        statuses.push(forged.status);
        statuses.push((await clickAuthorize(url)).status);
      },
    });
    expect(statuses).toEqual([400, 200]);
    expect(await env.secrets.get(c.id, 'refreshToken')).toBeTruthy();
  });

  it('surfaces a denied consent, and the CLI opener prints the URL', async () => {
    const c = await authCode();
    sandbox.oauth.denyAuthorization = true;
    const lines: string[] = [];
    const print = printUrlOpener((l) => lines.push(l));
    const error = await env.connections
      .authorize(c.id, {
        openExternal: async (url) => {
          print(url);
          await clickAuthorize(lines.join('').match(/http\S+oauth\/authorize\S+/)![0]);
        },
      })
      .catch((e: unknown) => e);
    expect(AppError.is(error, 'auth_failed')).toBe(true);
    expect(errorMessage(error)).toContain('access_denied');
    expect(lines[0]).toContain('Open this address in your browser');
    expect((await env.connections.get(c.id)).secrets.refreshToken).toBeUndefined();
  });

  it('the sandbox really verifies PKCE: a wrong verifier is refused', async () => {
    const { challenge } = createPkcePair();
    const redirect = 'http://127.0.0.1:9/callback';
    const res = await fetch(
      `${sandbox.url}/oauth/authorize?response_type=code&client_id=sandbox-desktop&redirect_uri=${encodeURIComponent(redirect)}&state=s&code_challenge=${challenge}&code_challenge_method=S256`,
      { redirect: 'manual' },
    );
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const token = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirect,
        client_id: 'sandbox-desktop',
        code_verifier: createPkcePair().verifier,
      }),
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toEqual({ error: 'invalid_grant', error_description: 'PKCE verification failed' });
  });

  it('client credentials: cached, refreshed before expiry, once on 401, provider errors surfaced', async () => {
    const secret = canary('cc');
    await sandbox.close();
    sandbox = await startAuthSandbox({ oauth: { clientSecret: secret, tokenTtlSeconds: 120 } });
    const c = await env.connections.create({
      name: 'M2M',
      connectorId: 'sandbox',
      baseUrl: sandbox.url,
      authKind: 'oauth2_client_credentials',
      authSettings: { tokenUrl: `${sandbox.url}/oauth/token`, clientId: 'sandbox-client' },
      secrets: { clientSecret: secret },
    });
    for (let i = 0; i < 3; i++) expect((await env.connections.testConnection(c.id, { probe: probe() })).ok).toBe(true);
    expect(sandbox.oauth.tokenRequests).toEqual(['client_credentials']);
    clock += 61_000;
    await env.connections.testConnection(c.id, { probe: probe() });
    expect(sandbox.oauth.tokenRequests).toHaveLength(2);
    sandbox.oauth.revokeAccessTokens();
    expect((await env.connections.testConnection(c.id, { probe: probe() })).ok).toBe(true);
    expect(sandbox.oauth.tokenRequests).toHaveLength(3);
  });
});
