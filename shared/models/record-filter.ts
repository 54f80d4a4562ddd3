import { z } from 'zod';

/**
 * Which source records a mapping lets through: a condition group for the common cases (field,
 * operator, value; all/any, nested) and, for the rest, a JSONata expression over the source record.
 * A record passes when both the group and the expression (each when present) pass.
 */
export const FilterOperator = z.enum([
  'eq',
  'neq',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'starts_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'is_empty',
  'is_not_empty',
  'is_true',
  'is_false',
]);
export type FilterOperator = z.infer<typeof FilterOperator>;

/** Operators that compare against no value. */
export const UNARY_OPERATORS: readonly FilterOperator[] = ['is_empty', 'is_not_empty', 'is_true', 'is_false'];
/** Operators whose value is a list. */
export const LIST_OPERATORS: readonly FilterOperator[] = ['in', 'not_in'];

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

// Strict objects: a condition with a typo must not parse as an empty group (both sit in one union).
export const FilterCondition = z
  .strictObject({
    /** Source field (FieldSchema name or dotted path), as in a rule's sources. */
    field: z.string().min(1),
    op: FilterOperator,
    value: z.union([Scalar, z.array(Scalar)]).optional(),
  })
  .superRefine((c, ctx) => {
    const unary = UNARY_OPERATORS.includes(c.op);
    const list = LIST_OPERATORS.includes(c.op);
    if (unary && c.value !== undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${c.op} takes no value` });
    if (!unary && c.value === undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${c.op} needs a value` });
    if (!unary && c.value !== undefined && list !== Array.isArray(c.value))
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: list ? `${c.op} needs a list of values` : `${c.op} needs a single value, not a list`,
      });
  });
export type FilterCondition = z.infer<typeof FilterCondition>;

export const FilterMatch = z.enum(['all', 'any']);
export type FilterMatch = z.infer<typeof FilterMatch>;

export interface FilterGroup {
  match: FilterMatch;
  conditions: (FilterCondition | FilterGroup)[];
}

export const FilterGroup: z.ZodType<FilterGroup> = z.lazy(() =>
  z.strictObject({
    match: FilterMatch.default('all'),
    conditions: z.array(z.union([FilterCondition, FilterGroup])).default([]),
  }),
);

export const RecordFilter = z
  .strictObject({
    match: FilterMatch.default('all'),
    conditions: z.array(z.union([FilterCondition, FilterGroup])).default([]),
    /** JSONata over the source record; the record passes when it yields true (anything else filters it out). */
    expression: z.string().min(1).optional(),
  })
  .refine((f) => f.conditions.length > 0 || f.expression !== undefined, {
    message: 'a filter needs at least one condition or an expression (remove the filter to sync every record)',
  });
export type RecordFilter = z.infer<typeof RecordFilter>;
export type RecordFilterInput = z.input<typeof RecordFilter>;

export const isFilterGroup = (c: FilterCondition | FilterGroup): c is FilterGroup => 'conditions' in c;

type Issue = z.core.$ZodIssue;

/**
 * The issue worth showing for a filter that does not parse: a condition and a group share one
 * union, so zod's own answer is "Invalid input"; this follows the branch the input was meant for
 * (the one that did not fail on unknown keys) down to its real complaint.
 */
export function filterIssue(error: z.ZodError): { path: string; message: string } {
  let issue: Issue | undefined = error.issues[0];
  let path: PropertyKey[] = [];
  while (issue?.code === 'invalid_union' && issue.errors.length > 0) {
    path = [...path, ...issue.path];
    const branch: Issue[] =
      issue.errors.find((b) => !b.some((i) => i.code === 'unrecognized_keys')) ?? issue.errors[0]!;
    issue = branch[0];
  }
  if (!issue) return { path: '', message: 'invalid filter' };
  return { path: [...path, ...issue.path].map(String).join('.'), message: issue.message };
}
