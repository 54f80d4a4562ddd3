import { sameValue } from '../../../shared/mapping';
import type { FieldSchema } from '../../../shared/models/field-schema';
import type { FieldChange } from '../../../shared/models/sync';

/**
 * The fields of `next` that differ from `before` (semantically: "12.50" = 12.5, same instant in
 * two zones). Fields absent from `next` are left alone: a rule removed from the mapping never
 * clears data in the target.
 */
export function changedFields(
  next: Record<string, unknown>,
  before: Record<string, unknown>,
  schema: ReadonlyMap<string, FieldSchema>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, after] of Object.entries(next)) {
    if (!sameValue(after, before[field], schema.get(field)))
      changes.push({ field, before: before[field] ?? null, after: after ?? null });
  }
  return changes;
}

export function patchOf(values: Record<string, unknown>, changes: readonly FieldChange[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const c of changes) patch[c.field] = values[c.field] ?? null;
  return patch;
}

/** The target's existing values restricted to the fields the mapping writes (what we track from then on). */
export function pick(values: Record<string, unknown>, fields: Iterable<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (values[f] !== undefined) out[f] = values[f];
  return out;
}
