import { AppError } from '../errors';
import type { FieldSchema } from '../models/field-schema';
import {
  filterIssue,
  isFilterGroup,
  RecordFilter,
  type FilterCondition,
  type FilterGroup,
  type FilterOperator,
} from '../models/record-filter';
import { compileJsonata, evaluateJsonata } from '../transforms/expression';
import { errorMessage } from '../error-message';
import { makeGetter, resolveSourcePath } from './source-paths';
import { isBlank } from './validate';

/**
 * The one evaluator of a mapping's record filter: the preview (renderer, CLI) and the sync engine
 * both reach it through compileMapping, so "filtered out" means the same thing in both.
 */
export type FilterVerdict = { pass: true } | { pass: false; reason: string };

export interface CompiledFilter {
  /** Source fields the conditions read (data minimization, push-down). */
  fields: string[];
  test(record: Record<string, unknown>): Promise<FilterVerdict>;
}

type Check = (record: Record<string, unknown>) => FilterVerdict;

const PASS: FilterVerdict = { pass: true };
const EXPRESSION_LIMITS = { timeoutMs: 250, maxDepth: 200 };

const OP_TEXT: Record<FilterOperator, string> = {
  eq: '=',
  neq: '≠',
  in: 'is one of',
  not_in: 'is none of',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  is_empty: 'is empty',
  is_not_empty: 'is not empty',
  is_true: 'is true',
  is_false: 'is false',
};

/** Parses the filter and resolves its fields once; a filter that cannot run throws mapping_error / expression_error. */
export function compileFilter(input: unknown, sourceSchema: readonly FieldSchema[]): CompiledFilter {
  const parsed = RecordFilter.safeParse(input);
  if (!parsed.success) {
    const issue = filterIssue(parsed.error);
    throw new AppError(
      'mapping_error',
      `The record filter cannot be read: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`,
      { reason: 'filter', path: issue.path },
    );
  }
  const filter = parsed.data;
  const fields: string[] = [];
  const group = filter.conditions.length > 0 ? compileGroup(filter, sourceSchema, fields) : null;
  let expr: ReturnType<typeof compileJsonata> | null = null;
  if (filter.expression !== undefined) {
    try {
      expr = compileJsonata(filter.expression, EXPRESSION_LIMITS);
    } catch (error) {
      throw new AppError('expression_error', `Record filter: ${errorMessage(error)}`, {
        ...(error instanceof AppError ? error.details : {}),
        reason: 'filter',
      });
    }
  }
  const expression = filter.expression;
  return {
    fields,
    async test(record) {
      if (group) {
        const verdict = group(record);
        if (!verdict.pass) return verdict;
      }
      if (expr) {
        let out: unknown;
        try {
          out = await evaluateJsonata(expr, record, {}, EXPRESSION_LIMITS);
        } catch (error) {
          return { pass: false, reason: `the filter expression failed: ${errorMessage(error)}` };
        }
        if (out !== true) return { pass: false, reason: `the filter expression ${expression} gave ${show(out)}` };
      }
      return PASS;
    },
  };
}

function compileGroup(group: FilterGroup, schema: readonly FieldSchema[], fields: string[]): Check {
  const checks = group.conditions.map((c) =>
    isFilterGroup(c) ? compileGroup(c, schema, fields) : compileCondition(c, schema, fields),
  );
  if (group.match === 'all')
    return (record) => {
      for (const check of checks) {
        const verdict = check(record);
        if (!verdict.pass) return verdict;
      }
      return PASS;
    };
  return (record) => {
    const reasons: string[] = [];
    for (const check of checks) {
      const verdict = check(record);
      if (verdict.pass) return PASS;
      reasons.push(verdict.reason);
    }
    return { pass: false, reason: reasons.length === 1 ? reasons[0]! : `none of: ${reasons.join('; ')}` };
  };
}

function compileCondition(c: FilterCondition, schema: readonly FieldSchema[], fields: string[]): Check {
  const resolved = resolveSourcePath(c.field, schema);
  if ('missing' in resolved)
    throw new AppError(
      'mapping_error',
      `The record filter reads "${c.field}", which the source schema has no field named; pick another field.`,
      { reason: 'filter', field: c.field },
    );
  fields.push(c.field);
  const get = makeGetter(resolved.segments);
  const test = operator(c);
  const wanted = c.value === undefined ? '' : ` ${show(c.value)}`;
  return (record) => {
    const actual = get(record);
    return test(actual)
      ? PASS
      : { pass: false, reason: `${c.field} is ${show(actual)} (the filter needs ${OP_TEXT[c.op]}${wanted})` };
  };
}

function operator(c: FilterCondition): (actual: unknown) => boolean {
  const v = c.value;
  const list = Array.isArray(v) ? v : [v];
  switch (c.op) {
    case 'eq':
      return (a) => same(a, v);
    case 'neq':
      return (a) => !same(a, v);
    case 'in':
      return (a) => list.some((x) => same(a, x));
    case 'not_in':
      return (a) => !list.some((x) => same(a, x));
    case 'contains':
      return (a) => contains(a, v);
    case 'not_contains':
      return (a) => !contains(a, v);
    case 'starts_with':
      return (a) => !isBlank(a) && text(a).toLowerCase().startsWith(text(v).toLowerCase());
    case 'gt':
      return (a) => order(a, v) > 0;
    case 'gte':
      return (a) => order(a, v) >= 0;
    case 'lt':
      return (a) => order(a, v) < 0;
    case 'lte':
      return (a) => order(a, v) <= 0;
    case 'is_empty':
      return (a) => isBlank(a) || (Array.isArray(a) && a.length === 0);
    case 'is_not_empty':
      return (a) => !(isBlank(a) || (Array.isArray(a) && a.length === 0));
    case 'is_true':
      return (a) => truth(a) === true;
    case 'is_false':
      return (a) => truth(a) === false;
  }
}

const text = (x: unknown): string => (typeof x === 'string' ? x : x === null || x === undefined ? '' : String(x));

/** APIs send numbers and booleans as text (HubSpot properties are all strings): "42" equals 42, "true" equals true. */
function same(a: unknown, b: unknown): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  const na = num(a);
  const nb = num(b);
  if (na !== null && nb !== null) return na === nb;
  const ta = truth(a);
  const tb = truth(b);
  if (typeof b === 'boolean' || typeof a === 'boolean') return ta !== null && ta === tb;
  return text(a) === text(b);
}

function contains(a: unknown, v: unknown): boolean {
  if (Array.isArray(a)) return a.some((x) => same(x, v));
  if (isBlank(a)) return false;
  return text(a).toLowerCase().includes(text(v).toLowerCase());
}

/** Numbers numerically, ISO dates by instant, anything else as text; a blank never orders (NaN). */
function order(a: unknown, b: unknown): number {
  if (isBlank(a) || isBlank(b)) return Number.NaN;
  const na = num(a);
  const nb = num(b);
  if (na !== null && nb !== null) return na - nb;
  const da = date(a);
  const db = date(b);
  if (da !== null && db !== null) return da - db;
  return text(a).localeCompare(text(b));
}

function num(x: unknown): number | null {
  if (typeof x === 'number') return Number.isFinite(x) ? x : null;
  if (typeof x !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(x)) return null;
  return Number(x);
}

function date(x: unknown): number | null {
  if (typeof x !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(x)) return null;
  const t = Date.parse(x);
  return Number.isNaN(t) ? null : t;
}

function truth(x: unknown): boolean | null {
  if (typeof x === 'boolean') return x;
  if (x === 1 || x === '1' || (typeof x === 'string' && x.trim().toLowerCase() === 'true')) return true;
  if (x === 0 || x === '0' || (typeof x === 'string' && x.trim().toLowerCase() === 'false')) return false;
  return null;
}

function show(x: unknown): string {
  if (x === undefined) return 'missing';
  if (x === null) return 'empty';
  if (typeof x === 'string') return x.trim() === '' ? 'empty' : JSON.stringify(x);
  return JSON.stringify(x);
}
