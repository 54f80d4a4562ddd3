import type { FieldSchema } from '../../../../shared/models/field-schema';
import {
  FilterOperator,
  LIST_OPERATORS,
  RecordFilter,
  UNARY_OPERATORS,
  filterIssue,
  type FilterCondition,
  type FilterGroup,
  type RecordFilterInput,
} from '../../../../shared/models/record-filter';
import type { Draft } from '../../stores/mappings';

const OP_LABEL: Record<FilterOperator, string> = {
  eq: 'equals',
  neq: 'does not equal',
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

type Item = FilterCondition | FilterGroup;

/** A condition's value as typed: lists comma-separated; the evaluator compares "42" and 42 alike. */
function valueFor(op: FilterOperator, text: string): FilterCondition['value'] {
  if (UNARY_OPERATORS.includes(op)) return undefined;
  if (LIST_OPERATORS.includes(op))
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return text;
}

function textOf(value: FilterCondition['value']): string {
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * The record filter as a short list of conditions (all / any) plus an optional JSONata expression.
 * Nested groups from a workspace file are kept and counted, not edited here.
 */
export function FilterEditor(props: {
  draft: Draft;
  sourceSchema: FieldSchema[];
  onChange: (patch: Partial<Draft>) => void;
}) {
  const raw = props.draft.filter;
  const parsed = raw === undefined ? null : RecordFilter.safeParse(raw);
  if (parsed && !parsed.success) {
    const issue = filterIssue(parsed.error);
    return (
      <section className="card filter" aria-labelledby="filter-title" data-testid="filter-editor">
        <h3 id="filter-title">Record filter</h3>
        <p className="fail-text">
          The filter cannot be shown here ({issue.path ? `${issue.path}: ` : ''}
          {issue.message}); fix it in the workspace file or remove it.
        </p>
        <button type="button" onClick={() => props.onChange({ filter: undefined })}>
          Remove filter
        </button>
      </section>
    );
  }
  const filter = parsed?.data;
  const conditions: Item[] = filter?.conditions ?? [];
  const nested = conditions.filter((c) => 'conditions' in c).length;
  const set = (next: Partial<RecordFilterInput>) => {
    const merged = { match: filter?.match ?? 'all', conditions, ...filter, ...next };
    const empty = merged.conditions.length === 0 && !merged.expression;
    props.onChange({ filter: empty ? undefined : merged });
  };
  const setCondition = (i: number, patch: Partial<FilterCondition>) =>
    set({
      conditions: conditions.map((c, j) => {
        if (j !== i || 'conditions' in c) return c;
        const op = patch.op ?? c.op;
        const value = valueFor(op, patch.value !== undefined ? textOf(patch.value) : textOf(c.value));
        return { field: patch.field ?? c.field, op, ...(value !== undefined ? { value } : {}) };
      }),
    });
  const firstField = props.sourceSchema[0]?.name ?? '';
  return (
    <section className="card filter" aria-labelledby="filter-title" data-testid="filter-editor">
      <h3 id="filter-title">Record filter</h3>
      <p className="muted">Only source records that pass are synced; the others are reported as filtered out.</p>
      {conditions.length > 1 ? (
        <label>
          Records must match{' '}
          <select
            value={filter?.match ?? 'all'}
            onChange={(e) => set({ match: e.target.value === 'any' ? 'any' : 'all' })}
            data-testid="filter-match"
          >
            <option value="all">all conditions</option>
            <option value="any">any condition</option>
          </select>
        </label>
      ) : null}
      <ul className="filter-conditions">
        {conditions.map((c, i) =>
          'conditions' in c ? null : (
            <li key={i} className="filter-row" data-testid={`filter-condition-${i}`}>
              <select aria-label="Field" value={c.field} onChange={(e) => setCondition(i, { field: e.target.value })}>
                {props.sourceSchema.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.name}
                  </option>
                ))}
              </select>
              <select
                aria-label="Operator"
                value={c.op}
                onChange={(e) => setCondition(i, { op: FilterOperator.parse(e.target.value) })}
              >
                {FilterOperator.options.map((op) => (
                  <option key={op} value={op}>
                    {OP_LABEL[op]}
                  </option>
                ))}
              </select>
              {UNARY_OPERATORS.includes(c.op) ? null : (
                <input
                  aria-label="Value"
                  value={textOf(c.value)}
                  placeholder={LIST_OPERATORS.includes(c.op) ? 'a, b, c' : 'value'}
                  onChange={(e) => setCondition(i, { value: e.target.value })}
                />
              )}
              <button
                type="button"
                aria-label="Remove condition"
                onClick={() => set({ conditions: conditions.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            </li>
          ),
        )}
      </ul>
      {nested ? <p className="muted">{nested} nested group(s) from the workspace file also apply.</p> : null}
      <button
        type="button"
        disabled={!firstField}
        onClick={() => set({ conditions: [...conditions, { field: firstField, op: 'eq', value: '' }] })}
        data-testid="filter-add"
      >
        Add condition
      </button>
      <label className="filter-expression">
        JSONata (optional; the record passes when it gives true)
        <input
          value={filter?.expression ?? ''}
          placeholder="e.g. $number(properties.amount) > 100"
          onChange={(e) => set({ expression: e.target.value.trim() ? e.target.value : undefined })}
          data-testid="filter-expression"
        />
      </label>
    </section>
  );
}
