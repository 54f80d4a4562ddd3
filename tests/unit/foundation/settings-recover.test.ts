import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recoverCorruptSettings } from '../../../electron/core/settings/recover';
import { makeTempDir } from '../../helpers/tmp';

describe('corrupt settings recovery', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.cleanup());

  it('moves an unparsable config.json aside and keeps its bytes', () => {
    const file = join(tmp.dir, 'config.json');
    writeFileSync(file, '{"connections": [ {"name": "Acme"');
    const result = recoverCorruptSettings(tmp.dir, new Date('2026-11-25T10:00:00Z'));
    expect(result.movedTo).toBe(`${file}.corrupt-2026-11-25T10-00-00-000Z`);
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(result.movedTo!, 'utf8')).toContain('Acme');
  });

  it('leaves a valid file alone', () => {
    writeFileSync(join(tmp.dir, 'config.json'), '{"preferences": {}}');
    expect(recoverCorruptSettings(tmp.dir)).toEqual({});
    expect(existsSync(join(tmp.dir, 'config.json'))).toBe(true);
  });

  it('treats a JSON array as corrupt', () => {
    writeFileSync(join(tmp.dir, 'config.json'), '[1,2]');
    expect(recoverCorruptSettings(tmp.dir).reason).toMatch(/not a JSON object/);
  });
});
