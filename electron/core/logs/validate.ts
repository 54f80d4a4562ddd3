import type { z } from 'zod';
import { AppError, describeZodIssues } from '../../../shared/errors';

/** Parse input with a schema; on failure an invalid_input error naming the first bad field (e.g. "from"). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const { message, issues } = describeZodIssues(parsed.error);
  throw new AppError('invalid_input', `Invalid ${what}: ${message}`, { field: issues[0]?.path, issues });
}

/** Reject an inverted range, which would silently return nothing. */
export function checkRange(from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to)) {
    throw new AppError('invalid_input', `Invalid time range: "from" (${from}) is after "to" (${to}).`, {
      field: 'from',
    });
  }
}
