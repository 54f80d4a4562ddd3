import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { TRANSFORM_KINDS, TransformStep, compileChain, testTransform } from '../../../shared/transforms';

describe('transform registry', () => {
  it('every kind has a schema in the discriminated union', () => {
    expect(TRANSFORM_KINDS.length).toBe(20);
    for (const kind of TRANSFORM_KINDS)
      expect(TransformStep.options.some((o) => o.shape.kind.value === kind)).toBe(true);
  });

  it('an unknown kind is a transform_error listing the valid kinds', async () => {
    const result = await testTransform({ kind: 'uppercase' }, 'x');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('transform_error');
      expect(result.error.message).toContain('trim');
    }
  });

  it('a chain runs in order and names the failing step', () => {
    const chain = compileChain([{ kind: 'trim' }, { kind: 'case', to: 'lower' }, { kind: 'email' }]);
    expect(chain.async).toBe(false);
    expect(chain.run('  Bob@X.io ', {})).toBe('bob@x.io');
    try {
      chain.run('not an email', {});
      expect.unreachable();
    } catch (error) {
      expect(AppError.is(error, 'transform_error')).toBe(true);
      expect((error as AppError).message).toMatch(/^Step 3 \(email\)/);
      expect((error as AppError).details?.step).toBe(2);
    }
  });

  it('a chain with JSONata is async; without it, it returns values synchronously', async () => {
    const chain = compileChain([{ kind: 'trim' }, { kind: 'expression', expression: '$value & "!"' }]);
    expect(chain.async).toBe(true);
    expect(await chain.run(' hi ', {})).toBe('hi!');
  });

  it('compile errors name the step index', () => {
    expect(() => compileChain([{ kind: 'trim' }, { kind: 'date', formats: ['QQ'] }])).toThrow(/^Step 2 \(date\)/);
  });

  it('testTransform coerces the typed sample and never throws', async () => {
    expect(
      await testTransform({ kind: 'money', currency: 'EUR', input: 'minor_units' }, '1250', { type: 'integer' }),
    ).toEqual({
      ok: true,
      value: { amount: '12.50', currency: 'EUR' },
    });
    expect(await testTransform({ kind: 'boolean' }, 'true', { type: 'boolean' })).toEqual({ ok: true, value: true });
    const bad = await testTransform({ kind: 'date', formats: ['DD/MM/YYYY'] }, '31/02/2024');
    expect(bad).toMatchObject({ ok: false, error: { code: 'transform_error', details: { reason: 'invalid_date' } } });
  });
});
