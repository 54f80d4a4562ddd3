import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCore } from '../../helpers/core';
import { runCli } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/tmp';

/**
 * A full disk and a read-only data folder, for real: a small tmpfs mounted for the test (root only;
 * elsewhere the suite is skipped and says why). Patchbay must start, show what is stored, refuse
 * changes with a typed error that says what to do, and leave what is stored untouched.
 */
const mnt = makeTempDir('patchbay-fs-');
const mountError = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt.dir], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error).trim();
  }
})();
if (mountError) console.warn(`[unwritable-folder] skipped: cannot mount a tmpfs here (${mountError})`);

const dataDir = join(mnt.dir, 'data');
const filler = join(mnt.dir, 'filler');
const remount = (mode: 'ro' | 'rw') => execFileSync('mount', ['-o', `remount,${mode}`, mnt.dir]);
const fillDisk = () => {
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
};
const newConnection = (name: string) => ({
  name,
  connectorId: 'crm-hubspot',
  baseUrl: 'http://127.0.0.1:9',
  authKind: 'none' as const,
  authSettings: {},
});

describe.skipIf(mountError !== undefined)('A data folder that cannot be written', () => {
  let settingsBefore = '';

  beforeAll(async () => {
    const t = await makeTestCore({ dataDir });
    await t.call('connections:create', newConnection('Acme CRM'));
    await t.close();
    settingsBefore = readFileSync(join(dataDir, 'config.json'), 'utf8');
  });
  afterAll(() => {
    try {
      remount('rw');
    } finally {
      execFileSync('umount', [mnt.dir]);
      mnt.cleanup();
    }
  });

  it('on a full disk: starts, says so once, shows the data, refuses a change with disk_full', async () => {
    fillDisk();
    try {
      const t = await makeTestCore({ dataDir });
      try {
        expect(t.core.startupWarnings).toEqual([expect.stringMatching(/^The disk holding the data folder .* is full/)]);
        expect((await t.call('connections:list', {})).map((c) => c.name)).toEqual(['Acme CRM']);
        expect((await t.call('app:storage', {})).databases).toHaveLength(4);
        await expect(t.call('connections:create', newConnection('Billing'))).rejects.toMatchObject({
          code: 'disk_full',
          message: expect.stringContaining('Free some space'),
        });
        const compaction = await t.call('app:compactStorage', {});
        expect(compaction.skipped.map((s) => s.file).sort()).toEqual([
          'datasets.db',
          'logs.db',
          'state.db',
          'webhooks.db',
        ]);
      } finally {
        await t.close();
      }
      expect(readFileSync(join(dataDir, 'config.json'), 'utf8')).toBe(settingsBefore);

      const env = { ...process.env, PATCHBAY_DATA_DIR: dataDir };
      const list = await runCli(['connections', 'list'], { env });
      expect(list.code).toBe(0);
      expect(list.stdout).toContain('Acme CRM');
      expect(list.stderr).toMatch(/^patchbay: warning: The disk holding the data folder/);
      const add = await runCli(
        [
          'connections',
          'add',
          '--connector',
          'crm-hubspot',
          '--name',
          'B',
          '--auth',
          'none',
          '--base-url',
          'http://127.0.0.1:9',
        ],
        { env },
      );
      expect(add.code).toBe(1);
      expect(add.stderr).toContain('(disk_full)');
    } finally {
      rmSync(filler, { force: true });
    }
  });

  it('on a read-only mount: starts, shows the data, refuses a change with read_only', async () => {
    remount('ro');
    try {
      const t = await makeTestCore({ dataDir });
      try {
        expect(t.core.startupWarnings).toEqual([expect.stringMatching(/^The data folder .* is read-only/)]);
        expect((await t.call('connections:list', {})).map((c) => c.name)).toEqual(['Acme CRM']);
        await expect(t.call('connections:create', newConnection('Billing'))).rejects.toMatchObject({
          code: 'read_only',
        });
      } finally {
        await t.close();
      }
    } finally {
      remount('rw');
    }
    expect(readFileSync(join(dataDir, 'config.json'), 'utf8')).toBe(settingsBefore);
  });

  it('once space is back: no warning, and the change goes through', async () => {
    const t = await makeTestCore({ dataDir });
    try {
      expect(t.core.startupWarnings).toEqual([]);
      await t.call('connections:create', newConnection('Billing'));
      expect((await t.call('connections:list', {})).map((c) => c.name).sort()).toEqual(['Acme CRM', 'Billing']);
    } finally {
      await t.close();
    }
  });
});
