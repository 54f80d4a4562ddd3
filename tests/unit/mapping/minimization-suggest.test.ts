import { describe, expect, it } from 'vitest';
import {
  compileMapping,
  dataMinimization,
  expressionFields,
  fieldsRead,
  projectRecord,
  suggestRules,
  canonicalName,
} from '../../../shared/mapping';
import { MappingDraft } from '../../../shared/models/mapping';
import { billingSchema, crmRecord, crmSchema, goodRules, mapping } from './fixtures';

describe('data minimization', () => {
  const draft = MappingDraft.parse(mapping(goodRules));

  it('fieldsRead covers rule sources, template placeholders and JSONata field names', () => {
    const withTemplate = MappingDraft.parse(
      mapping([
        ...goodRules,
        {
          id: 't',
          target: 'company_name',
          sources: [],
          transforms: [{ kind: 'template', template: '{organisation} ({zip})' }],
        },
      ]),
    );
    expect(fieldsRead(draft)).toEqual([
      'address.country',
      'annualRevenue',
      'created',
      'e_mail',
      'firstName',
      'id',
      'lastName',
      'mobile',
      'optIn',
      'organisation',
    ]);
    expect(fieldsRead(withTemplate)).toContain('zip');
  });

  it('lists fields not transmitted and PII that is, with acknowledgement', () => {
    const report = dataMinimization(draft, crmSchema, billingSchema);
    expect(report.notTransmitted).toEqual(['zip', 'birthday', 'notes']);
    expect(report.piiTransmitted).toEqual(['firstName', 'lastName', 'e_mail', 'mobile']);
    expect(report.unacknowledgedPii).toEqual(['firstName', 'lastName', 'e_mail', 'mobile']);
    expect(report.piiTargetFields).toEqual(['email', 'phone']);
    const acked = dataMinimization(
      { ...draft, piiAcknowledged: { fields: ['firstName', 'lastName', 'e_mail'], at: '2024-05-01T10:00:00Z' } },
      crmSchema,
    );
    expect(acked.unacknowledgedPii).toEqual(['mobile']);
  });

  it('an expression reading $ as a whole disables field dropping', () => {
    const whole = MappingDraft.parse(
      mapping([
        { id: 'x', target: 'tier', sources: [], transforms: [{ kind: 'expression', expression: '$keys($)[0]' }] },
      ]),
    );
    const report = dataMinimization(whole, crmSchema);
    expect(report.wholeRecord).toBe(true);
    expect(report.notTransmitted).toEqual([]);
    expect(expressionFields('orders[status = "x"].total + fee').fields).toEqual(new Set(['orders', 'fee']));
  });

  it('projectRecord keeps only what is read, at the schema path, and maps the same', async () => {
    const compiled = compileMapping(draft, crmSchema, billingSchema);
    const projected = projectRecord(crmRecord, compiled.fieldsRead, crmSchema);
    expect(projected).not.toHaveProperty('notes');
    expect(projected).not.toHaveProperty('zip');
    expect(projected).toMatchObject({
      properties: { email: crmRecord.properties.email },
      address: { country: 'France' },
    });
    expect((await compiled.apply(projected)).payload).toEqual((await compiled.apply(crmRecord)).payload);
  });
});

describe('auto-suggest', () => {
  it('canonical names fold case styles and synonyms', () => {
    expect(canonicalName('E_Mail')).toBe('email');
    expect(canonicalName('billingEmail')).toBe('email');
    expect(canonicalName('zipCode')).toBe('postalcode');
    expect(canonicalName('postal_code')).toBe('postalcode');
    expect(canonicalName('given_name')).toBe('firstname');
    expect(canonicalName('Organisation')).toBe('company');
    expect(canonicalName('tel')).toBe('phone');
  });

  it('proposes CRM → billing rules with format transforms, leaving few corrections', async () => {
    const result = suggestRules(crmSchema, billingSchema, {
      defaultCountry: 'FR',
      dateFormats: ['DD/MM/YYYY HH:mm'],
      timezone: 'Europe/Paris',
    });
    const byTarget = Object.fromEntries(result.rules.map((r) => [r.target, r]));
    expect(byTarget.email).toMatchObject({ sources: ['e_mail'], transforms: [{ kind: 'email' }] });
    expect(byTarget.phone).toMatchObject({
      sources: ['mobile'],
      transforms: [{ kind: 'phone', defaultCountry: 'FR' }],
    });
    expect(byTarget.company_name).toMatchObject({ sources: ['organisation'] });
    expect(byTarget.postal_code).toMatchObject({ sources: ['zip'] });
    expect(byTarget.created_at).toMatchObject({
      sources: ['created'],
      transforms: [{ kind: 'date', formats: ['ISO', 'DD/MM/YYYY HH:mm'] }],
    });
    expect(byTarget.name).toMatchObject({
      sources: ['firstName', 'lastName'],
      transforms: [{ kind: 'concat' }, { kind: 'collapse_spaces' }],
    });
    expect(byTarget.balance).toBeUndefined(); // read-only
    expect(byTarget.external_id).toMatchObject({ sources: ['id'] }); // "id" is a synonym of external id
    expect(result.unmatchedTargets).toEqual(['country', 'revenue', 'marketing_consent', 'tier']);
    // The suggested rules compile and run cleanly on the sample record.
    const compiled = compileMapping(mapping(result.rules), crmSchema, billingSchema);
    expect(compiled.issues).toEqual([]);
    const out = await compiled.apply(crmRecord);
    expect(out.payload).toMatchObject({
      email: 'ada.lovelace@example.com',
      phone: '+33612345678',
      name: 'Ada Lovelace',
      external_id: 'c-1',
    });
    expect(out.errors).toEqual([]);
  });
});
