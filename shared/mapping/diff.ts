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

/** What a sync would do with this payload, given the record the match key found in the target (or null). */
export function diffPayload(
  payload: Record<string, unknown>,
  existing: Record<string, unknown> | null | undefined,
  options: { onlyWhenChanged?: Iterable<string>; targetSchema?: readonly FieldSchema[] } = {},
): DiffResult {
  const fields = Object.keys(payload);
  if (!existing) return { operation: 'create', changedFields: fields, patch: { ...payload } };
  const onlyWhenChanged = new Set(options.onlyWhenChanged ?? []);
  const schema = new Map((options.targetSchema ?? []).map((f) => [f.name, f]));
  const changedFields = fields.filter((name) => !sameValue(payload[name], existing[name], schema.get(name)));
  if (changedFields.length === 0) return { operation: 'skip', changedFields, patch: {} };
  const patch: Record<string, unknown> = {};
  for (const name of fields) {
    if (changedFields.includes(name) || !onlyWhenChanged.has(name)) patch[name] = payload[name];
  }
  return { operation: 'update', changedFields, patch };
}
