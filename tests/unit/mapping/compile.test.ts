import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { Mapping, MappingDraft } from '../../../shared/models/mapping';
import { compileMapping } from '../../../shared/mapping';
import { billingSchema, crmRecord, crmSchema, goodRules, mapping } from './fixtures';

describe('compileMapping / apply', () => {
  it('maps a messy CRM record into a valid billing payload', async () => {
    const compiled = compileMapping(mapping(goodRules), crmSchema, billingSchema);
    expect(compiled.issues).toEqual([]);
    const out = await compiled.apply(crmRecord);
    expect(out.errors).toEqual([]);
    expect(out.payload).toEqual({
      external_id: 'c-1',
      name: 'Ada Lovelace',
      email: 'ada.lovelace@example.com',
      phone: '+33612345678',
      company_name: 'Analytical Engines Ltd',
      country: 'FR',
      created_at: '2024-03-31T01:30:00Z',
      revenue: { amount: '1234.50', currency: 'EUR' },
      marketing_consent: true,
      tier: 'free',
    });
    expect(out.skip).toBe(false);
  });

  it('reads a source field at its schema path (e_mail lives at properties.email)', async () => {
    const compiled = compileMapping(
      mapping([{ id: 'r', target: 'email', sources: ['e_mail'], transforms: [{ kind: 'email' }] }]),
      crmSchema,
      billingSchema,
      { validate: false },
    );
    expect((await compiled.apply(crmRecord)).payload.email).toBe('ada.lovelace@example.com');
  });

  it('a rule error stays on its rule; the other rules still produce values', async () => {
    const compiled = compileMapping(mapping(goodRules), crmSchema, billingSchema);
    const out = await compiled.apply({ ...crmRecord, mobile: 'call me', created: 'yesterday' });
    expect(out.errors.map((e) => [e.field, e.ruleId, e.code])).toEqual([
      ['phone', 'r4', 'transform_error'],
      ['created_at', 'r7', 'transform_error'],
    ]);
    expect(out.errors[0]!.step).toBe(0);
    expect(out.payload.email).toBe('ada.lovelace@example.com');
    expect(out.payload).not.toHaveProperty('phone');
  });

  it('bad rules (JSONata syntax, bad date format, duplicate lookup key, vanished source field) are reported once; the rest run', async () => {
    const rules = [
      ...goodRules.filter((r) => !['r5', 'r7', 'r9', 'r10'].includes(r.id)),
      { id: 'bad-jsonata', target: 'tier', sources: [], transforms: [{ kind: 'expression', expression: '"pro" & ' }] },
      {
        id: 'bad-date',
        target: 'created_at',
        sources: ['created'],
        transforms: [{ kind: 'date', formats: ['DD/MM/YYYY QQ'] }],
      },
      {
        id: 'bad-lookup',
        target: 'marketing_consent',
        sources: ['optIn'],
        transforms: [
          {
            kind: 'lookup',
            table: [
              { from: 'oui', to: true },
              { from: 'OUI', to: false },
            ],
          },
        ],
      },
      { id: 'gone', target: 'company_name', sources: ['companyName'] },
    ];
    // Loads as a draft even though the strict model rejects it.
    expect(Mapping.safeParse(mapping(rules)).success).toBe(false);
    expect(MappingDraft.safeParse(mapping(rules)).success).toBe(true);
    const compiled = compileMapping(mapping(rules), crmSchema, billingSchema);
    expect(compiled.issues.map((i) => [i.ruleId, i.code])).toEqual([
      ['bad-jsonata', 'expression_error'],
      ['bad-date', 'transform_error'],
      ['bad-lookup', 'transform_error'],
      ['gone', 'mapping_error'],
    ]);
    expect(compiled.issues[0]!.details?.position).toBeGreaterThan(0);
    expect(compiled.issues[3]!.message).toMatch(/"companyName", which the source schema no longer has/);
    const out = await compiled.apply(crmRecord);
    expect(out.payload.email).toBe('ada.lovelace@example.com');
    expect(out.errors).toEqual([]);
  });

  it('unknown, read-only and duplicate targets are rule issues', () => {
    const compiled = compileMapping(
      mapping([
        { id: 'a', target: 'nope', sources: ['id'] },
        { id: 'b', target: 'balance', sources: ['id'] },
        { id: 'c', target: 'external_id', sources: ['id'] },
        { id: 'd', target: 'external_id', sources: ['zip'] },
        { id: 'e', target: 'name', sources: ['id'], enabled: false },
      ]),
      crmSchema,
      billingSchema,
    );
    expect(compiled.issues.map((i) => [i.ruleId, i.details?.reason])).toEqual([
      ['a', 'unknown_target'],
      ['b', 'read_only_target'],
      ['d', 'duplicate_target'],
    ]);
    expect(compiled.activeRules).toEqual(['c']);
    expect(compiled.unmappedRequired).toEqual(['name', 'email']);
  });

  it('unmapped required policy: error, skip_record, default', async () => {
    const rules = [{ id: 'r1', target: 'external_id', sources: ['id'] }];
    const asError = await compileMapping(mapping(rules), crmSchema, billingSchema).apply(crmRecord);
    expect(asError.errors.filter((e) => e.code === 'required').map((e) => e.field)).toEqual(['name', 'email']);

    const skipped = await compileMapping(
      mapping(rules, { unmappedRequired: 'skip_record' }),
      crmSchema,
      billingSchema,
    ).apply(crmRecord);
    expect(skipped.skip).toBe(true);
    expect(skipped.skipReason).toBe('required field name is empty');
    expect(skipped.errors).toEqual([]);

    const defaulted = await compileMapping(
      mapping(rules, { unmappedRequired: 'default', requiredDefaults: { email: 'unknown@example.com' } }),
      crmSchema,
      billingSchema,
    ).apply(crmRecord);
    expect(defaulted.payload).toMatchObject({ name: '', email: 'unknown@example.com' });
    expect(defaulted.skip).toBe(false);
  });

  it('validation errors appear per field (enum, maxLength, format)', async () => {
    const rules = [
      ...goodRules.filter((r) => r.id !== 'r10' && r.id !== 'r4'),
      { id: 'r10', target: 'tier', sources: [], transforms: [{ kind: 'constant', value: 'gold' }] },
      { id: 'r4', target: 'phone', sources: ['mobile'] },
    ];
    const out = await compileMapping(mapping(rules), crmSchema, billingSchema).apply({
      ...crmRecord,
      firstName: 'A'.repeat(50),
    });
    expect(out.errors.map((e) => [e.field, e.code])).toEqual([
      ['name', 'max_length'],
      ['phone', 'format'],
      ['tier', 'enum'],
    ]);
  });

  it('match key from a rule (normalized) or from a JSONata expression', async () => {
    const byRule = compileMapping(
      mapping(goodRules, { matchKey: { sourceRule: 'r3', targetField: 'email', normalization: 'email' } }),
      crmSchema,
      billingSchema,
    );
    expect((await byRule.apply(crmRecord)).matchKey).toBe('ada.lovelace@example.com');
    const byExpr = compileMapping(
      mapping(goodRules, {
        matchKey: { expression: '"crm-" & id', targetField: 'external_id', normalization: 'alnum_lower' },
      }),
      crmSchema,
      billingSchema,
    );
    expect((await byExpr.apply(crmRecord)).matchKey).toBe('crmc1');
    const broken = compileMapping(
      mapping(goodRules, { matchKey: { sourceRule: 'zzz', targetField: 'email' } }),
      crmSchema,
      billingSchema,
    );
    expect(broken.issues.map((i) => i.details?.reason)).toEqual(['match_key']);
  });

  it('an unreadable mapping envelope is a mapping_error', () => {
    expect(() => compileMapping({ id: 'x' }, crmSchema, billingSchema)).toThrow(AppError);
    try {
      compileMapping({ id: 'x' }, crmSchema, billingSchema);
    } catch (error) {
      expect((error as AppError).code).toBe('mapping_error');
    }
  });

  it('the model keeps a version and strict rules parse transform defaults', () => {
    const parsed = Mapping.parse(mapping(goodRules));
    expect(parsed.version).toBe(3);
    expect(parsed.rules[0]!.enabled).toBe(true);
    expect(parsed.rules[1]!.transforms[0]).toEqual({ kind: 'concat', separator: ' ', skipEmpty: true });
  });
});
