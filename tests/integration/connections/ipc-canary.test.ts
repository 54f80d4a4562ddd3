import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import { makeCanary, scanDirForCanaries } from '../../helpers/canary';
import { makeTestCore, type TestCore } from '../../helpers/core';

/**
 * The renderer never receives a secret: after creating connections with canary secrets through the
 * real handler table, no response of ANY channel (valid or error) contains a canary, nor does any
 * file of the data folder — while the keychain really holds them.
 */
// Channels that start long-running or external work are exercised by their own tests.
const SIDE_EFFECT_CHANNELS = new Set(['connections:remove', 'connections:authorize']);

describe('no secret crosses the IPC boundary', () => {
  let t: TestCore;
  const canaries = [makeCanary('bearer'), makeCanary('basic')];
  let ids: string[] = [];

  beforeAll(async () => {
    t = await makeTestCore();
    const bearer = await t.call('connections:create', {
      name: 'Canary bearer',
      connectorId: 'generic-rest',
      baseUrl: 'http://127.0.0.1:9/api',
      authKind: 'bearer',
      secrets: { token: canaries[0]! },
    });
    const basic = await t.call('connections:create', {
      name: 'Canary basic',
      connectorId: 'generic-rest',
      baseUrl: 'http://127.0.0.1:9/api',
      authKind: 'basic',
      authSettings: { username: 'acme' },
      secrets: { password: canaries[1]! },
    });
    ids = [bearer.id, basic.id];
  });
  afterAll(() => t.close());

  it('keeps the secrets in the keychain', () => {
    const found = execFileSync('secret-tool', ['search', '--all', 'service', t.keychainService], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const c of canaries) expect(found).toContain(c);
  });

  it('returns no canary from any channel, including errors', async () => {
    const responses: string[] = [];
    for (const channel of Object.keys(contract)) {
      if (SIDE_EFFECT_CHANNELS.has(channel)) continue;
      for (const input of [{}, { id: ids[0] }, { id: ids[1] }, { id: ids[0], secrets: { token: 'x' } }]) {
        responses.push(JSON.stringify(await t.raw(channel, input)));
      }
    }
    responses.push(JSON.stringify(await t.raw('connections:duplicate', { id: ids[0] })));
    responses.push(JSON.stringify(await t.raw('connections:test', { id: ids[1] })));
    // A failing create that echoes fields back in its error must not echo the secret.
    responses.push(
      JSON.stringify(
        await t.raw('connections:create', {
          name: '',
          connectorId: 'generic-rest',
          baseUrl: 'nope',
          authKind: 'bearer',
          secrets: { token: `${canaries[0]}\n` },
        }),
      ),
    );
    expect(responses.length).toBeGreaterThan(10);
    for (const r of responses) for (const c of canaries) expect(r).not.toContain(c);
  });

  it('leaves no canary in any file of the data folder', () => {
    expect(scanDirForCanaries(t.dataDir, canaries)).toEqual([]);
  });
});
