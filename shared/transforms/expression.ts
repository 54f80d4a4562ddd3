import jsonata from 'jsonata';
import { z } from 'zod';
import { AppError } from '../errors';
import { isNullish, type TransformFn } from './types';

/**
 * JSONata for whatever the built-ins do not cover. `$` is the whole source record, `$value` the
 * value reaching this step. jsonata interprets its own AST (no eval/new Function), and its
 * per-evaluation guardrails bound run time and recursion depth.
 */
export const ExpressionConfig = z.object({
  kind: z.literal('expression'),
  expression: z.string().min(1, 'the expression is empty'),
  timeoutMs: z.number().int().positive().max(5000).default(250),
  maxDepth: z.number().int().positive().max(2000).default(200),
});
export type ExpressionConfig = z.infer<typeof ExpressionConfig>;

interface JsonataError {
  code?: string;
  position?: number;
  token?: string;
  message?: string;
}

/** Parse once; a syntax error becomes expression_error with the position the editor can underline. */
export function compileJsonata(
  expression: string,
  options: { timeoutMs?: number; maxDepth?: number } = {},
): jsonata.Expression {
  try {
    return jsonata(expression, {
      timeout: options.timeoutMs ?? 250,
      stack: options.maxDepth ?? 200,
      sequence: 100_000,
    });
  } catch (error) {
    const e = error as JsonataError;
    throw new AppError(
      'expression_error',
      `JSONata syntax error at position ${e.position ?? 0}: ${e.message ?? String(error)}`,
      {
        position: e.position ?? 0,
        ...(e.token !== undefined ? { token: e.token } : {}),
        jsonataCode: e.code,
      },
    );
  }
}

/** JSONata sequences are arrays with extra flags; hand plain JSON back to the mapping. */
function toPlain(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'function')
    throw new AppError('expression_error', 'The expression returns a function; call it to get a value.');
  if (Array.isArray(value)) return Array.from(value, toPlain);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out;
  }
  return value;
}

export async function evaluateJsonata(
  expr: jsonata.Expression,
  input: unknown,
  bindings: Record<string, unknown>,
  limits: { timeoutMs: number; maxDepth: number },
): Promise<unknown> {
  try {
    return toPlain(await expr.evaluate(input, bindings));
  } catch (error) {
    if (error instanceof AppError) throw error;
    const e = error as JsonataError;
    const why =
      e.code === 'D1012'
        ? `it ran longer than ${limits.timeoutMs} ms`
        : e.code === 'D1011'
          ? `it nested deeper than ${limits.maxDepth} levels (non-terminating recursion?)`
          : (e.message ?? String(error));
    throw new AppError(
      'expression_error',
      `JSONata expression failed${e.position !== undefined ? ` at position ${e.position}` : ''}: ${why}`,
      {
        jsonataCode: e.code,
        ...(e.position !== undefined ? { position: e.position } : {}),
        ...(e.code === 'D1012' ? { reason: 'timeout' } : e.code === 'D1011' ? { reason: 'depth' } : {}),
      },
    );
  }
}

export function compileExpression(config: ExpressionConfig): TransformFn {
  const limits = { timeoutMs: config.timeoutMs, maxDepth: config.maxDepth };
  const expr = compileJsonata(config.expression, limits);
  return (value, context) =>
    evaluateJsonata(
      expr,
      context.record ?? {},
      { value: isNullish(value) ? null : value, sources: context.sources ? [...context.sources] : [] },
      limits,
    );
}
