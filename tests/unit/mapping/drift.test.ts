import { describe, expect, it } from 'vitest';
import { brokenRules, compareFields, fieldsInUse, isBreaking } from '../../../shared/mapping/drift';
import { FieldSchema, type FieldSchemaInput } from '../../../shared/models/field-schema';

const fields = (list: FieldSchemaInput[]) => list.map((f) => FieldSchema.parse(f));
const rule = (target: string, sources: string[]) => ({
  id: `r-${target}`,
  target,
  sources,
  transforms: [],
  enabled: true,
});

describe('schema drift', () => {
  const baseline = fields([
    { name: 'email', type: 'string', path: 'properties.email' },
    { name: 'customer_since', type: 'date', path: 'properties.customer_since' },
    { name: 'score', type: 'number', path: 'properties.score' },
  ]);

  it('reports a rename as removed + added and a retype as type_changed', () => {
    const live = fields([
      { name: 'email', type: 'string', path: 'properties.email' },
      { name: 'customer_since_date', type: 'date', path: 'properties.customer_since_date' },
      { name: 'score', type: 'string', path: 'properties.score' },
    ]);
    expect(compareFields('source', baseline, live)).toEqual([
      { side: 'source', field: 'customer_since', change: 'removed', before: 'date', after: null },
      { side: 'source', field: 'score', change: 'type_changed', before: 'number', after: 'string' },
      { side: 'source', field: 'customer_since_date', change: 'added', before: null, after: 'date' },
    ]);
  });

  it('keeps fields the mapping declared below an open object field', () => {
    const base = fields([
      { name: 'email', type: 'string' },
      { name: 'metadata_crm_id', type: 'string', path: 'metadata.crm_id' },
    ]);
    const live = fields([
      { name: 'email', type: 'string' },
      { name: 'metadata', type: 'object' },
    ]);
    expect(compareFields('target', base, live)).toEqual([]);
    const mapping = { rules: [rule('metadata_crm_id', ['id']), rule('gone', ['email'])] };
    expect(brokenRules(mapping, { source: null, target: live })).toEqual([
      { ruleId: 'r-gone', target: 'gone', side: 'target', field: 'gone' },
    ]);
  });

  it('is breaking only when a field in use is gone or retyped', () => {
    const mapping = { rules: [rule('email', ['email'])] };
    const used = fieldsInUse(mapping, { source: baseline, target: [] });
    const unusedGone = compareFields(
      'source',
      baseline,
      baseline.filter((f) => f.name !== 'score'),
    );
    expect(isBreaking(unusedGone, [], used)).toBe(false);
    const usedRetyped = compareFields(
      'source',
      baseline,
      fields([{ name: 'email', type: 'number' }, ...baseline.slice(1)]),
    );
    expect(isBreaking(usedRetyped, [], used)).toBe(true);
    const live = baseline.filter((f) => f.name !== 'email');
    expect(brokenRules(mapping, { source: live, target: null })).toHaveLength(1);
  });
});
