import { isBlank } from '../../../shared/mapping';
import type { DedupRule } from '../../../shared/models/sync';

export interface MergeMember {
  sourceId: string;
  updatedAt: number | null;
  payload: Record<string, unknown>;
}

/** Oldest first; ties broken by source id so every run merges a group the same way. */
function byAge(a: MergeMember, b: MergeMember): number {
  const ta = a.updatedAt ?? 0;
  const tb = b.updatedAt ?? 0;
  return ta !== tb ? ta - tb : a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0;
}

/**
 * Source records that collapse onto one match key become one target record:
 *  - newest_wins: the most recently changed record's values, whole;
 *  - first_non_empty: per field, the oldest record's value unless it is empty, then the next one's.
 * The winner is the member whose values the target mostly carries (reported; the others are "merged").
 */
export function mergeGroup(
  members: MergeMember[],
  rule: DedupRule,
): { values: Record<string, unknown>; winner: string } {
  const sorted = [...members].sort(byAge);
  const newest = sorted[sorted.length - 1]!;
  if (rule === 'newest_wins' || sorted.length === 1) return { values: { ...newest.payload }, winner: newest.sourceId };
  const values: Record<string, unknown> = {};
  for (const m of sorted) {
    for (const [field, value] of Object.entries(m.payload)) {
      if (!(field in values) || (isBlank(values[field]) && !isBlank(value))) values[field] = value;
    }
  }
  return { values, winner: sorted[0]!.sourceId };
}
