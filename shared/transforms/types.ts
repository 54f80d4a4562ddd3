import { AppError } from '../errors';

/**
 * What a transform step may look at besides the value flowing through the chain.
 * `record` is the whole source record (the JSONata and template steps read it);
 * `sources` holds the rule's raw source values, in the rule's order.
 */
export interface TransformContext {
  record?: Record<string, unknown>;
  sources?: readonly unknown[];
  ruleId?: string;
}

/** A compiled step: config parsed and pre-processed once, then run per value. Only JSONata is async. */
export type TransformFn = (value: unknown, context: TransformContext) => unknown;

export interface CompiledTransform {
  kind: string;
  /** True when `run` may return a promise; lets the mapping runtime stay synchronous otherwise. */
  async: boolean;
  run: TransformFn;
}

/** Values quoted in messages are the user's own sample data; cut them so a log line stays readable. */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

export function transformError(kind: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('transform_error', message, { kind, ...details });
}

export function isNullish(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** Scalars a text transform accepts; objects and arrays are a configuration mistake worth reporting. */
export function asText(kind: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw transformError(
    kind,
    `The ${kind} transform expects text, got ${Array.isArray(value) ? 'a list' : typeof value} ${quote(value)}.`,
  );
}

/** Every "space" users paste from spreadsheets and locale-formatted numbers: NBSP, narrow NBSP, thin, figure… */
export const UNICODE_SPACES = /[\s\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\uFEFF]+/g;
