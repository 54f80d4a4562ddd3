import { diffPayload, type MappedRecord } from '../../../shared/mapping';
import type { FieldSchema } from '../../../shared/models/field-schema';
import type { FieldChange, RecordOutcome, RunCounters, SyncDefinition } from '../../../shared/models/sync';
import { contentHash, idempotencyKey } from './hash';
import { mergeGroup, type MergeMember } from './merge';
import { RecordRejected, type SourceRecord, type TargetRecord, type TargetWriter } from './ports';
import type { MapRow, SyncStateStore, UnitCommit } from './state-store';

/** One mapped source record waiting for its decision. */
export interface Item {
  rec: SourceRecord;
  mapped: MappedRecord;
  hash: string;
}

type Outcome = Omit<RecordOutcome, 'at'>;

export interface UnitContext {
  definition: SyncDefinition;
  runId: string;
  store: SyncStateStore;
  writer: TargetWriter;
  mappingVersion: number;
  dryRun: boolean;
  targetSchema: ReadonlyMap<string, FieldSchema>;
  /** Target fields whose rule says "only when changed" (left out of an update when the target holds the value). */
  onlyWhenChanged: readonly string[];
  counters: RunCounters;
  /** Unchanged records of a unit: counted durably at its page's checkpoint. */
  addUnchanged(n: number, items: readonly Item[]): void;
  signal?: AbortSignal;
}

const outcome = (sourceId: string, kind: Outcome['outcome'], o: Partial<Outcome> = {}): Outcome => ({
  sourceId,
  outcome: kind,
  targetId: null,
  matchKey: null,
  reason: null,
  code: null,
  changes: [],
  conflicts: [],
  ...o,
});

/**
 * Decides and performs the write for one "unit": the source records of a page sharing a match key
 * (usually one). Everything it learns — outcome, id map, last-synced values, quarantine — is
 * committed in one transaction after the target answered, so a crash before the commit leaves the
 * record to be redone, and the redo finds the target record (idempotency replay or match-key
 * lookup) instead of creating it twice.
 */
export class UnitProcessor {
  /** Dry runs remember what they "created" so later duplicates in the run merge into it. */
  private readonly dryClaims = new Map<
    string,
    { targetId: string; values: Record<string, unknown>; members: MergeMember[] }
  >();

  constructor(private readonly c: UnitContext) {}

  /** Records that failed mapping/validation, that the mapping skipped or its filter left out: no write, reported. */
  rejectMapped(item: Item, kind: 'failed' | 'skipped' | 'filtered', reason: string, code: string): void {
    const o = outcome(item.rec.id, kind, { matchKey: item.mapped.matchKey, reason, code });
    this.commit([o], {
      quarantine: kind === 'failed' ? [{ sourceId: item.rec.id, code, error: reason, record: item.rec }] : undefined,
    });
  }

  async process(items: Item[]): Promise<void> {
    const { store, definition } = this.c;
    const key = items[0]!.mapped.matchKey;
    const known = new Map<string, MapRow>();
    let targetId: string | null = null;
    for (const item of items) {
      const row = store.mapBySource(definition.id, item.rec.id);
      if (row) {
        known.set(item.rec.id, row);
        targetId ??= row.targetId;
      }
    }
    // A duplicate seen on an earlier page or run: its match key is already claimed.
    if (!targetId && key) targetId = store.mapByKey(definition.id, key)[0]?.targetId ?? null;
    if (this.c.dryRun && !targetId && key && this.dryClaims.has(key)) return this.dryMerge(items, key);
    if (targetId) return this.updateKnown(items, targetId, known);
    return this.writeNew(items, key, []);
  }

  /** The record (or its group) was synced before: send only what changed since the last sync. */
  private async updateKnown(items: Item[], targetId: string, known: Map<string, MapRow>): Promise<void> {
    const { store, definition } = this.c;
    if (items.every((i) => known.get(i.rec.id)?.contentHash === i.hash)) {
      this.c.addUnchanged(items.length, items);
      return;
    }
    const inPage = new Set(items.map((i) => i.rec.id));
    const others: MergeMember[] = store
      .membersOf(definition.id, targetId)
      .filter((m) => !inPage.has(m.sourceId))
      .map((m) => ({ sourceId: m.sourceId, updatedAt: m.sourceUpdatedAt, payload: m.values }));
    const members = [...others, ...items.map(member)];
    const { values, winner } = mergeGroup(members, definition.dedup);
    const stored = store.targetValues(definition.id, targetId) ?? {};
    const { changes, patch } = this.diff(values, stored);
    const key = items[0]!.mapped.matchKey;
    if (definition.writeStrategy === 'create_only') {
      return this.commitGroup(
        items,
        winner,
        targetId,
        'skipped',
        { reason: 'already synced to the target; the sync only creates records', code: 'create_only' },
        null,
      );
    }
    if (changes.length === 0)
      return this.commitGroup(
        items,
        winner,
        targetId,
        'unchanged',
        {},
        { id: targetId, values: { ...stored, ...values } },
      );
    if (this.c.dryRun) return this.commitGroup(items, winner, targetId, 'updated', { changes }, null);
    let updated: TargetRecord;
    try {
      updated = await this.c.writer.update(targetId, patch, this.c.signal);
    } catch (error) {
      if (error instanceof RecordRejected && error.notFound) {
        // The target record the id map points at is gone (deleted, or the target gave a new id on a retry).
        const unmap = [...known.keys()];
        return this.writeNew(items, key, unmap, `target record ${targetId} no longer exists`);
      }
      return this.failGroup(items, error);
    }
    return this.commitGroup(
      items,
      winner,
      updated.id || targetId,
      'updated',
      { changes },
      { id: updated.id || targetId, values: { ...stored, ...values } },
    );
  }

  /** Not in the id map: find the twin by match key (upsert), else create with an idempotency key. */
  private async writeNew(items: Item[], key: string | null, unmap: string[], why?: string): Promise<void> {
    const { definition, writer } = this.c;
    const { values, winner } = mergeGroup(items.map(member), definition.dedup);
    let existing: TargetRecord | null = null;
    if (key) {
      try {
        existing = await writer.findByMatchKey(key, this.c.signal);
      } catch (error) {
        return this.failGroup(items, error);
      }
    }
    const prefix = why ? `${why}; ` : '';
    if (existing?.alsoMatched?.length) {
      const ids = [existing.id, ...existing.alsoMatched].join(', ');
      return this.commitGroup(
        items,
        winner,
        null,
        'ambiguous',
        {
          reason: `${prefix}${existing.alsoMatched.length + 1} target records have match key ${key} (${ids}); none was written. Merge or remove the duplicates in the target, then run again.`,
          code: 'ambiguous_match',
        },
        null,
        unmap,
      );
    }
    if (existing) {
      if (definition.writeStrategy === 'create_only') {
        return this.commitGroup(
          items,
          winner,
          existing.id,
          'skipped',
          {
            reason: `${prefix}a target record with match key ${key} exists (${existing.id}); the sync only creates records`,
            code: 'create_only',
          },
          null,
          unmap,
        );
      }
      const { changes: conflicts, patch } = this.diff(values, existing.values);
      const tracked = pick(existing.values, Object.keys(values));
      if (conflicts.length === 0) {
        return this.commitGroup(
          items,
          winner,
          existing.id,
          'unchanged',
          { reason: `${prefix}matched ${existing.id} by ${key}` },
          { id: existing.id, values: { ...tracked, ...values } },
          unmap,
        );
      }
      const reason = `${prefix}matched existing target record ${existing.id} by ${key}`;
      if (this.c.dryRun)
        return this.commitGroup(
          items,
          winner,
          existing.id,
          'updated',
          { changes: conflicts, conflicts, reason },
          null,
          unmap,
        );
      let updated: TargetRecord;
      try {
        updated = await writer.update(existing.id, patch, this.c.signal);
      } catch (error) {
        return this.failGroup(items, error);
      }
      return this.commitGroup(
        items,
        winner,
        updated.id || existing.id,
        'updated',
        { changes: conflicts, conflicts, reason },
        { id: updated.id || existing.id, values: { ...tracked, ...values } },
        unmap,
      );
    }
    if (definition.writeStrategy === 'update_only') {
      return this.commitGroup(
        items,
        winner,
        null,
        'skipped',
        {
          reason: `${prefix}no target record has match key ${key ?? '(none)'}; the sync only updates records`,
          code: 'update_only',
        },
        null,
        unmap,
      );
    }
    const changes: FieldChange[] = Object.entries(values).map(([field, after]) => ({
      field,
      before: null,
      after: after ?? null,
    }));
    if (this.c.dryRun) {
      if (key) this.dryClaims.set(key, { targetId: `(new: ${winner})`, values, members: items.map(member) });
      return this.commitGroup(items, winner, null, 'created', { changes, reason: why ?? null }, null);
    }
    let created: TargetRecord;
    try {
      created = await writer.create(values, {
        idempotencyKey: idempotencyKey(definition.id, winner, contentHash(values)),
        matchKey: key,
        signal: this.c.signal,
      });
    } catch (error) {
      return this.failGroup(items, error);
    }
    return this.commitGroup(
      items,
      winner,
      created.id,
      'created',
      { changes, reason: why ? `${why}; re-created as ${created.id}` : null },
      { id: created.id, values },
      unmap,
    );
  }

  /** Dry run: a later duplicate of a record the run would create. */
  private dryMerge(items: Item[], key: string): void {
    const claim = this.dryClaims.get(key)!;
    const { values, winner } = mergeGroup([...claim.members, ...items.map(member)], this.c.definition.dedup);
    const { changes } = this.diff(values, claim.values);
    claim.members.push(...items.map(member));
    claim.values = values;
    this.commitGroup(
      items,
      winner,
      claim.targetId,
      changes.length ? 'updated' : 'merged',
      { changes, reason: `duplicate of a record created earlier in this run (match key ${key})` },
      null,
    );
  }

  /** The shared diff (the preview's): which fields changed, and the patch an update sends. */
  private diff(
    values: Record<string, unknown>,
    current: Record<string, unknown>,
  ): { changes: FieldChange[]; patch: Record<string, unknown> } {
    const { changedFields, patch } = diffPayload(values, current, {
      onlyWhenChanged: this.c.onlyWhenChanged,
      targetSchema: this.c.targetSchema,
    });
    const changes = changedFields.map((field) => ({
      field,
      before: current[field] ?? null,
      after: values[field] ?? null,
    }));
    return { changes, patch };
  }

  /** A 4xx for this record: failed + quarantined, the run goes on. Anything else stops the run (resumable). */
  private failGroup(items: Item[], error: unknown): void {
    if (!(error instanceof RecordRejected)) throw error;
    const outcomes = items.map((i) =>
      outcome(i.rec.id, 'failed', { matchKey: i.mapped.matchKey, reason: error.message, code: error.code }),
    );
    this.commit(outcomes, {
      quarantine: items.map((i) => ({ sourceId: i.rec.id, code: error.code, error: error.message, record: i.rec })),
    });
  }

  private commitGroup(
    items: Item[],
    winner: string,
    targetId: string | null,
    kind: Outcome['outcome'],
    detail: Partial<Outcome>,
    target: { id: string; values: Record<string, unknown> } | null,
    unmap: string[] = [],
  ): void {
    const key = items[0]!.mapped.matchKey;
    const rule = this.c.definition.dedup === 'newest_wins' ? 'newest wins' : 'first non-empty per field';
    // The record whose values the target carries gets the outcome; the other members are "merged".
    // When the winner was synced on an earlier page or run, the first member here carries a change it caused.
    const lead = items.some((i) => i.rec.id === winner) ? winner : kind === 'unchanged' ? null : items[0]!.rec.id;
    const outcomes = items.map((i) =>
      i.rec.id === lead || kind === 'failed' || kind === 'skipped' || kind === 'ambiguous'
        ? outcome(i.rec.id, kind, { targetId, matchKey: key, ...detail })
        : outcome(i.rec.id, 'merged', {
            targetId,
            matchKey: key,
            reason: `merged with ${winner} on match key ${key} (${rule})`,
          }),
    );
    const map =
      target && !this.c.dryRun
        ? items.map((i) => ({
            sourceId: i.rec.id,
            targetId: target.id,
            matchKey: key,
            contentHash: i.hash,
            values: i.mapped.payload,
            sourceUpdatedAt: i.rec.updatedAt ?? null,
          }))
        : [];
    this.commit(outcomes, {
      map,
      target: target && !this.c.dryRun ? target : undefined,
      unmap,
      release: kind === 'failed' ? [] : items.map((i) => i.rec.id),
    });
  }

  private commit(
    outcomes: Outcome[],
    extra: Partial<Pick<UnitCommit, 'map' | 'target' | 'quarantine' | 'release' | 'unmap'>>,
  ): void {
    const counters = this.c.counters;
    for (const o of outcomes) {
      counters[o.outcome]++;
      counters.processed++;
      if (o.outcome === 'updated')
        for (const ch of o.changes) counters.updatedFields[ch.field] = (counters.updatedFields[ch.field] ?? 0) + 1;
    }
    if (this.c.dryRun) {
      this.c.store.recordOutcomes(
        this.c.runId,
        outcomes.filter((o) => o.outcome !== 'unchanged'),
        counters,
      );
      return;
    }
    this.c.store.commit({
      runId: this.c.runId,
      syncId: this.c.definition.id,
      outcomes,
      map: extra.map ?? [],
      unmap: extra.unmap,
      target: extra.target,
      quarantine: extra.quarantine,
      release: extra.release,
      counters,
      mappingVersion: this.c.mappingVersion,
    });
  }
}

/** The target's existing values restricted to the fields the mapping writes (what we track from then on). */
function pick(values: Record<string, unknown>, fields: Iterable<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (values[f] !== undefined) out[f] = values[f];
  return out;
}

function member(i: Item): MergeMember {
  return { sourceId: i.rec.id, updatedAt: i.rec.updatedAt ?? null, payload: i.mapped.payload };
}

export function itemOf(rec: SourceRecord, mapped: MappedRecord): Item {
  return { rec, mapped, hash: contentHash(mapped.payload) };
}
