import { z } from 'zod';
import { isNullish, quote, transformError, type TransformFn } from './types';

/** Boolean coercion from the spellings CRMs, spreadsheets and French/German forms produce. */
export const BooleanConfig = z.object({
  kind: z.literal('boolean'),
  trueValues: z.array(z.string()).default([]),
  falseValues: z.array(z.string()).default([]),
  /** Blank cells: null (unknown) by default; some targets want false. */
  empty: z.enum(['null', 'false', 'error']).default('null'),
});
export type BooleanConfig = z.infer<typeof BooleanConfig>;

const TRUE = [
  'true',
  't',
  'yes',
  'y',
  '1',
  'on',
  'oui',
  'o',
  'vrai',
  'ja',
  'j',
  'wahr',
  'si',
  'sí',
  'x',
  '✓',
  '✔',
  'checked',
  'enabled',
  'active',
];
const FALSE = [
  'false',
  'f',
  'no',
  'n',
  '0',
  'off',
  'non',
  'faux',
  'nein',
  'falsch',
  '-',
  'unchecked',
  'disabled',
  'inactive',
];

export function compileBoolean(config: BooleanConfig): TransformFn {
  const key = (s: string) => s.trim().toLowerCase();
  const table = new Map<string, boolean>();
  for (const word of TRUE) table.set(word, true);
  for (const word of FALSE) table.set(word, false);
  for (const word of config.trueValues) table.set(key(word), true);
  for (const word of config.falseValues) table.set(key(word), false);
  const empty = (): unknown => {
    if (config.empty === 'false') return false;
    if (config.empty === 'error')
      throw transformError('boolean', 'The value is empty but a yes/no is required.', { reason: 'empty' });
    return null;
  };
  return (value) => {
    if (isNullish(value)) return config.empty === 'null' ? value : empty();
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') {
      if (value === 1 || value === 0) return value === 1;
      throw transformError('boolean', `${value} is neither 1 nor 0.`, { reason: 'not_boolean' });
    }
    if (typeof value !== 'string')
      throw transformError('boolean', `The boolean transform expects text or a number, got ${quote(value)}.`);
    if (value.trim() === '') return empty();
    const hit = table.get(key(value));
    if (hit === undefined) {
      throw transformError('boolean', `${quote(value)} is not a yes/no value; add it to trueValues or falseValues.`, {
        reason: 'not_boolean',
      });
    }
    return hit;
  };
}
