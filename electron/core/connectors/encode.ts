import { AppError } from '../../../shared/errors';
import type { Operation } from '../../../shared/models/connector';

/**
 * Stripe-style form encoding: nested objects become `metadata[key]=v`, arrays `items[0][price]=…`.
 * (Stripe documents exactly this bracket syntax; plain URLSearchParams would flatten objects to
 * "[object Object]".)
 */
export function formEncode(value: Record<string, unknown>): string {
  const params = new URLSearchParams();
  const walk = (prefix: string, v: unknown) => {
    if (v === undefined) return;
    if (v === null) params.append(prefix, '');
    else if (Array.isArray(v)) v.forEach((item, i) => walk(`${prefix}[${i}]`, item));
    else if (typeof v === 'object') for (const [k, inner] of Object.entries(v)) walk(`${prefix}[${k}]`, inner);
    else params.append(prefix, String(v));
  };
  for (const [k, v] of Object.entries(value)) walk(k, v);
  return params.toString();
}

/** Fill `{name}` placeholders, URL-encoding each value so an id cannot change the path. */
export function fillPath(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined || v === '')
      throw new AppError('invalid_input', `Missing value for {${name}} in path ${template}.`);
    return encodeURIComponent(String(v));
  });
}

export function joinUrl(base: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Shape the body an operation expects around one record or a batch (HubSpot `properties`/`inputs`, Shopify `{order: …}`). */
export function wrapRecord(op: Operation, record: Record<string, unknown>, id?: string): Record<string, unknown> {
  const shape = op.body ?? {};
  let item: Record<string, unknown> = shape.recordKey ? { [shape.recordKey]: record } : record;
  if (shape.upsertIdProperty) {
    const key = id ?? String(record[shape.upsertIdProperty] ?? '');
    item = { id: key, idProperty: shape.upsertIdProperty, ...item };
  } else if (id !== undefined && shape.batchKey) {
    item = { id, ...item };
  }
  if (shape.fixed) item = { ...structuredClone(shape.fixed), ...item };
  return shape.listKey ? { [shape.listKey]: [item] } : item;
}

export function wrapBatch(op: Operation, items: Record<string, unknown>[]): unknown {
  return op.body?.batchKey ? { [op.body.batchKey]: items } : items;
}

export function encodeBody(op: Operation, body: unknown): { body: string; contentType: string } {
  if (op.bodyEncoding === 'form')
    return { body: formEncode(body as Record<string, unknown>), contentType: 'application/x-www-form-urlencoded' };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/** `since` in the format the API's incremental parameter wants. */
export function formatSince(since: Date | string, format: 'iso8601' | 'date' | 'unix' | 'unix_ms'): string {
  const d = since instanceof Date ? since : new Date(since);
  if (Number.isNaN(d.getTime())) throw new AppError('invalid_input', `"since" is not a date: ${String(since)}`);
  switch (format) {
    case 'date':
      return d.toISOString().slice(0, 10);
    case 'unix':
      return String(Math.floor(d.getTime() / 1000));
    case 'unix_ms':
      return String(d.getTime());
    default:
      return d.toISOString();
  }
}
