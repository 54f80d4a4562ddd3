import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_WRITING_CHANNELS } from '../../../electron/core/ipc/file-grants';
import { contract } from '../../../shared/contract';
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
  });

  it('accepts a path the user chose, once', async () => {
    const chosen = await t.rawUntrusted('app:chooseSavePath', { suggestedName: 'calls.jsonl' });
    expect(chosen.ok).toBe(true);
    const path = (chosen as { ok: true; value: { path: string } }).value.path;
    const first = await t.rawUntrusted('logs:export', { format: 'jsonl', path });
    expect(first.ok, JSON.stringify(first)).toBe(true);
    expect(existsSync(path)).toBe(true);
    const again = await t.rawUntrusted('logs:export', { format: 'jsonl', path });
    expect(again).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });
});
