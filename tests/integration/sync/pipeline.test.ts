import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MappedRecord } from '../../../shared/mapping';
import { SyncDefinition } from '../../../shared/models/sync';
import { runSync, type RecordMapper } from '../../../electron/core/sync/engine';
import type {
  CreateOptions,
  ReadOptions,
  SourcePage,
  SourceReader,
  TargetRecord,
  TargetWriter,
} from '../../../electron/core/sync/ports';
import { openStateDb } from '../../../electron/core/sync/state-db';
import { SyncStateStore } from '../../../electron/core/sync/state-store';
import { makeTempDir } from '../../helpers/tmp';

/**
 * The run loop as a pipeline, against a real state.db: the next page's writes start while the
 * previous page still has one in flight, yet checkpoints stay in read order and a match key that
 * reappears on a later page waits for the earlier write (one target record, not two).
 */

const PAGES: SourcePage[] = [
  { records: ['a1', 'a2', 'a3'].map((id) => rec(id, `${id}@x.test`)), cursor: 'p1' },
  // b2 shares a1's match key: it must merge into the record a1 creates.
  { records: [rec('b1', 'b1@x.test'), rec('b2', 'a1@x.test')], cursor: 'p2' },
  { records: [rec('c1', 'c1@x.test')], cursor: null },
];

function rec(id: string, email: string) {
  return { id, updatedAt: Number(id.slice(1)) + (id.startsWith('b') ? 10 : 0), data: { id, email } };
}

const mapper: RecordMapper = {
  version: 1,
  apply: async (data): Promise<MappedRecord> => ({
    payload: { email: data.email, name: data.id },
    errors: [],
    skip: false,
    matchKey: String(data.email),
  }),
};

const reader: SourceReader = {
  async *read(o: ReadOptions) {
    const from = o.cursor === null ? 0 : PAGES.findIndex((p) => p.cursor === o.cursor) + 1;
    for (const page of PAGES.slice(from)) yield page;
  },
};

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A target that holds a1's create until `release` and records what it was asked, in order. */
class HeldTarget implements TargetWriter {
  readonly supportsIdempotencyKey = true;
  readonly records = new Map<string, TargetRecord>();
  readonly log: string[] = [];
  readonly a1Held = deferred();
  onCreate: (name: string) => void = () => undefined;
  private next = 1;

  async findByMatchKey(key: string): Promise<TargetRecord | null> {
    return [...this.records.values()].find((r) => r.values.email === key) ?? null;
  }

  async create(values: Record<string, unknown>, _o: CreateOptions): Promise<TargetRecord> {
    const name = String(values.name);
    this.log.push(`create ${name}`);
    this.onCreate(name);
    if (name === 'a1') await this.a1Held.promise;
    const r = { id: `t${this.next++}`, values };
    this.records.set(r.id, r);
    return r;
  }

  async update(id: string, patch: Record<string, unknown>): Promise<TargetRecord> {
    this.log.push(`update ${String(patch.name ?? id)}`);
    const r = { id, values: { ...this.records.get(id)!.values, ...patch } };
    this.records.set(id, r);
    return r;
  }
}

const tmp = makeTempDir('patchbay-pipeline-');
afterEach(() => tmp.cleanup());

describe('run pipeline', () => {
  it('writes the next page while the previous one has a write in flight; checkpoints in read order; one record per match key', async () => {
    const db = openStateDb(join(tmp.dir, 'state.db'));
    const store = new SyncStateStore(db);
    const target = new HeldTarget();
    const runId = 'run-1';
    let cursorWhileHeld: string | null | undefined;
    // Page 2's first create proves the overlap (a page barrier would wait on a1 forever); at that
    // moment page 1 is unfinished, so no checkpoint may have moved the cursor yet.
    target.onCreate = (name) => {
      if (name !== 'b1') return;
      cursorWhileHeld = store.getRun(runId)!.cursor;
      target.a1Held.resolve();
    };
    const run = await runSync({
      definition: SyncDefinition.parse({ id: 's1', name: 'S', mappingId: 'm1', pageSize: 3, concurrency: 4 }),
      store,
      reader,
      writer: target,
      mapper,
      runId,
    });
    expect(cursorWhileHeld).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(run.counters).toMatchObject({ processed: 6, created: 5, updated: 1, failed: 0 });
    // b2 (a1's e-mail, newer) waited for a1's create, found it in the id map and updated it: no second create.
    expect(target.log.filter((l) => l.startsWith('create'))).toHaveLength(5);
    expect(target.log.indexOf('update b2')).toBeGreaterThan(target.log.indexOf('create a1'));
    expect([...target.records.values()].filter((r) => r.values.email === 'a1@x.test')).toHaveLength(1);
    expect(store.getRun(runId)!.cursor).toBeNull();
    db.close();
  });
});
