import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_WRITING_CHANNELS } from '../../../electron/core/ipc/file-grants';
import { contract } from '../../../shared/contract';
import { SAVE_DIALOG_CHANNELS } from '../../../shared/contract/logs';
import { makeTempDir } from '../../helpers/tmp';
import { makeTestCore, type TestCore } from '../../helpers/core';

/** A compromised page cannot make core write a file the user did not pick in the save dialog. */
describe('file-writing channels from the renderer', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeTestCore();
  });
  afterAll(() => t.close());

  it('refuses a path that did not come from the save dialog, e.g. overwriting logs.db', async () => {
    const target = join(t.dataDir, 'logs.db');
    const result = await t.rawUntrusted('logs:export', { format: 'jsonl', path: target });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    // The guarded list names real channels (a typo would silently guard nothing).
    for (const channel of FILE_WRITING_CHANNELS) expect(Object.keys(contract)).toContain(channel);
    for (const channel of SAVE_DIALOG_CHANNELS) expect(FILE_WRITING_CHANNELS.has(channel)).toBe(true);
  });

  it('accepts a path the user chose, once', async () => {
    const chosen = await t.rawUntrusted('app:chooseSavePath', { suggestedName: 'calls.jsonl', for: 'logs:export' });
    expect(chosen.ok).toBe(true);
    const path = (chosen as { ok: true; value: { path: string } }).value.path;
    const first = await t.rawUntrusted('logs:export', { format: 'jsonl', path });
    expect(first.ok, JSON.stringify(first)).toBe(true);
    expect(existsSync(path)).toBe(true);
    const again = await t.rawUntrusted('logs:export', { format: 'jsonl', path });
    expect(again).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses a save path granted for another export, and leaves the grant to the export it was for', async () => {
    const chosen = await t.rawUntrusted('app:chooseSavePath', { suggestedName: 'report.csv', for: 'ledger:export' });
    const path = (chosen as { ok: true; value: { path: string } }).value.path;
    const misused = await t.rawUntrusted('logs:export', { format: 'jsonl', path });
    expect(misused).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender', details: { channel: 'logs:export' } },
    });
    expect(existsSync(path)).toBe(false);
    const meant = await t.rawUntrusted('ledger:export', { format: 'csv', path });
    expect(meant.ok, JSON.stringify(meant)).toBe(true);
    expect(existsSync(path)).toBe(true);
  });

  it('a save dialog must name its export: no grant without one', async () => {
    const unnamed = await t.rawUntrusted('app:chooseSavePath', { suggestedName: 'calls.jsonl' });
    expect(unnamed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('binds a folder picked to export the workspace to the export, not to an apply', async () => {
    const folder = makeTempDir();
    const core = await makeTestCore({ chooseFolder: () => folder.dir });
    try {
      const chosen = await core.rawUntrusted('workspace:chooseFolder', { purpose: 'export' });
      expect(chosen).toMatchObject({ ok: true, value: { path: folder.dir } });
      const applied = await core.rawUntrusted('workspace:apply', { path: folder.dir });
      expect(applied).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      const exported = await core.rawUntrusted('workspace:export', { path: folder.dir });
      expect(exported.ok, JSON.stringify(exported)).toBe(true);

      // A folder picked to apply from serves its plan (then its apply needs a new pick), never an export.
      await core.rawUntrusted('workspace:chooseFolder', { purpose: 'apply' });
      const overwrite = await core.rawUntrusted('workspace:export', { path: folder.dir });
      expect(overwrite).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      const plan = await core.rawUntrusted('workspace:plan', { path: folder.dir });
      expect(plan.ok, JSON.stringify(plan)).toBe(true);
    } finally {
      await core.close();
      folder.cleanup();
    }
  });
});
