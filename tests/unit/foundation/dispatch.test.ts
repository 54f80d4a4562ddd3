import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { dispatch, type HandlerTable } from '../../../electron/core/ipc/dispatch';
import { PAYLOAD_LIMITS } from '../../../electron/core/ipc/payload-limits';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

/** A table with only the channels a test calls; dispatch never reaches the others. */
const tableOf = (handlers: Partial<HandlerTable>): HandlerTable => handlers as HandlerTable;

const table = tableOf({
  'app:dismissNotice': ({ id }) => {
    if (id === 'boom') throw new Error('secret-canary-in-a-stack');
    if (id === 'typed') throw new AppError('not_found', 'No such notice.');
    return { dismissed: true };
  },
});

describe('dispatch', () => {
  it('rejects an unknown channel with a typed error', async () => {
    const result = await dispatch(table, 'fs:readFile', {}, { validateOutput: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('names the failing path of a malformed payload', async () => {
    const result = await dispatch(table, 'app:dismissNotice', { id: 5 }, { validateOutput: true });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toContain('id');
    }
  });

  it('passes typed errors through and hides unexpected ones', async () => {
    const rejected: string[] = [];
    const unexpected: unknown[] = [];
    const typed = await dispatch(table, 'app:dismissNotice', { id: 'typed' }, { validateOutput: true });
    expect(typed).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No such notice.' } });
    const raw = await dispatch(
      table,
      'app:dismissNotice',
      { id: 'boom' },
      {
        validateOutput: true,
        onRejected: (i) => rejected.push(i.code),
        onUnexpected: (_c, e) => unexpected.push(e),
      },
    );
    expect(raw).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(raw)).not.toContain('secret-canary');
    expect(rejected).toEqual(['internal']);
    expect(unexpected).toHaveLength(1);
  });

  it('validates handler output in development mode', async () => {
    // A handler that breaks the contract at run time (JSON from elsewhere, typed as what it should be).
    const bad = tableOf({ 'app:dismissNotice': () => JSON.parse('{"dismissed":"yes"}') as { dismissed: true } });
    const result = await dispatch(bad, 'app:dismissNotice', { id: 'x' }, { validateOutput: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    const unchecked = await dispatch(bad, 'app:dismissNotice', { id: 'x' }, { validateOutput: false });
    expect(unchecked).toMatchObject({ ok: true });
  });

  describe('payload limits, checked before the schema', () => {
    const calls: unknown[] = [];
    const counting = tableOf({ 'app:dismissNotice': (input) => (calls.push(input), { dismissed: true }) });
    const send = (payload: unknown) => dispatch(counting, 'app:dismissNotice', payload, { validateOutput: true });

    it.each([1_200, 100_000])('refuses %i levels of nesting with a typed error, without throwing', async (levels) => {
      const result = await send({ id: 'x', extra: nested(levels) });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', details: { limit: 'depth', max: PAYLOAD_LIMITS.maxDepth } },
      });
      if (!result.ok)
        expect(result.error.message).toMatch(
          /^Invalid input for app:dismissNotice: nested deeper than 64 levels at extra\.(a\.0|0\.a)\./,
        );
      expect(calls).toEqual([]);
    });

    it('refuses deep JSON where the schema takes any JSON, which zod would recurse into until the stack overflows', async () => {
      const table = tableOf({
        'webhooks:editPayload': (input) => {
          calls.push(input);
          throw new Error('the depth limit must stop the payload before the handler');
        },
      });
      const result = await dispatch(
        table,
        'webhooks:editPayload',
        { id: 'd1', payload: nested(100_000) },
        { validateOutput: false },
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { limit: 'depth' } } });
      expect(calls).toEqual([]);
    });

    it('refuses a payload that refers to itself', async () => {
      const cyclic: Record<string, unknown> = { id: 'x' };
      cyclic.self = cyclic;
      await expect(send(cyclic)).resolves.toMatchObject({ ok: false, error: { details: { limit: 'depth' } } });
      expect(calls).toEqual([]);
    });

    it('refuses an oversized string and an oversized array', async () => {
      const long = await send({ id: 'x'.repeat(PAYLOAD_LIMITS.maxSize) });
      expect(long).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { limit: 'size' } } });
      const wide = await send({ id: 'x', list: new Array(PAYLOAD_LIMITS.maxSize).fill(0) });
      expect(wide).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { limit: 'size' } } });
      expect(calls).toEqual([]);
    });

    it('lets a payload within the limits reach the schema', async () => {
      const result = await send({ id: 'x', extra: nested(PAYLOAD_LIMITS.maxDepth - 2) });
      // Past the limits, the strict schema names the unknown key: the ordinary validation ran.
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', details: { channel: 'app:dismissNotice' } },
      });
      if (!result.ok) expect(result.error.details).not.toHaveProperty('limit');
      await expect(send({ id: 'ok' })).resolves.toMatchObject({ ok: true });
      expect(calls).toEqual([{ id: 'ok' }]);
    });
  });
});
