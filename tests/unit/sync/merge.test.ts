import { describe, expect, it } from 'vitest';
import { mergeGroup } from '../../../electron/core/sync/merge';
import { contentHash, idempotencyKey } from '../../../electron/core/sync/hash';

const a = { sourceId: '1', updatedAt: 100, payload: { email: 'a@x.io', phone: '', city: 'Paris' } };
const b = { sourceId: '2', updatedAt: 200, payload: { email: 'A@X.io', phone: '+33 1', city: null } };

describe('dedup merge rules', () => {
  it('newest wins takes the most recently changed record whole', () => {
    expect(mergeGroup([b, a], 'newest_wins')).toEqual({ values: b.payload, winner: '2' });
  });
  it('first non-empty keeps the oldest value per field unless empty', () => {
    expect(mergeGroup([b, a], 'first_non_empty')).toEqual({
      values: { email: 'a@x.io', phone: '+33 1', city: 'Paris' },
      winner: '1',
    });
  });
});

describe('content hash and idempotency key', () => {
  it('ignore key order and change with content, sync or record', () => {
    expect(contentHash({ a: 1, b: { c: 2, d: 3 } })).toBe(contentHash({ b: { d: 3, c: 2 }, a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
    const h = contentHash({ a: 1 });
    expect(idempotencyKey('s', '1', h)).toBe(idempotencyKey('s', '1', h));
    expect(idempotencyKey('s', '1', h)).not.toBe(idempotencyKey('s', '2', h));
    expect(idempotencyKey('s', '1', h).length).toBeLessThanOrEqual(255);
  });
});
