import { expect } from 'vitest';
import { AppError } from '../../../shared/errors';
import { applyTransform, type TransformContext } from '../../../shared/transforms';

export const run = (step: unknown, value: unknown, context: TransformContext = {}) =>
  applyTransform(step, value, context);

/** Asserts a typed AppError (code + optional details.reason) and returns its message for further checks. */
export async function fails(
  step: unknown,
  value: unknown,
  code: 'transform_error' | 'expression_error',
  reason?: string,
  context: TransformContext = {},
): Promise<string> {
  const error = await applyTransform(step, value, context).then(
    (v) => {
      throw new Error(`expected ${code}, got value ${JSON.stringify(v)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (reason) expect((error as AppError).details?.reason).toBe(reason);
  return (error as AppError).message;
}
