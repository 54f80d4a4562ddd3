import Big from 'big.js';
import { z } from 'zod';
import { parseDecimalText } from './decimal-text';
import { isNullish, quote, transformError, type TransformFn } from './types';
import { errorMessage } from '../error-message';

/** Plain numbers (quantities, scores). Money has its own transform that never becomes a float. */
export const NumberConfig = z.object({
  kind: z.literal('number'),
  decimalSeparator: z.enum(['auto', '.', ',']).default('auto'),
  output: z.enum(['number', 'integer', 'decimal_string']).default('number'),
  /** Round to this many decimals (half-up); without it an integer output rejects fractions. */
  round: z.number().int().min(0).max(20).optional(),
});
export type NumberConfig = z.infer<typeof NumberConfig>;

export function compileNumber(config: NumberConfig): TransformFn {
  return (value) => {
    if (isNullish(value)) return value;
    let decimal: string;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw transformError('number', `${value} is not a finite number.`);
      decimal = new Big(value).toFixed();
    } else if (typeof value === 'bigint') {
      decimal = value.toString();
    } else if (typeof value === 'string') {
      if (value.trim() === '') return null;
      try {
        decimal = parseDecimalText(value.replace(/%$/, ''), { decimalSeparator: config.decimalSeparator });
      } catch (error) {
        throw transformError('number', `${quote(value)} is not a number: ${errorMessage(error)}.`, {
          reason: 'not_a_number',
        });
      }
    } else {
      throw transformError('number', `The number transform expects text or a number, got ${quote(value)}.`);
    }
    let big = new Big(decimal);
    if (config.round !== undefined) big = big.round(config.round, Big.roundHalfUp);
    if (config.output === 'integer') {
      if (!big.eq(big.round(0, Big.roundDown))) {
        throw transformError(
          'number',
          `${quote(value)} has decimals but the target expects an integer; set "round": 0 to round it.`,
          { reason: 'not_integer' },
        );
      }
      return Number(big.toFixed(0));
    }
    return config.output === 'decimal_string' ? big.toFixed() : Number(big.toFixed());
  };
}
