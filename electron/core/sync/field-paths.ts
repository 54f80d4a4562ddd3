import type { FieldSchema } from '../../../shared/models/field-schema';

/**
 * Mappings speak in flat field names (`address_city`); APIs nest them (`address.city`). The
 * schema's `path` says where each field lives, so records are flattened on read and nested on write.
 */
export type SchemaLike = readonly Pick<FieldSchema, 'name' | 'path'>[];

function get(record: unknown, path: string): unknown {
  let cur: unknown = record;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

export function flatten(record: Record<string, unknown>, schema: SchemaLike): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of schema) {
    const v = get(record, f.path ?? f.name);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

export function nest(values: Record<string, unknown>, schema: SchemaLike): Record<string, unknown> {
  const paths = new Map(schema.map((f) => [f.name, f.path ?? f.name]));
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const segs = (paths.get(name) ?? name).split('.');
    let cur = out;
    for (const seg of segs.slice(0, -1)) {
      if (cur[seg] === null || typeof cur[seg] !== 'object') cur[seg] = {};
      cur = cur[seg] as Record<string, unknown>;
    }
    cur[segs[segs.length - 1]!] = value;
  }
  return out;
}
