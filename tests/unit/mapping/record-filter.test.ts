import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../shared/mapping/filter';
import { runPreview } from '../../../shared/mapping/preview';
import { FieldSchema } from '../../../shared/models/field-schema';
import { MappingFile } from '../../../shared/models/workspace';

const schema = [
  { name: 'id', type: 'string' },
  { name: 'lifecyclestage', type: 'string', path: 'properties.lifecyclestage' },
  { name: 'amount', type: 'string', path: 'properties.amount' },
  { name: 'archived', type: 'boolean' },
  { name: 'tags', type: 'array' },
].map((f) => FieldSchema.parse(f));

const rec = (stage: string | null, amount: string, extra: Record<string, unknown> = {}) => ({
  id: 'x',
  archived: false,
  tags: ['vip'],
  properties: { lifecyclestage: stage, amount },
  ...extra,
});

describe('compileFilter', () => {
  it('passes "all" only when every condition holds, and says which one failed', async () => {
    const f = compileFilter(
      {
        match: 'all',
        conditions: [
          { field: 'lifecyclestage', op: 'eq', value: 'customer' },
          { field: 'amount', op: 'gt', value: 100 },
        ],
      },
      schema,
    );
    expect(await f.test(rec('customer', '250'))).toEqual({ pass: true });
    expect(await f.test(rec('customer', '99.5'))).toEqual({
      pass: false,
      reason: 'amount is "99.5" (the filter needs > 100)',
    });
    expect(await f.test(rec('lead', '250'))).toEqual({
      pass: false,
      reason: 'lifecyclestage is "lead" (the filter needs = "customer")',
    });
    expect(f.fields).toEqual(['lifecyclestage', 'amount']);
  });

  it('passes "any" when one condition holds; nested groups, lists, text and booleans', async () => {
    const f = compileFilter(
      {
        match: 'any',
        conditions: [
          { field: 'lifecyclestage', op: 'in', value: ['customer', 'evangelist'] },
          {
            match: 'all',
            conditions: [
              { field: 'tags', op: 'contains', value: 'VIP' },
              { field: 'archived', op: 'is_false' },
            ],
          },
        ],
      },
      schema,
    );
    expect((await f.test(rec('evangelist', '1', { tags: [] }))).pass).toBe(true);
    expect((await f.test(rec('lead', '1'))).pass).toBe(false); // "VIP" ≠ "vip" for list items (exact)
    expect((await f.test(rec('lead', '1', { tags: ['VIP'] }))).pass).toBe(true);
    const out = await f.test(rec(null, '1', { tags: ['VIP'], archived: 'true' }));
    expect(out).toEqual({
      pass: false,
      reason:
        'none of: lifecyclestage is empty (the filter needs is one of ["customer","evangelist"]); archived is "true" (the filter needs is false)',
    });
  });

  it('runs a JSONata expression after the conditions: only true passes', async () => {
    const f = compileFilter({ expression: '$number(properties.amount) >= 10 and id = "x"' }, schema);
    expect(await f.test(rec('lead', '10'))).toEqual({ pass: true });
    expect(await f.test(rec('lead', '9'))).toMatchObject({
      pass: false,
      reason: expect.stringContaining('gave false'),
    });
  });

  it('refuses what cannot run, naming it: an unknown field, a missing value, bad JSONata', () => {
    expect(() => compileFilter({ conditions: [{ field: 'stage', op: 'eq', value: 'x' }] }, schema)).toThrow(
      /reads "stage", which the source schema has no field named/,
    );
    expect(() => compileFilter({ conditions: [{ field: 'amount', op: 'gt' }] }, schema)).toThrow(/gt needs a value/);
    expect(() => compileFilter({ conditions: [{ field: 'amount', op: 'in', value: 'a' }] }, schema)).toThrow(
      /needs a list/,
    );
    expect(() => compileFilter({ expression: 'amount >' }, schema)).toThrow(/Record filter: JSONata syntax error/);
    expect(() => compileFilter({ conditions: [] }, schema)).toThrow(/at least one condition or an expression/);
  });
});

const mapping = (filter: unknown) => ({
  id: 'm',
  name: 'm',
  source: { connectionId: 'a', resource: 'contacts' },
  target: { connectionId: 'b', resource: 'customers' },
  rules: [{ id: 'r_stage', target: 'stage', sources: ['lifecyclestage'] }],
  filter,
  updatedAt: '2025-01-01T00:00:00Z',
});
const samples = {
  sourceSchema: schema,
  targetSchema: [{ name: 'stage', type: 'string' as const }],
  sourcePrimaryKey: 'id',
  sourceRecords: [rec('customer', '1', { id: '1' }), rec('lead', '1', { id: '2' }), rec('lead', '1', { id: '3' })],
  targetLookup: null,
};

describe('the preview with a record filter', () => {
  it('counts what the filter leaves out, with the reason per row', async () => {
    const result = await runPreview(
      mapping({ conditions: [{ field: 'lifecyclestage', op: 'eq', value: 'customer' }] }),
      samples,
    );
    expect(result.counts).toMatchObject({ create: 1, filtered: 2 });
    const two = result.rows.find((r) => r.sourceId === '2')!;
    expect(two.operation).toBe('filtered');
    expect(two.mapped.filteredOut).toBe('lifecyclestage is "lead" (the filter needs = "customer")');
    expect(two.diff).toBeNull();
  });

  it('a filter that cannot run is one issue and fails every record (never lets all through)', async () => {
    const result = await runPreview(mapping({ conditions: [{ field: 'nope', op: 'is_empty' }] }), samples);
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'filter', code: 'mapping_error' })]);
    expect(result.counts).toMatchObject({ error: 3, create: 0, filtered: 0 });
  });

  it('workspace files carry the filter and refuse a malformed one', () => {
    const base = { ...mapping(undefined), updatedAt: undefined };
    const ok = MappingFile.safeParse({ ...base, filter: { conditions: [{ field: 'a', op: 'is_true' }] } });
    expect(ok.success && ok.data.filter).toEqual({ match: 'all', conditions: [{ field: 'a', op: 'is_true' }] });
    const bad = MappingFile.safeParse({ ...base, filter: { conditions: [{ field: 'a', op: 'equals', value: 1 }] } });
    expect(bad.success).toBe(false);
  });
});
