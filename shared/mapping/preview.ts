import { FieldSchema, type FieldSchemaInput } from '../models/field-schema';
import type { MatchKeyNormalization } from '../models/mapping';
import { compileMapping } from './compile';
import { diffPayload, type DiffResult } from './diff';
import { dataMinimization, type MinimizationReport } from './minimization';
import { makeGetter, resolveSourcePath } from './source-paths';
import type { MappedRecord, RuleIssue } from './types';

/**
 * The preview, as pure code: the renderer runs it on every rule edit over samples core fetched once
 * (instant, no refetch), the CLI and core run the very same function, so all three agree.
 */

export interface PreviewTargetLookup {
  targetField: string;
  normalization: MatchKeyNormalization;
  /** Normalized keys core looked for: a key outside this list was never checked against the target. */
  keys: readonly string[];
  matches: readonly { key: string; id: string; values: Record<string, unknown> }[];
  /** False when the target was not read to the end: "not found" is then uncertain. */
  complete: boolean;
}

export interface PreviewSamples {
  sourceSchema: readonly FieldSchemaInput[];
  targetSchema: readonly FieldSchemaInput[];
  sourcePrimaryKey?: string;
  sourceRecords: readonly Record<string, unknown>[];
  targetLookup: PreviewTargetLookup | null;
}

/**
 * found: the match key hit a target record (diff shown); absent: looked up, not there (create);
 * uncertain: not found in the part of the target that was read; unchecked: this key was not looked
 * up (the match key or its rule changed since the fetch — refresh); no_key: no match key for this record.
 */
export type LookupState = 'found' | 'absent' | 'uncertain' | 'unchecked' | 'no_key';
/**
 * error: some field failed (the record would be rejected); skipped: the "skip record" policy dropped it;
 * filtered: the record filter left it out (`mapped.filteredOut` says why).
 */
export type RowOperation = 'create' | 'update' | 'skip' | 'error' | 'skipped' | 'filtered';

export interface PreviewRow {
  index: number;
  sourceId: string | null;
  source: Record<string, unknown>;
  mapped: MappedRecord;
  lookup: LookupState;
  existing: { id: string; values: Record<string, unknown> } | null;
  /** What would happen were the record valid; null for skipped and filtered records. */
  diff: DiffResult | null;
  operation: RowOperation;
}

export interface PreviewResult {
  issues: RuleIssue[];
  unmappedRequired: string[];
  rows: PreviewRow[];
  counts: Record<RowOperation, number>;
  minimization: MinimizationReport;
  /** Fields the rules read that the samples were fetched without: fetch again to see them. */
  missingSampleFields: string[];
}

/** Source fields each sample was fetched with (null = all): tells which rule inputs are missing. */
export function missingFields(
  read: readonly string[],
  fetched: readonly string[] | null,
  sourceSchema: readonly FieldSchemaInput[],
): string[] {
  if (fetched === null) return [];
  const have = new Set(fetched);
  const schema = sourceSchema.map((f) => FieldSchema.parse(f));
  return read.filter((path) => {
    const resolved = resolveSourcePath(path, schema);
    const name = 'missing' in resolved ? path : (resolved.field?.name ?? path);
    return !have.has(name) && !have.has(path);
  });
}

export async function runPreview(
  mapping: unknown,
  samples: PreviewSamples,
  options: { fetchedFields?: readonly string[] | null } = {},
): Promise<PreviewResult> {
  const compiled = compileMapping(mapping, samples.sourceSchema, samples.targetSchema);
  const draft = compiled.mapping;
  const targetSchema = samples.targetSchema.map((f) => FieldSchema.parse(f));
  const lookup = samples.targetLookup;
  const sameKey =
    !!draft.matchKey &&
    !!lookup &&
    lookup.targetField === draft.matchKey.targetField &&
    lookup.normalization === draft.matchKey.normalization;
  const checked = new Set(sameKey ? lookup!.keys : []);
  const found = new Map((sameKey ? lookup!.matches : []).map((m) => [m.key, m]));
  const pkField = samples.sourceSchema.find((f) => f.name === samples.sourcePrimaryKey);
  const getId = pkField ? makeGetter((pkField.path ?? pkField.name).split('.')) : () => undefined;

  const counts: Record<RowOperation, number> = { create: 0, update: 0, skip: 0, error: 0, skipped: 0, filtered: 0 };
  const rows: PreviewRow[] = [];
  for (const [index, source] of samples.sourceRecords.entries()) {
    const mapped = await compiled.apply(source);
    let state: LookupState = 'no_key';
    let existing: PreviewRow['existing'] = null;
    if (draft.matchKey && mapped.matchKey !== null) {
      const hit = found.get(mapped.matchKey);
      if (hit) {
        state = 'found';
        existing = { id: hit.id, values: hit.values };
      } else if (!checked.has(mapped.matchKey)) state = 'unchecked';
      else state = lookup!.complete ? 'absent' : 'uncertain';
    }
    const filtered = mapped.filteredOut !== undefined;
    const diff =
      mapped.skip || filtered
        ? null
        : diffPayload(mapped.payload, existing?.values ?? null, {
            onlyWhenChanged: compiled.onlyWhenChanged,
            targetSchema,
          });
    const operation: RowOperation = filtered
      ? 'filtered'
      : mapped.skip
        ? 'skipped'
        : mapped.errors.length > 0
          ? 'error'
          : diff!.operation;
    counts[operation]++;
    const id = getId(source);
    rows.push({
      index,
      sourceId: id === undefined || id === null ? null : String(id),
      source,
      mapped,
      lookup: state,
      existing,
      diff,
      operation,
    });
  }
  const minimization = dataMinimization(draft, samples.sourceSchema, samples.targetSchema);
  return {
    issues: compiled.issues,
    unmappedRequired: compiled.unmappedRequired,
    rows,
    counts,
    minimization,
    missingSampleFields: minimization.wholeRecord
      ? []
      : missingFields(minimization.fields, options.fetchedFields ?? null, samples.sourceSchema),
  };
}
