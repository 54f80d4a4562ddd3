import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compactDatabaseFile, databaseFileSizes } from '../../../electron/core/db/housekeeping';
import { Housekeeping } from '../../../electron/core/db/housekeeping-service';
import { DATA_FOLDER_DATABASES } from '../../../electron/core/data-files';
import { FakeTimers } from '../../helpers/fake-timers';
import type { DatabaseSpec } from '../../../electron/core/db/open-sqlite';
import { openStateDb } from '../../../electron/core/sync/state-db';
import { openWebhookDatabase } from '../../../electron/core/webhooks/db';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { runCli } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/tmp';

const DAY = 86_400_000;
const PAD = 'p'.repeat(300);

/** Seven finished runs of one sync, the oldest first, 400 outcomes each; an id map that must survive. */
function seedState(dataDir: string, now: number): { runs: string[] } {
  const db = openStateDb(join(dataDir, 'state.db'));
  const runs: string[] = [];
  const ages = [400, 300, 200, 150, 120, 100, 1];
  const insertRun = db.prepare(
    `INSERT INTO runs (id, sync_id, status, dry_run, mode, mapping_version, counters, started_at, finished_at)
     VALUES (?, 'sync-a', 'succeeded', 0, 'full', 1, '{}', ?, ?)`,
  );
  const insertOutcome = db.prepare(
    `INSERT INTO outcomes (run_id, source_id, seq, outcome, reason, at) VALUES (?, ?, ?, 'updated', ?, ?)`,
  );
  const insertMap = db.prepare(
    `INSERT INTO id_map (sync_id, source_id, target_id, content_hash, vals, mapping_version, synced_at)
     VALUES ('sync-a', ?, ?, 'h', '{}', 1, 'then')`,
  );
  db.transaction(() => {
    ages.forEach((age, r) => {
      const at = new Date(now - age * DAY).toISOString();
      const id = `run-${r}`;
      runs.push(id);
      insertRun.run(id, at, at);
      for (let i = 0; i < 400; i++) insertOutcome.run(id, `src-${i}`, i, PAD, at);
    });
    for (let i = 0; i < 400; i++) insertMap.run(`src-${i}`, `cus_${i}`);
  })();
  db.close();
  return { runs };
}

/**
 * Webhooks: 300 old events delivered long ago (with attempts), one old event whose delivery is parked
 * (work still to do), and 20 recent delivered ones.
 */
function seedWebhooks(dataDir: string, now: number): void {
  const db = openWebhookDatabase(dataDir);
  const event = db.prepare(
    `INSERT INTO events (endpoint_id, event_id, source, received_at, status, body) VALUES ('ep', ?, 'shop', ?, 'processed', ?)`,
  );
  const outbox = db.prepare(
    `INSERT INTO outbox (id, idempotency_id, target_id, state, payload, created_at, updated_at, delivered_at, source_event_seq)
     VALUES (?, ?, 'wms', ?, ?, ?, ?, ?, ?)`,
  );
  const attempt = db.prepare(
    `INSERT INTO attempts (delivery_id, n, started_at, duration_ms, status, outcome) VALUES (?, ?, ?, 5, ?, ?)`,
  );
  db.transaction(() => {
    const add = (i: number, at: number, state: 'delivered' | 'needs_attention') => {
      const seq = Number(event.run(`evt-${i}`, at, PAD).lastInsertRowid);
      outbox.run(`dl-${i}`, `idem-${i}`, state, PAD, at, at, state === 'delivered' ? at : null, seq);
      attempt.run(`dl-${i}`, 1, at, 503, 'retry');
      if (state === 'delivered') attempt.run(`dl-${i}`, 2, at, 200, 'delivered');
    };
    for (let i = 0; i < 300; i++) add(i, now - 200 * DAY, 'delivered');
    add(300, now - 200 * DAY, 'needs_attention');
    for (let i = 301; i < 321; i++) add(i, now - DAY, 'delivered');
  })();
  db.close();
}

const count = (path: string, sql: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('Data folder housekeeping', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('prunes old run details and delivered webhooks, keeps what syncs and pending work need, and frees the space', async () => {
    t = await makeTestCore();
    const now = Date.now();
    const { runs } = seedState(t.dataDir, now);
    seedWebhooks(t.dataDir, now);
    const state = join(t.dataDir, 'state.db');
    const hooks = join(t.dataDir, 'webhooks.db');
    const before = await t.call('app:storage', {});
    expect(before.databases.map((d) => d.file).sort()).toEqual(['datasets.db', 'logs.db', 'state.db', 'webhooks.db']);
    expect(before.historyRetentionDays).toBe(90);

    const result = await t.call('app:compactStorage', {});

    const pruned = Object.fromEntries(result.pruned.map((p) => [`${p.file}: ${p.label}`, p.rows]));
    // Runs 0 and 1 are older than 90 days and not among the five latest; runs 2–4 are old but kept as the latest five.
    expect(pruned['state.db: per-record details of old runs']).toBe(800);
    expect(pruned['webhooks.db: delivered webhooks']).toBe(300);
    expect(pruned['webhooks.db: attempt history of delivered webhooks']).toBe(600);
    expect(pruned['webhooks.db: received webhook events already handled']).toBe(300);
    expect(result.skipped).toEqual([]);

    for (const [i, run] of runs.entries())
      expect(count(state, `SELECT count(*) FROM outcomes WHERE run_id = '${run}'`), run).toBe(i < 2 ? 0 : 400);
    expect(count(state, 'SELECT count(*) FROM runs')).toBe(7);
    expect(count(state, 'SELECT count(*) FROM id_map')).toBe(400);
    expect(count(hooks, `SELECT count(*) FROM outbox WHERE state = 'needs_attention'`)).toBe(1);
    expect(count(hooks, `SELECT count(*) FROM events WHERE event_id = 'evt-300'`)).toBe(1);
    expect(count(hooks, `SELECT count(*) FROM attempts WHERE delivery_id = 'dl-300'`)).toBe(1);
    expect(count(hooks, 'SELECT count(*) FROM outbox')).toBe(21);

    const after = await t.call('app:storage', {});
    const size = (r: typeof after, file: string) => r.databases.find((d) => d.file === file)!;
    // Before, most pages still sit in the WAL: compare what each file takes in all.
    const total = (r: typeof after, file: string) => size(r, file).bytes + size(r, file).walBytes;
    expect(total(after, 'state.db')).toBeLessThan(total(before, 'state.db'));
    expect(total(after, 'webhooks.db')).toBeLessThan(total(before, 'webhooks.db'));
    expect(size(after, 'state.db').walBytes).toBe(0);
    expect(size(after, 'state.db').freeBytes).toBe(0);
    expect(result.bytesAfter).toBeLessThan(result.bytesBefore);
    expect(after.lastCompaction?.at).toBe(result.at);

    // Nothing left to prune: a second compaction removes nothing.
    const again = await t.call('app:compactStorage', {});
    expect(again.pruned.reduce((n, p) => n + p.rows, 0)).toBe(0);
  });

  it('follows the retention preference', async () => {
    t = await makeTestCore();
    const now = Date.now();
    seedState(t.dataDir, now);
    await t.call('settings:update', { historyRetentionDays: 3650 });
    const result = await t.call('app:compactStorage', {});
    expect(result.pruned.find((p) => p.file === 'state.db')?.rows).toBe(0);
    await expect(t.call('settings:update', { historyRetentionDays: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('compacts in the background every six hours of its clock, and not after stop', async () => {
    const tmp = makeTempDir();
    try {
      const timers = new FakeTimers();
      seedState(tmp.dir, timers.now());
      const keeper = new Housekeeping({
        dataDir: tmp.dir,
        databases: DATA_FOLDER_DATABASES,
        retentionDays: () => 90,
        timers,
      });
      keeper.start();
      timers.advance(6 * 3_600_000 - 1);
      expect(keeper.report().lastCompaction).toBeNull();
      timers.advance(1);
      await expect
        .poll(() => keeper.report().lastCompaction?.pruned.find((p) => p.file === 'state.db')?.rows)
        .toBe(800);
      expect(keeper.report().lastCompaction?.at).toBe(new Date(timers.now()).toISOString());
      keeper.stop();
      expect(timers.pending).toBe(0);
    } finally {
      tmp.cleanup();
    }
  });

  it('converts a file made without incremental auto-vacuum when the user asks, and only then', async () => {
    const tmp = makeTempDir();
    try {
      const path = join(tmp.dir, 'old.db');
      const legacy = new Database(path);
      legacy.pragma('journal_mode = WAL');
      legacy.exec('CREATE TABLE notes (at INTEGER, body TEXT)');
      const add = legacy.prepare('INSERT INTO notes VALUES (?, ?)');
      legacy.transaction(() => {
        for (let i = 0; i < 2000; i++) add.run(i, PAD);
      })();
      legacy.close();
      const spec: DatabaseSpec = {
        file: 'old.db',
        what: 'a test database',
        migrations: [],
        prune: [
          {
            label: 'old notes',
            cutoff: 'epoch_ms',
            sql: 'DELETE FROM notes WHERE rowid IN (SELECT rowid FROM notes WHERE at < ? LIMIT ?)',
          },
        ],
      };
      const background = await compactDatabaseFile(path, spec, 1500, { batchRows: 300 });
      expect(background.pruned).toEqual([{ label: 'old notes', rows: 1500 }]);
      expect(databaseFileSizes(path).freeBytes).toBeGreaterThan(0);

      const asked = await compactDatabaseFile(path, spec, 1500, { convertLegacy: true });
      expect(asked.pruned).toEqual([{ label: 'old notes', rows: 0 }]);
      expect(databaseFileSizes(path).freeBytes).toBe(0);
      expect(asked.bytesAfter).toBeLessThan(background.bytesAfter);
      expect(count(path, 'PRAGMA auto_vacuum')).toBe(2);
      expect(count(path, 'SELECT count(*) FROM notes')).toBe(500);
    } finally {
      tmp.cleanup();
    }
  });

  it('reports sizes and compacts from the CLI', async () => {
    const tmp = makeTempDir();
    try {
      const env = { ...process.env, PATCHBAY_DATA_DIR: tmp.dir };
      seedState(tmp.dir, Date.now());
      const res = await runCli(['storage', '--compact', '--json'], { env });
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const out = JSON.parse(res.stdout) as {
        databases: { file: string }[];
        compaction: { pruned: { rows: number }[] };
      };
      expect(out.databases.map((d) => d.file)).toContain('state.db');
      expect(out.compaction.pruned.reduce((n, p) => n + p.rows, 0)).toBe(800);
      const text = await runCli(['storage'], { env });
      expect(text.stdout).toMatch(/state\.db\s+\d/);
      expect(text.stdout).toMatch(/^Total /m);
    } finally {
      tmp.cleanup();
    }
  });
});
