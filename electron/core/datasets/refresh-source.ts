import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { compileMapping } from '../../../shared/mapping';
import type { Dataset, DatasetSource, RefreshProgress, SourceRefreshResult } from '../../../shared/models/datasets';
import type { DatasetDatabase } from './db';
import type { RowInput, RowValues } from './normalize/row-builder';
import type { SourceOpener } from './source';
import type { RowWriter } from './writer';
import { errorMessage } from '../../../shared/error-message';

export interface SourceRefreshContext {
  db: DatasetDatabase;
  dataset: Dataset;
  source: DatasetSource;
  writer: RowWriter;
  buildRow: (input: RowInput) => RowValues;
  openSource: SourceOpener;
  loadMapping?: (mappingId: string) => Promise<unknown>;
  /** ISO time of this refresh: every row touched gets it as _fetched_at. */
  now: string;
  signal?: AbortSignal;
  onProgress?: (p: RefreshProgress) => void;
  /** Ignore the cursor and read everything (a definition change, a user's "full refresh"). */
  full?: boolean;
  pageSize?: number;
}

/** The mapping of a source: a saved one, or its inline rules wrapped as a mapping into the dataset. */
async function mappingOf(ctx: SourceRefreshContext): Promise<unknown> {
  const { source, dataset } = ctx;
  if (source.mappingId) {
    if (!ctx.loadMapping)
      throw new AppError(
        'not_found',
        `Source "${source.label}" uses mapping ${source.mappingId}, but no mapping store is available.`,
      );
    return ctx.loadMapping(source.mappingId);
  }
  return {
    id: `dataset:${dataset.id}:${source.id}`,
    name: `${dataset.name} ← ${source.label}`,
    source: { connectionId: source.connectionId, resource: source.resource },
    target: { connectionId: 'datasets', resource: dataset.id },
    unmappedRequired: 'default',
    rules: source.rules ?? [],
    updatedAt: ctx.now,
  };
}

/** Fields a record must carry: the ones named, or the first segment of every path the rules read. */
function expectedPaths(source: DatasetSource, rules: { sources: string[] }[]): string[][] {
  const paths = source.expectedFields ?? [...new Set(rules.flatMap((r) => r.sources))];
  return paths.map((p) => p.split('.').slice(0, source.explode && p.startsWith('item.') ? 2 : 1));
}

function missingFields(record: Record<string, unknown>, expected: string[][]): string[] {
  const out: string[] = [];
  for (const path of expected) {
    let cur: unknown = record;
    for (const seg of path) {
      if (cur === null || typeof cur !== 'object' || !(seg in (cur as object))) {
        out.push(path.join('.'));
        break;
      }
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return out;
}

function getPath(value: unknown, path: string): unknown {
  let cur = value;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const stableId = (data: unknown) => `h:${createHash('sha1').update(JSON.stringify(data)).digest('hex')}`;

/**
 * Refresh one source: read (incrementally from the stored cursor when the resource allows it),
 * map each record — or each element of `explode` — into the dataset's columns, normalize, upsert.
 * A failure is reported in the result, not thrown, so the other sources still refresh; the cursor
 * only advances after a complete read.
 */
export async function refreshSource(ctx: SourceRefreshContext): Promise<SourceRefreshResult> {
  const { db, dataset, source, writer, now } = ctx;
  const state = db
    .prepare(`SELECT cursor FROM dataset_sources_state WHERE dataset_id = ? AND source_id = ?`)
    .get(dataset.id, source.id) as { cursor: string | null } | undefined;
  const result: SourceRefreshResult = {
    sourceId: source.id,
    mode: 'full',
    records: 0,
    rows: 0,
    inserted: 0,
    updated: 0,
    mappingIssues: [],
    error: null,
    cursor: state?.cursor ?? null,
  };
  const before = writer.count(source.id);
  let maxSeen = state?.cursor ? Date.parse(state.cursor) : Number.NEGATIVE_INFINITY;
  try {
    const compiled = compileMapping(await mappingOf(ctx), [], dataset.columns, { validate: false });
    result.mappingIssues = compiled.issues.map((i) => i.message);
    const expected = expectedPaths(source, compiled.mapping.rules);
    const opened = await ctx.openSource(source.connectionId, source.resource);
    const incremental = !ctx.full && source.incremental && opened.incremental && state?.cursor != null;
    result.mode = incremental ? 'incremental' : 'full';
    const since = incremental ? Date.parse(state!.cursor!) : undefined;

    for await (const page of opened.reader.read({
      cursor: null,
      since,
      pageSize: ctx.pageSize ?? 250,
      signal: ctx.signal,
    })) {
      if (ctx.signal?.aborted) throw new AppError('cancelled', 'The refresh was cancelled.');
      const rows: RowValues[] = [];
      const trims: { parentId: string; keep: number; sourceId: string }[] = [];
      for (const rec of page.records) {
        result.records++;
        if (rec.updatedAt !== undefined && rec.updatedAt > maxSeen) maxSeen = rec.updatedAt;
        const id = rec.id || stableId(rec.data);
        const emit = async (
          input: Record<string, unknown>,
          recordId: string,
          parentId: string | null,
          childIndex: number | null,
          extraMissing: string[],
        ) => {
          const mapped = await compiled.apply(input);
          if (mapped.skip) return;
          rows.push(
            ctx.buildRow({
              source,
              recordId,
              parentId,
              childIndex,
              payload: mapped.payload,
              missing: [...extraMissing, ...missingFields(input, expected)],
              errors: mapped.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)),
              fetchedAt: now,
            }),
          );
        };
        if (!source.explode) {
          await emit(rec.data, id, null, null, []);
          continue;
        }
        const items = getPath(rec.data, source.explode);
        if (!Array.isArray(items)) {
          // The array itself vanished: keep one row so the schema change is visible, not silently empty.
          await emit({ ...rec.data, item: {} }, `${id}#0`, id, 0, [source.explode]);
          continue;
        }
        for (let i = 0; i < items.length; i++)
          await emit({ ...rec.data, item: items[i], item_index: i }, `${id}#${i}`, id, i, []);
        if (incremental) trims.push({ parentId: id, keep: Math.max(items.length, 1), sourceId: source.id });
      }
      writer.writePage(rows, trims);
      result.rows += rows.length;
      ctx.onProgress?.({ datasetId: dataset.id, phase: 'source', sourceId: source.id, rows: result.rows });
    }
    if (!incremental) writer.removeUnseen(source.id, now);
    result.cursor = Number.isFinite(maxSeen)
      ? new Date(maxSeen).toISOString()
      : incremental
        ? (state?.cursor ?? null)
        : null;
    db.prepare(
      `INSERT INTO dataset_sources_state (dataset_id, source_id, cursor, last_refresh_at, last_error) VALUES (?, ?, ?, ?, NULL)
       ON CONFLICT (dataset_id, source_id) DO UPDATE SET cursor = excluded.cursor, last_refresh_at = excluded.last_refresh_at, last_error = NULL`,
    ).run(dataset.id, source.id, result.cursor, now);
  } catch (error) {
    const e = error instanceof AppError ? error : new AppError('internal', errorMessage(error));
    result.error = { code: e.code, message: e.message };
    db.prepare(
      `INSERT INTO dataset_sources_state (dataset_id, source_id, last_error) VALUES (?, ?, ?)
       ON CONFLICT (dataset_id, source_id) DO UPDATE SET last_error = excluded.last_error`,
    ).run(dataset.id, source.id, e.message);
  }
  const after = writer.count(source.id);
  result.inserted = Math.max(0, after - before);
  result.updated = Math.max(0, result.rows - result.inserted);
  return result;
}
