import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_FOLDER_DATABASES } from '../../../electron/core/data-files';
import { latestVersion, PATCHBAY_APPLICATION_ID } from '../../../electron/core/db/migrations';
import { openSqlite, type DatabaseSpec } from '../../../electron/core/db/open-sqlite';
import { AppError } from '../../../shared/errors';
import { makeTestCore } from '../../helpers/core';
import { makeTempDir } from '../../helpers/tmp';
import { errorMessage } from '../../../shared/error-message';

/** Files written by Patchbay 0.1.0 (tests/fixtures/db-v1/make.ts): no application_id, user_version 0 or 1. */
const V1 = fileURLToPath(new URL('../../fixtures/db-v1/', import.meta.url));

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function copyFixtures(): string {
  const tmp = makeTempDir();
  cleanups.push(tmp.cleanup);
  for (const spec of DATA_FOLDER_DATABASES) copyFileSync(join(V1, spec.file), join(tmp.dir, spec.file));
  return tmp.dir;
}

describe('numbered migrations', () => {
  it('upgrade every database written by 0.1.0 to the latest schema, keeping its rows', () => {
    const dir = copyFixtures();
    const rows: Record<string, string> = {
      'logs.db': 'SELECT count(*) FROM call_events',
      'state.db': 'SELECT count(*) FROM id_map',
      'webhooks.db': 'SELECT count(*) FROM events',
      'datasets.db': 'SELECT count(*) FROM rates',
    };
    const expected: Record<string, number> = { 'logs.db': 3, 'state.db': 2, 'webhooks.db': 1, 'datasets.db': 1 };
    for (const spec of DATA_FOLDER_DATABASES) {
      const before = new Database(join(dir, spec.file), { readonly: true });
      expect(before.pragma('application_id', { simple: true })).toBe(0);
      expect(before.pragma('user_version', { simple: true })).toBeLessThan(latestVersion(spec.migrations) + 1);
      before.close();

      const db = openSqlite(join(dir, spec.file), spec);
      expect(db.pragma('user_version', { simple: true }), spec.file).toBe(latestVersion(spec.migrations));
      expect(db.pragma('application_id', { simple: true })).toBe(PATCHBAY_APPLICATION_ID);
      expect(db.prepare(rows[spec.file]!).pluck().get(), spec.file).toBe(expected[spec.file]);
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      db.close();
    }
  });

  it('an upgraded folder works end to end: the call log answers a full-text search', async () => {
    const dir = copyFixtures();
    const t = await makeTestCore({ dataDir: dir });
    cleanups.push(() => t.core.close());
    expect(t.core.databaseRecoveries).toEqual([]);
    const page = await t.call('logs:query', { search: '"page=2"' });
    expect(page.items.map((c) => c.id)).toEqual(['call-2']);
  });

  it('new files get incremental auto-vacuum (only possible before the first table exists)', () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.cleanup);
    for (const spec of DATA_FOLDER_DATABASES) {
      const db = openSqlite(join(tmp.dir, spec.file), spec);
      expect(db.pragma('auto_vacuum', { simple: true }), spec.file).toBe(2);
      db.close();
    }
  });

  it('refuses a file from a newer Patchbay rather than misreading it', () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.cleanup);
    const spec = DATA_FOLDER_DATABASES[0]!;
    const path = join(tmp.dir, spec.file);
    const db = new Database(path);
    db.pragma(`user_version = ${latestVersion(spec.migrations) + 1}`);
    db.close();
    expect(() => openSqlite(path, spec)).toThrow(/newer Patchbay/);
  });

  it('a failing step rolls back and leaves the file at the version before it', () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.cleanup);
    const path = join(tmp.dir, 'x.db');
    const spec: DatabaseSpec = {
      file: 'x.db',
      what: 'a test database',
      migrations: [
        { version: 1, name: 'one table', up: 'CREATE TABLE a (x)' },
        { version: 2, name: 'broken', up: 'CREATE TABLE b (x); INSERT INTO nowhere VALUES (1)' },
      ],
    };
    let error: unknown;
    try {
      openSqlite(path, spec);
    } catch (e) {
      error = e;
    }
    expect(AppError.is(error, 'io_error')).toBe(true);
    expect(errorMessage(error)).toMatch(/schema 2 \("broken"\).*left as it was/);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['a']);
    db.close();
  });
});
