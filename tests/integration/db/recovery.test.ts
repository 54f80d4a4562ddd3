import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_FOLDER_DATABASES } from '../../../electron/core/data-files';
import { openSqlite, type DatabaseSpec } from '../../../electron/core/db/open-sqlite';
import { makeTestCore } from '../../helpers/core';
import { runCli } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/tmp';

/** Per database: the table filled with known rows, and how to write one (rowid and WITHOUT ROWID tables both covered). */
const FILL: Record<string, { table: string; insert: string; row: (i: number) => unknown[] }> = {
  'logs.db': {
    table: 'call_events',
    insert: `INSERT INTO call_events (id, time_ms, duration_ms, method, url, host, status_class, response_body)
             VALUES (?, ?, 1, 'GET', ?, 'h.test', '2xx', ?)`,
    row: (i) => [`c${i}`, i, `https://h.test/items/${i}`, `{"n":${i},"pad":"${'x'.repeat(200)}"}`],
  },
  'state.db': {
    table: 'id_map',
    insert: `INSERT INTO id_map (sync_id, source_id, target_id, content_hash, vals, mapping_version, synced_at)
             VALUES ('s', ?, ?, 'h', ?, 1, 'now')`,
    row: (i) => [`src-${String(i).padStart(6, '0')}`, `tgt-${i}`, `{"pad":"${'y'.repeat(200)}"}`],
  },
  'webhooks.db': {
    table: 'events',
    insert: `INSERT INTO events (endpoint_id, event_id, source, received_at, status, body) VALUES ('e', ?, 'shop', ?, 'processed', ?)`,
    row: (i) => [`evt-${i}`, i, `{"pad":"${'z'.repeat(200)}"}`],
  },
  'datasets.db': {
    table: 'rates',
    insert: `INSERT INTO rates (rate_key, currency, date, rate) VALUES ('ecb', ?, '2026-01-01', ?)`,
    row: (i) => [`C${String(i).padStart(6, '0')}${'w'.repeat(150)}`, `1.${i}`],
  },
};
const ROWS = 3000;

function populate(dir: string, spec: DatabaseSpec): string {
  const path = join(dir, spec.file);
  const db = openSqlite(path, spec);
  const fill = FILL[spec.file]!;
  const insert = db.prepare(fill.insert);
  db.transaction(() => {
    for (let i = 1; i <= ROWS; i++) insert.run(...fill.row(i));
  })();
  db.close(); // checkpoints the WAL into the main file
  return path;
}

const CASES = {
  truncated: (path: string) => truncateSync(path, Math.floor(statSync(path).size / 2)),
  /** Random bytes over a few pages in the middle: the header and most pages still read. */
  scribbled: (path: string) => {
    const bytes = readFileSync(path);
    const page = 4096;
    const at = Math.floor(bytes.length / page / 2) * page;
    randomBytes(page * 3).copy(bytes, at);
    writeFileSync(path, bytes);
  },
  garbage: (path: string) => writeFileSync(path, randomBytes(64 * 1024)),
  empty: (path: string) => writeFileSync(path, ''),
  foreign: (path: string) => {
    writeFileSync(path, '');
    const other = new Database(path);
    other.exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('x')");
    other.close();
  },
} as const;

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('damaged database files at start', () => {
  for (const spec of DATA_FOLDER_DATABASES) {
    for (const [name, damage] of Object.entries(CASES)) {
      it(`${spec.file}, ${name}: core starts, the user is told, readable rows are back`, async () => {
        const tmp = makeTempDir();
        cleanups.push(tmp.cleanup);
        const path = populate(tmp.dir, spec);
        damage(path);

        const t = await makeTestCore({ dataDir: tmp.dir });
        cleanups.push(() => t.core.close());
        const recovery = t.core.databaseRecoveries.find((r) => r.path === path);
        expect(recovery, `a recovery report for ${spec.file}`).toBeDefined();
        expect(existsSync(recovery!.movedTo)).toBe(true);
        const kept = readdirSync(tmp.dir).filter((f) => f.startsWith(`${spec.file}.`));
        expect(kept).toContain(recovery!.movedTo.slice(tmp.dir.length + 1));
        // Told in the app (a notice) and in the CLI (startup warnings go to stderr).
        const notices = await t.call('app:notices', {});
        expect(notices.some((n) => n.message.includes(recovery!.movedTo))).toBe(true);
        expect(t.core.startupWarnings.some((w) => w.includes(spec.file) && w.includes(recovery!.movedTo))).toBe(true);

        const fresh = new Database(path, { readonly: true });
        const count = fresh.prepare(`SELECT count(*) FROM ${FILL[spec.file]!.table}`).pluck().get() as number;
        expect(fresh.pragma('quick_check', { simple: true })).toBe('ok');
        fresh.close();
        expect(count).toBe(recovery!.recoveredRows);
        if (name === 'truncated' || name === 'scribbled') {
          expect(recovery!.problem).toBe('damaged');
          // Most rows sit on readable pages; only the damaged ones are lost, and the message says how many.
          expect(count).toBeGreaterThan(ROWS * 0.3);
          expect(count).toBeLessThan(ROWS);
          expect(recovery!.message).toMatch(/rows were recovered/);
        } else {
          expect(recovery!.problem).toBe(name === 'garbage' ? 'not_a_database' : name);
          expect(count).toBe(0);
        }
        if (name === 'foreign') {
          const other = new Database(recovery!.movedTo, { readonly: true });
          expect(other.prepare('SELECT url FROM moz_places').pluck().get()).toBe('x');
          other.close();
        }
        const doctor = await t.call('app:doctor', {});
        const databases = doctor.checks.find((c) => c.id === 'databases')!;
        expect(databases.ok).toBe(true);
        expect(databases.detail).toContain(`Repaired at start`);
      });
    }
  }

  it('a garbage logs.db never breaks `sync list`; the CLI says what happened on stderr, doctor too', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.cleanup);
    writeFileSync(join(tmp.dir, 'logs.db'), randomBytes(32 * 1024));
    const env = { ...process.env, PATCHBAY_DATA_DIR: tmp.dir };
    const list = await runCli(['sync', 'list'], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toMatch(/warning: The log database \(logs\.db\) was not a database.*logs\.db\.corrupt-/);
    const doctor = await runCli(['doctor'], { env });
    expect(doctor.stdout).toMatch(/OK +Databases: healthy.*Damaged copies kept aside.*logs\.db\.corrupt-/);
  });

  it('a corrupt config.json is reported by the CLI, not only in the app', async () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.cleanup);
    writeFileSync(join(tmp.dir, 'config.json'), '{ "connections": [');
    const list = await runCli(['connections', 'list'], { env: { ...process.env, PATCHBAY_DATA_DIR: tmp.dir } });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toMatch(/warning: Your settings file could not be read.*config\.json\.corrupt-/);
  });
});
