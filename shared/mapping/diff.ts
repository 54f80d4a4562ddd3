import Big from 'big.js';
import type { FieldSchema } from '../models/field-schema';

export type Operation = 'create' | 'update' | 'skip';

export interface DiffResult {
  operation: Operation;
  /** Fields whose value differs from the target's current value (all payload fields on create). */
  changedFields: string[];
  /** What would be sent: the whole payload on create; on update the changed fields plus the fields
   *  not marked "only when changed" (some APIs replace what they are given). Empty on skip. */
  patch: Record<string, unknown>;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/**
 * Semantic equality: what the target echoes back often differs in form, not in meaning
 * ("12.50" vs 12.5, "…T10:00:00Z" vs "…T12:00:00+02:00", key order, "" vs null).
 */
export function sameValue(a: unknown, b: unknown, field?: FieldSchema): boolean {
  if (isBlank(a) && isBlank(b)) return true;
  if (isBlank(a) || isBlank(b)) return false;
  if (a === b) return true;
  const numeric = (v: unknown) =>
    typeof v === 'number' && Number.isFinite(v)
      ? String(v)
      : typeof v === 'string' && DECIMAL.test(v.trim())
        ? v.trim()
        : null;
  const na = numeric(a);
  const nb = numeric(b);
  if (
    na !== null &&
    nb !== null &&
    (typeof a === 'number' || typeof b === 'number' || field?.type === 'money' || field?.format === 'decimal')
  ) {
    return new Big(na).eq(new Big(nb));
  }
  if (typeof a === 'string' && typeof b === 'string') {
    if (
      (field?.type === 'datetime' || (ISO_INSTANT.test(a) && ISO_INSTANT.test(b))) &&
      !Number.isNaN(Date.parse(a)) &&
      !Number.isNaN(Date.parse(b))
    ) {
      return Date.parse(a) === Date.parse(b);
    }
    return false;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    // Money: {amount, currency} against the same shape compares amounts as decimals.
    if ('amount' in ra && 'amount' in rb) {
      return sameValue(ra.currency, rb.currency) && sameValue(ra.amount, rb.amount, { type: 'money' } as FieldSchema);
    }
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
    for (const key of keys) if (!sameValue(ra[key], rb[key])) return false;
    return true;
  }
  // A money object against a bare amount (target stores amount and currency separately).
  if (typeof a === 'object' && a !== null && 'amount' in a)
    return sameValue((a as { amount: unknown }).amount, b, { type: 'money' } as FieldSchema);
  return false;
}

function byName(schema: DiffOptions['targetSchema']): ReadonlyMap<string, FieldSchema> {
  if (!schema) return new Map();
  return 'get' in schema ? schema : new Map(schema.map((f) => [f.name, f]));
}

export interface DiffOptions {
  /** Target fields whose rule says "only when changed". */
  onlyWhenChanged?: Iterable<string>;
  /** The target's fields (by name when the caller diffs many records and built the map once). */
  targetSchema?: readonly FieldSchema[] | ReadonlyMap<string, FieldSchema>;
}

/**
 * What a sync would do with this payload, given the target's current values (the record the match key
 * found, or what the last sync wrote), or null when there is none. The preview shows it and the sync
 * engine sends `patch`: one diff, so what the preview promises is what a run writes. Fields absent
 * from the payload are left alone: a rule removed from the mapping never clears data in the target.
 */
export function diffPayload(
  payload: Record<string, unknown>,
  existing: Record<string, unknown> | null | undefined,
  options: DiffOptions = {},
): DiffResult {
  const fields = Object.keys(payload);
  if (!existing) return { operation: 'create', changedFields: fields, patch: { ...payload } };
  const onlyWhenChanged = new Set(options.onlyWhenChanged ?? []);
  const schema = byName(options.targetSchema);
  const changed = new Set(fields.filter((name) => !sameValue(payload[name], existing[name], schema.get(name))));
  if (changed.size === 0) return { operation: 'skip', changedFields: [], patch: {} };
  const patch: Record<string, unknown> = {};
  for (const name of fields) {
    // A changed field that became empty is sent as null, so the target clears it.
    if (changed.has(name)) patch[name] = payload[name] ?? null;
    else if (!onlyWhenChanged.has(name)) patch[name] = payload[name];
  }
  return { operation: 'update', changedFields: [...changed], patch };
}
