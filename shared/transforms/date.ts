import { z } from 'zod';
import { compileDateFormat, type DateFormat, type ParsedDate } from './date-format';
import { asText, isNullish, quote, transformError, type TransformFn } from './types';
import { dateInZone, formatInZone, isValidTimeZone, utcEpoch, wallTimeToEpoch } from './tz';
import { errorMessage } from '../error-message';

/**
 * Date/time parse: tries each format in order; a wall time without its own offset is read in
 * `timezone`; output is ISO 8601 in `outputZone` (UTC by default), or a calendar date.
 */
export const DateConfig = z
  .object({
    kind: z.literal('date'),
    formats: z.array(z.string().min(1)).min(1).default(['ISO']),
    timezone: z.string().default('UTC'),
    output: z.enum(['datetime', 'date', 'epoch_ms']).default('datetime'),
    outputZone: z.string().default('UTC'),
    disambiguation: z.enum(['compatible', 'earlier', 'later', 'reject']).default('compatible'),
  })
  .superRefine((config, ctx) => {
    config.formats.forEach((format, index) => {
      try {
        compileDateFormat(format);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['formats', index], message: errorMessage(error) });
      }
    });
    for (const key of ['timezone', 'outputZone'] as const) {
      if (!isValidTimeZone(config[key])) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `Unknown time zone "${config[key]}"; use an IANA name like "Europe/Paris" or "UTC".`,
        });
      }
    }
  });
export type DateConfig = z.infer<typeof DateConfig>;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function compileDate(config: DateConfig): TransformFn {
  const formats: DateFormat[] = config.formats.map(compileDateFormat);
  const names = config.formats.join(', ');

  const output = (epochMs: number): unknown => {
    if (config.output === 'epoch_ms') return epochMs;
    if (config.output === 'date') return dateInZone(epochMs, config.outputZone);
    return formatInZone(epochMs, config.outputZone);
  };

  const fromWall = (d: ParsedDate, input: unknown): unknown => {
    // A date with no time (a birthday, an invoice date) is a calendar day, not an instant: no zone shift.
    if (!d.hasTime && d.offsetMs === undefined && config.output === 'date')
      return `${String(d.year).padStart(4, '0')}-${pad(d.month)}-${pad(d.day)}`;
    const wall = utcEpoch(d.year, d.month, d.day, d.hour, d.minute, d.second, d.ms);
    if (d.offsetMs !== undefined) return output(wall - d.offsetMs);
    const resolved = wallTimeToEpoch(wall, config.timezone, config.disambiguation);
    if ('error' in resolved) {
      throw transformError(
        'date',
        resolved.error === 'gap'
          ? `${quote(input)} does not exist in ${config.timezone}: the clocks skip that hour (daylight saving).`
          : `${quote(input)} happens twice in ${config.timezone} (daylight saving ends); set disambiguation to "earlier" or "later".`,
        { reason: `dst_${resolved.error}` },
      );
    }
    return output(resolved.epochMs);
  };

  return (value) => {
    if (isNullish(value)) return value;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw transformError('date', 'Invalid Date object.');
      return output(value.getTime());
    }
    const text = asText('date', value).trim();
    if (text === '') return null;
    for (const format of formats) {
      let parsed;
      try {
        parsed = format.parse(text);
      } catch (error) {
        throw transformError('date', `${quote(text)} looks like ${format.pattern} but ${errorMessage(error)}.`, {
          reason: 'invalid_date',
          format: format.pattern,
        });
      }
      if (!parsed) continue;
      return parsed.kind === 'instant' ? output(parsed.epochMs) : fromWall(parsed.value, text);
    }
    throw transformError(
      'date',
      `${quote(text)} matches none of the date formats ${names}; add its format to the rule.`,
      { reason: 'no_format' },
    );
  };
}
