import type { FieldSchema } from '../models/field-schema';
import { parseJsonDate } from './json-date';

type WireField = Pick<FieldSchema, 'type' | 'format' | 'wire'>;

/**
 * Values of fields whose API carries everything as text (HubSpot properties: `numberofemployees:
 * "12"`, `hs_is_unworked: "true"`) converted to and from the field's own type, so mappings see
 * typed values and the API sees strings. Decimals and money stay strings both ways: they are never
 * turned into binary floating point.
 */
export function fromWire(value: unknown, field: WireField): unknown {
  if (field.wire === 'json_date' && typeof value === 'string') {
    const ms = parseJsonDate(value);
    if (ms === undefined) return value;
    const iso = new Date(ms).toISOString();
    return field.type === 'date' ? iso.slice(0, 10) : iso;
  }
  if (field.wire !== 'string' || typeof value !== 'string') return value;
  if (value === '') return null;
  switch (field.type) {
    case 'integer': {
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : value;
    }
    case 'number':
      if (field.format === 'decimal') return value;
      return Number.isFinite(Number(value)) ? Number(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    default:
      return value;
  }
}

export function toWire(value: unknown, field: WireField): unknown {
  // Xero reads ISO 8601 in writes (`2024-03-01`, `2024-03-01T10:00:00`) though it answers `/Date(…)/`.
  if (field.wire === 'json_date') {
    const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? parseJsonDate(value) : undefined;
    if (ms === undefined) return value;
    const iso = new Date(ms).toISOString();
    return field.type === 'date' ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (field.wire !== 'string' || value === null || value === undefined || typeof value === 'string') return value;
  if (value instanceof Date) return field.type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return value;
}

/** A flat record (field name → value) with every string-wired field converted for writing. */
export function recordToWire(
  values: Record<string, unknown>,
  fields: readonly (WireField & { name: string })[],
): Record<string, unknown> {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, byName.has(k) ? toWire(v, byName.get(k)!) : v]));
}

/** A flat record with every string-wired field converted to its type for reading. */
export function recordFromWire(
  values: Record<string, unknown>,
  fields: readonly (WireField & { name: string })[],
): Record<string, unknown> {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, byName.has(k) ? fromWire(v, byName.get(k)!) : v]),
  );
}
