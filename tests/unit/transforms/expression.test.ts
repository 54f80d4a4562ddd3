import { describe, expect, it } from 'vitest';
import { fails, run } from './helpers';

const record = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  lines: [
    { qty: 2, price: 5 },
    { qty: 1, price: 2.5 },
  ],
  tags: ['a', 'b'],
};

describe('JSONata expression transform', () => {
  it('reads the record as $ and the chain value as $value', async () => {
    expect(
      await run({ kind: 'expression', expression: 'firstName & " " & $uppercase(lastName)' }, null, { record }),
    ).toBe('Ada LOVELACE');
    expect(await run({ kind: 'expression', expression: '$value * 2' }, 21, { record })).toBe(42);
    expect(await run({ kind: 'expression', expression: '$sum(lines.(qty * price))' }, null, { record })).toBe(12.5);
  });

  it('returns plain JSON: sequences become arrays, undefined becomes null', async () => {
    const list = await run({ kind: 'expression', expression: 'tags.$uppercase($)' }, null, { record });
    expect(list).toEqual(['A', 'B']);
    expect(Object.keys(list as object)).not.toContain('sequence');
    expect(await run({ kind: 'expression', expression: 'nope' }, null, { record })).toBeNull();
  });

  it('a syntax error is expression_error with its position', async () => {
    const message = await fails({ kind: 'expression', expression: 'firstName & ' }, null, 'expression_error');
    expect(message).toMatch(/syntax error at position \d+/);
    const { applyTransform } = await import('../../../shared/transforms');
    const error = await applyTransform({ kind: 'expression', expression: 'a + (b' }, null).catch((e: unknown) => e);
    expect((error as { details: { position: number } }).details.position).toBeGreaterThan(0);
  });

  it('an endless loop is stopped by the time limit', async () => {
    const started = Date.now();
    const message = await fails(
      {
        kind: 'expression',
        expression: '( $loop := function($n){ $n < 0 ? $n : $loop($n + 1) }; $loop(0) )',
        timeoutMs: 50,
      },
      null,
      'expression_error',
      'timeout',
    );
    expect(message).toMatch(/longer than 50 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('deep non-tail recursion is stopped by the depth limit', async () => {
    await fails(
      {
        kind: 'expression',
        expression: '( $f := function($n){ 1 + $f($n + 1) }; $f(0) )',
        maxDepth: 50,
        timeoutMs: 5000,
      },
      null,
      'expression_error',
      'depth',
    );
  });

  it('a runtime type error is expression_error, not a crash', async () => {
    await fails({ kind: 'expression', expression: 'firstName + 1' }, null, 'expression_error', undefined, { record });
  });
});
