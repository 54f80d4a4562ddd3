import { z } from 'zod';
import { AppError, ERROR_CODES, type AppErrorShape as AppErrorShapeType } from './app-error';

export { AppError, ERROR_CODES, type Result } from './app-error';

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AppErrorShape = AppErrorShapeType;

/** Human-readable list of zod issues: "name: Required; baseUrl: Invalid URL". */
export function describeZodIssues(error: z.ZodError): { message: string; issues: { path: string; message: string }[] } {
  const issues = error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
  return { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
}

/** Parse with a schema or throw a typed invalid_input error naming each failing path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { message, issues } = describeZodIssues(parsed.error);
  throw new AppError('invalid_input', `Invalid ${what}: ${message}`, { issues });
}
