import { z } from 'zod';
import { isNullish, type TransformFn } from './types';

/** Fill a missing value. "empty" also catches "" and whitespace, which most CRMs export for blanks. */
export const DefaultConfig = z.object({
  kind: z.literal('default'),
  value: z.json(),
  when: z.enum(['nullish', 'empty']).default('empty'),
});
/** Always the same value, whatever the source says (e.g. `source: "patchbay"`). */
export const ConstantConfig = z.object({ kind: z.literal('constant'), value: z.json() });

export type DefaultConfig = z.infer<typeof DefaultConfig>;
export type ConstantConfig = z.infer<typeof ConstantConfig>;

export function compileDefault(config: DefaultConfig): TransformFn {
  return (value) => {
    if (isNullish(value)) return config.value;
    if (config.when === 'empty' && typeof value === 'string' && value.trim() === '') return config.value;
    if (config.when === 'empty' && Array.isArray(value) && value.length === 0) return config.value;
    return value;
  };
}

export function compileConstant(config: ConstantConfig): TransformFn {
  return () => config.value;
}
