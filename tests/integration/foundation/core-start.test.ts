import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTestCore } from '../../helpers/core';
import { makeTempDir } from '../../helpers/tmp';

describe('core start-up', () => {
  it('moves a corrupt config.json aside, starts with defaults and says so', async () => {
    const tmp = makeTempDir();
    writeFileSync(join(tmp.dir, 'config.json'), '{ "preferences": { "theme": "dark" ');
    const t = await makeTestCore({ dataDir: tmp.dir });
    try {
      const notices = await t.call('app:notices', {});
      expect(notices).toHaveLength(1);
      expect(notices[0]!.message).toMatch(/could not be read.*config\.json\.corrupt-/);
      const moved = readdirSync(tmp.dir).filter((f) => f.startsWith('config.json.corrupt-'));
      expect(moved).toHaveLength(1);
      expect(readFileSync(join(tmp.dir, moved[0]!), 'utf8')).toContain('"theme": "dark"');
      expect((await t.call('settings:get', {})).theme).toBe('system');
    } finally {
      await t.close();
      tmp.cleanup();
    }
  });

  it('persists preferences in config.json that a second core reads back', async () => {
    const tmp = makeTempDir();
    const first = await makeTestCore({ dataDir: tmp.dir });
    await first.call('settings:update', { theme: 'dark', integratorContact: 'it@acme.example' });
    await first.core.close();
    const second = await makeTestCore({ dataDir: tmp.dir });
    try {
      expect(await second.call('settings:get', {})).toMatchObject({
        theme: 'dark',
        integratorContact: 'it@acme.example',
      });
      expect(existsSync(join(tmp.dir, 'config.json'))).toBe(true);
    } finally {
      await second.close();
      tmp.cleanup();
    }
  });

  it('reports every doctor check', async () => {
    const t = await makeTestCore();
    try {
      const report = await t.call('app:doctor', {});
      expect(report.checks.map((c) => c.id).sort()).toEqual([
        'data_dir',
        'databases',
        'keychain',
        'local_ports',
        'settings',
        'sqlite',
      ]);
      expect(report.checks.find((c) => c.id === 'keychain')!.ok).toBe(true);
    } finally {
      await t.close();
    }
  });
});
