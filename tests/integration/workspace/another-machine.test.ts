import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SIZES, installDemoWorkspace } from '../../../electron/demo/workspace';
import { DEMO_SYNC_ID } from '../../../electron/demo/mapping';
import { makeTestCore } from '../../helpers/core';
import { makeTempDir } from '../../helpers/tmp';
import { portOf, sandboxOnBlock } from './sandbox-ports';

/**
 * The workspace moves to another machine as files: machine A exports the demo workspace; machine B
 * (an empty data folder and a keychain of its own) applies the files, lists exactly the demo's
 * secret fields as missing, gets them with `secrets set`, runs the sync with A's outcome, and a
 * second apply changes nothing.
 */
describe('export on one machine, apply on another', () => {
  const files = makeTempDir('patchbay-ws-');
  afterAll(() => files.cleanup());

  it('moves the demo workspace; secrets are entered again; the sync runs the same there', async () => {
    // ---- machine A ----
    const a = await makeTestCore();
    const sandboxA = await sandboxOnBlock({ sizes: DEMO_SIZES });
    const port = portOf(sandboxA);
    const { state } = await installDemoWorkspace(a.core, sandboxA);
    const runA = await a.core.sync.service.runToEnd(DEMO_SYNC_ID);
    expect(runA.counters.created).toBeGreaterThan(0);
    const exported = await a.core.workspace.export(files.dir);
    expect(exported.objects).toBe(8);
    // What the user re-enters on B: A's keys (B's sandbox accepts the same ones).
    const typed: Record<string, [string, string]> = {
      [state.connections.crm]: ['token', (await a.core.secrets.get(state.connections.crm, 'token'))!],
      [state.connections.billing]: ['token', (await a.core.secrets.get(state.connections.billing, 'token'))!],
      [state.connections.shop]: ['apiKey', (await a.core.secrets.get(state.connections.shop, 'apiKey'))!],
      [state.connections.wms]: ['password', (await a.core.secrets.get(state.connections.wms, 'password'))!],
    };
    const credentials = sandboxA.credentials;
    await sandboxA.stop();
    await a.close();
    // No secret value reached the files.
    const allText = exported.written.map((f) => readFileSync(join(files.dir, f), 'utf8')).join('\n');
    for (const [, value] of Object.values(typed)) expect(allText).not.toContain(value);

    // ---- machine B ----
    const b = await makeTestCore();
    expect(b.keychainService).not.toBe(a.keychainService);
    try {
      const first = await b.core.workspace.apply(files.dir);
      expect(first.applied).toBe(true);
      expect(first.counts).toEqual({ create: 8, change: 0, unchanged: 0, not_in_files: 0, remove: 0 });

      const missing = await b.core.workspace.missingSecrets();
      expect(missing.map((m) => `${m.id}/${m.field}`).sort()).toEqual(
        Object.entries(typed)
          .map(([id, [field]]) => `${id}/${field}`)
          .sort(),
      );
      for (const [id, [field, value]] of Object.entries(typed)) await b.core.workspace.setSecret(id, field, value);
      expect(await b.core.workspace.missingSecrets()).toEqual([]);

      const sandboxB = await sandboxOnBlock({
        sizes: DEMO_SIZES,
        port,
        seed: sandboxA.seed,
        credentials: {
          crm: { accessToken: credentials.crm.accessToken },
          billing: { secretKey: credentials.billing.secretKey },
          shop: { accessToken: credentials.shop.accessToken },
          wms: { password: credentials.wms.password },
        },
      });
      try {
        const runB = await b.core.sync.service.runToEnd(DEMO_SYNC_ID);
        expect(runB.status).toBe(runA.status);
        expect(runB.counters).toEqual(runA.counters);
      } finally {
        await sandboxB.stop();
      }

      const second = await b.core.workspace.apply(files.dir);
      expect(second.counts).toEqual({ create: 0, change: 0, unchanged: 8, not_in_files: 0, remove: 0 });
      expect(second.entries.every((e) => e.action === 'unchanged')).toBe(true);
    } finally {
      await b.close();
    }
  }, 240_000);
});
