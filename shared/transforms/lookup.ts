import { z } from 'zod';
import { isNullish, quote, transformError, type TransformFn } from './types';

/**
 * Value → value table. Entries are a list (not an object) so a duplicate key survives JSON
 * and can be reported instead of silently keeping the last one.
 */
export const LookupConfig = z
  .object({
    kind: z.literal('lookup'),
    table: z
      .array(z.object({ from: z.union([z.string(), z.number(), z.boolean()]), to: z.json() }))
      .min(1, 'the lookup table is empty'),
    caseInsensitive: z.boolean().default(true),
    unmatched: z.enum(['keep', 'null', 'error', 'default']).default('keep'),
    default: z.json().optional(),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.table.forEach((entry, index) => {
      const key = lookupKey(entry.from, config.caseInsensitive);
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['table', index, 'from'],
          message: `Duplicate lookup key ${quote(entry.from)} (entries ${first + 1} and ${index + 1}${config.caseInsensitive ? ', compared ignoring case and spaces' : ''}); keep one of them.`,
        });
      } else {
        seen.set(key, index);
      }
    });
    if (config.unmatched === 'default' && config.default === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        message: 'unmatched is "default" but no default value is set.',
      });
    }
  });
export type LookupConfig = z.infer<typeof LookupConfig>;

// Keys compare as trimmed text so 1 (number) and "1" (CSV) hit the same entry.
function lookupKey(value: unknown, caseInsensitive: boolean): string {
  const text = String(value).trim();
  return caseInsensitive ? text.toLowerCase() : text;
}

export function compileLookup(config: LookupConfig): TransformFn {
  const table = new Map<string, unknown>();
  for (const entry of config.table) table.set(lookupKey(entry.from, config.caseInsensitive), entry.to);
  return (value) => {
    if (isNullish(value)) return value;
    if (typeof value === 'object')
      throw transformError('lookup', `The lookup transform expects a single value, got ${quote(value)}.`);
    const key = lookupKey(value, config.caseInsensitive);
    if (table.has(key)) return table.get(key);
    switch (config.unmatched) {
      case 'keep':
        return value;
      case 'null':
        return null;
      case 'default':
        return config.default;
      case 'error':
        throw transformError(
          'lookup',
          `No lookup entry for ${quote(value)}; add it to the table or change the "unmatched" policy.`,
          {
            reason: 'unmatched',
          },
        );
    }
  };
}
