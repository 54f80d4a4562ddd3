import { describe, expect, it } from 'vitest';
import { missingFields, runPreview, type PreviewSamples } from '../../../shared/mapping/preview';

const sourceSchema = [
  { name: 'id', type: 'string' as const },
  { name: 'email', type: 'string' as const, path: 'properties.email', pii: true },
  { name: 'name', type: 'string' as const, path: 'properties.name' },
];
const targetSchema = [
  { name: 'email', type: 'string' as const, format: 'email' as const },
  { name: 'name', type: 'string' as const, maxLength: 10 },
];
const mapping = {
  id: 'm',
  name: 'm',
  source: { connectionId: 'a', resource: 'contacts' },
  target: { connectionId: 'b', resource: 'customers' },
  rules: [
    { id: 'r_email', target: 'email', sources: ['email'], transforms: [{ kind: 'email' }] },
    { id: 'r_name', target: 'name', sources: ['name'], transforms: [{ kind: 'trim' }], onlyWhenChanged: true },
  ],
  matchKey: { sourceRule: 'r_email', targetField: 'email', normalization: 'email' as const },
  updatedAt: '2025-01-01T00:00:00Z',
};
const rec = (id: string, email: string, name: string) => ({ id, properties: { email, name } });

function samples(overrides: Partial<PreviewSamples> = {}): PreviewSamples {
  return {
    sourceSchema,
    targetSchema,
    sourcePrimaryKey: 'id',
    sourceRecords: [
      rec('1', 'A@x.org', 'Ann'),
      rec('2', 'b@x.org', 'Bob'),
      rec('3', 'c@x.org', 'Carolina Long'),
      rec('4', 'd@x.org', 'Dee'),
    ],
    targetLookup: {
      targetField: 'email',
      normalization: 'email',
      keys: ['a@x.org', 'b@x.org', 'c@x.org'],
      matches: [
        { key: 'a@x.org', id: 'cus_a', values: { email: 'a@x.org', name: 'Ann' } },
        { key: 'b@x.org', id: 'cus_b', values: { email: 'b@x.org', name: 'Robert' } },
      ],
      complete: true,
    },
    ...overrides,
  };
}

describe('runPreview', () => {
  it('gives each record its operation: skip unchanged, update only the changed field, error, create, unchecked', async () => {
    const result = await runPreview(mapping, samples());
    const by = Object.fromEntries(result.rows.map((r) => [r.sourceId, r]));
    expect(by['1']).toMatchObject({ operation: 'skip', lookup: 'found' });
    expect(by['2']).toMatchObject({ operation: 'update', lookup: 'found', existing: { id: 'cus_b' } });
    expect(by['2']!.diff).toMatchObject({ changedFields: ['name'], patch: { email: 'b@x.org', name: 'Bob' } });
    expect(by['3']).toMatchObject({ operation: 'error', lookup: 'absent' });
    expect(by['3']!.mapped.errors[0]).toMatchObject({ field: 'name', code: 'max_length' });
    // Key "d@x.org" was never looked up (fetched before this record's key existed): say so, do not claim "create".
    expect(by['4']).toMatchObject({ operation: 'create', lookup: 'unchecked' });
    expect(result.counts).toEqual({ create: 1, update: 1, skip: 1, error: 1, skipped: 0, filtered: 0 });
    expect(result.minimization.unacknowledgedPii).toEqual(['email']);
  });

  it('treats every key as unchecked when the match key changed since the fetch, and "uncertain" on a partial scan', async () => {
    const changed = await runPreview(
      { ...mapping, matchKey: { ...mapping.matchKey, normalization: 'lower' } },
      samples(),
    );
    expect(changed.rows.every((r) => r.lookup === 'unchecked' && r.existing === null)).toBe(true);
    const partial = await runPreview(
      mapping,
      samples({ targetLookup: { ...samples().targetLookup!, complete: false } }),
    );
    expect(partial.rows.find((r) => r.sourceId === '3')!.lookup).toBe('uncertain');
  });

  it('still previews with a broken rule, reported once', async () => {
    const broken = {
      ...mapping,
      rules: [
        ...mapping.rules,
        { id: 'r_bad', target: 'name', sources: ['name'], transforms: [{ kind: 'expression', expression: '$x(' }] },
      ],
    };
    const result = await runPreview(broken, samples());
    expect(result.issues.map((i) => i.ruleId)).toEqual(['r_bad']);
    expect(result.rows).toHaveLength(4);
  });

  it('names the rule inputs the samples were fetched without', () => {
    expect(missingFields(['email', 'name'], ['id', 'email'], sourceSchema)).toEqual(['name']);
    expect(missingFields(['email', 'name'], null, sourceSchema)).toEqual([]);
  });
});
