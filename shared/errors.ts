import { z } from 'zod';

/**
 * The one error shape that crosses every boundary (IPC, CLI --json, the e2e bridge).
 * Handlers throw AppError; the dispatcher turns anything else into `internal` so a raw
 * exception (with a stack that may quote a secret) never reaches the renderer.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'forbidden_sender',
  'not_found',
  'conflict',
  'keychain_unavailable',
  'secret_missing',
  'auth_failed',
  'needs_reauthorization',
  'network',
  'timeout',
  'tls',
  'rate_limited',
  'rate_budget_exhausted',
  'server_error',
  'http_error',
  'bad_response',
  'response_too_large',
  'pagination_loop',
  'soap_fault',
  'invalid_definition',
  'invalid_openapi',
  'invalid_wsdl',
  'wsdl_unreachable',
  'mapping_error',
  'validation_failed',
  'expression_error',
  'transform_error',
  'sync_busy',
  'cancelled',
  'io_error',
  'unsupported',
  'internal',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toJSON(): AppErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static is(value: unknown, code?: ErrorCode): value is AppError {
    return value instanceof AppError && (code === undefined || value.code === code);
  }
}

/** Result envelope returned by every channel: never a thrown exception across the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

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
