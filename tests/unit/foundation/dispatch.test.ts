import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { dispatch, type HandlerTable } from '../../../electron/core/ipc/dispatch';

const table = {
  'app:dismissNotice': ({ id }: { id: string }) => {
    if (id === 'boom') throw new Error('secret-canary-in-a-stack');
    if (id === 'typed') throw new AppError('not_found', 'No such notice.');
    return { dismissed: true };
  },
} as unknown as HandlerTable;

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
    const bad = { 'app:dismissNotice': () => ({ dismissed: 'yes' }) } as unknown as HandlerTable;
    const result = await dispatch(bad, 'app:dismissNotice', { id: 'x' }, { validateOutput: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    const unchecked = await dispatch(bad, 'app:dismissNotice', { id: 'x' }, { validateOutput: false });
    expect(unchecked).toMatchObject({ ok: true });
  });
});
