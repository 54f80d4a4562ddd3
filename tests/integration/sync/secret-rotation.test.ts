import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplier } from '../../../electron/core/auth';
import { startAuthSandbox, type AuthSandbox } from '../../../electron/sandbox/auth';
import { RunSecrets } from '../../../electron/core/sync/adapters/memory-secrets';
import { makeCanary } from '../../helpers/canary';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { clickAuthorize } from '../connections/env';

/**
 * A sync worker refreshes OAuth2 tokens with the run's copy of the secrets. A provider that rotates
 * refresh tokens revokes the old one at that moment, so the new one must reach the keychain — or the
 * connection is dead after its first sync. (RunSecrets → worker message → saveRotatedSecret.)
 */
describe('OAuth2 refresh-token rotation inside a sync run', () => {
  let sandbox: AuthSandbox;
  let t: TestCore;
  let connectionId = '';
  const clientSecret = makeCanary('client');
  beforeAll(async () => {
    sandbox = await startAuthSandbox({ oauth: { clientSecret, rotateRefreshTokens: true } });
    t = await makeTestCore();
    const view = await t.call('connections:create', {
      name: 'Rotating OAuth',
      connectorId: 'generic-rest',
      baseUrl: sandbox.url,
      authKind: 'oauth2_authorization_code',
      authSettings: {
        authorizeUrl: `${sandbox.url}/oauth/authorize`,
        tokenUrl: `${sandbox.url}/oauth/token`,
        clientId: 'sandbox-client',
        clientAuth: 'body',
      },
      secrets: { clientSecret },
    });
    connectionId = view.id;
    await t.core.connections.authorize(connectionId, { openExternal: (url) => void clickAuthorize(url) });
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('hands the rotated refresh token to the main thread, which stores it; the next run works', async () => {
    const connection = await t.core.connections.get(connectionId);
    const original = (await t.core.secrets.get(connectionId, 'refreshToken'))!;
    const rotated: { field: string; value: string }[] = [];
    // What the worker does with the plan's secrets (see sync/plan.ts clientOf).
    const runSecrets = new RunSecrets(
      { [connectionId]: { refreshToken: original, clientSecret } },
      (_id, field, value) => rotated.push({ field, value }),
    );
    const applier = createApplier(connection, runSecrets);
    const req = { method: 'GET', url: new URL(`${sandbox.url}/oauth/me`), headers: {} as Record<string, string> };
    await applier.apply(req);
    expect(req.headers.authorization ?? req.headers.Authorization).toMatch(/^Bearer /);
    expect(rotated).toHaveLength(1);
    expect(rotated[0]!.field).toBe('refreshToken');
    expect(rotated[0]!.value).not.toBe(original);
    expect(sandbox.oauth.refreshTokens.has(original)).toBe(false);

    // The main thread's side (sync/wiring.ts): the keychain gets the live token.
    await t.core.connections.saveRotatedSecret(connectionId, 'refreshToken', rotated[0]!.value);
    expect(await t.core.secrets.get(connectionId, 'refreshToken')).toBe(rotated[0]!.value);

    // A second "run" with the stored secrets still obtains a token.
    const next = createApplier(
      connection,
      new RunSecrets({ [connectionId]: { refreshToken: rotated[0]!.value, clientSecret } }),
    );
    const req2 = { method: 'GET', url: new URL(`${sandbox.url}/oauth/me`), headers: {} as Record<string, string> };
    await next.apply(req2);
    expect(req2.headers.authorization ?? req2.headers.Authorization).toMatch(/^Bearer /);
  });
});
