/**
 * The one error shape that crosses every boundary (IPC, CLI --json, the browser-mode server).
 * Handlers throw AppError; the dispatcher turns anything else into `internal` so a raw
 * exception (with a stack that may quote a secret) never reaches the renderer.
 *
 * This file has no dependencies (no zod) so that the CLI's commands can throw typed errors without
 * paying for the schema library at start-up; `./errors` adds the zod schemas and helpers.
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
  /** The sync is paused (schema drift, or its schedule stopped after repeated failures): it says why. */
  'sync_paused',
  'cancelled',
  'io_error',
  'port_in_use',
  'disk_full',
  'read_only',
  'database_corrupt',
  'unsupported',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

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
