import { createHash } from 'node:crypto';

/** JSON with sorted keys: the same values always hash the same, whatever order the mapping produced them in. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

/** Hash of a mapped payload: equal hash = nothing to send. */
export function contentHash(payload: Record<string, unknown>): string {
  return createHash('sha256').update(stableStringify(payload)).digest('base64url').slice(0, 27);
}

/**
 * The Idempotency-Key of a create: the same (sync, source record, content) always sends the same
 * key, so a create retried after a crash is replayed by the target instead of applied twice.
 */
export function idempotencyKey(syncId: string, sourceId: string, hash: string): string {
  return `pb-${createHash('sha256').update(`${syncId}\u0000${sourceId}\u0000${hash}`).digest('base64url').slice(0, 40)}`;
}
