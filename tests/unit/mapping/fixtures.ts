import type { FieldSchemaInput } from '../../../shared/models/field-schema';
import type { MappingRuleInput } from '../../../shared/models/mapping';

/** A CRM contact (source) and a billing customer (target), shaped like the sandbox tools. */
export const crmSchema: FieldSchemaInput[] = [
  { name: 'id', type: 'string' },
  { name: 'firstName', type: 'string', pii: true },
  { name: 'lastName', type: 'string', pii: true },
  { name: 'e_mail', type: 'string', pii: true, path: 'properties.email' },
  { name: 'mobile', type: 'string', pii: true },
  { name: 'organisation', type: 'string' },
  { name: 'zip', type: 'string' },
  { name: 'address', type: 'object' },
  { name: 'birthday', type: 'string', pii: true },
  { name: 'created', type: 'string' },
  { name: 'annualRevenue', type: 'string' },
  { name: 'optIn', type: 'string' },
  { name: 'notes', type: 'string' },
];

export const billingSchema: FieldSchemaInput[] = [
  { name: 'external_id', type: 'string', required: true },
  { name: 'name', type: 'string', required: true, maxLength: 40 },
  { name: 'email', type: 'string', format: 'email', required: true, pii: true },
  { name: 'phone', type: 'string', format: 'phone', pii: true },
  { name: 'company_name', type: 'string' },
  { name: 'postal_code', type: 'string', format: 'postal_code' },
  { name: 'country', type: 'string', format: 'country' },
  { name: 'created_at', type: 'datetime' },
  { name: 'revenue', type: 'money' },
  { name: 'marketing_consent', type: 'boolean' },
  { name: 'tier', type: 'string', enum: ['free', 'pro', 'enterprise'] },
  { name: 'balance', type: 'money', readOnly: true },
];

export const crmRecord = {
  id: 'c-1',
  firstName: ' Ada ',
  lastName: 'Lovelace',
  properties: { email: '  Ada.Lovelace@Example.COM ' },
  mobile: '06 12 34 56 78',
  organisation: 'Analytical Engines Ltd',
  zip: '75002',
  address: { street: '12 rue de la Paix', city: 'Paris', postalCode: '75002', country: 'France' },
  created: '31/03/2024 02:30',
  annualRevenue: '1 234,50 €',
  optIn: 'oui',
  notes: 'secret',
};

/** Deliberately loose: tests also build mappings with broken rules, which only the draft schema accepts. */
export function mapping(
  rules: readonly unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> & { rules: unknown[] } {
  return {
    id: 'm1',
    name: 'CRM → billing',
    version: 3,
    source: { connectionId: 'crm', resource: 'contacts' },
    target: { connectionId: 'billing', resource: 'customers' },
    updatedAt: '2024-05-01T10:00:00Z',
    rules: [...rules],
    ...extra,
  };
}

export const goodRules: MappingRuleInput[] = [
  { id: 'r1', target: 'external_id', sources: ['id'] },
  {
    id: 'r2',
    target: 'name',
    sources: ['firstName', 'lastName'],
    transforms: [{ kind: 'concat' }, { kind: 'collapse_spaces' }],
  },
  { id: 'r3', target: 'email', sources: ['e_mail'], transforms: [{ kind: 'email' }] },
  { id: 'r4', target: 'phone', sources: ['mobile'], transforms: [{ kind: 'phone', defaultCountry: 'FR' }] },
  { id: 'r5', target: 'company_name', sources: ['organisation'] },
  { id: 'r6', target: 'country', sources: ['address.country'], transforms: [{ kind: 'country' }] },
  {
    id: 'r7',
    target: 'created_at',
    sources: ['created'],
    transforms: [{ kind: 'date', formats: ['DD/MM/YYYY HH:mm'], timezone: 'Europe/Paris' }],
  },
  { id: 'r8', target: 'revenue', sources: ['annualRevenue'], transforms: [{ kind: 'money' }] },
  { id: 'r9', target: 'marketing_consent', sources: ['optIn'], transforms: [{ kind: 'boolean' }] },
  {
    id: 'r10',
    target: 'tier',
    sources: [],
    transforms: [
      { kind: 'expression', expression: '$number($substringBefore(annualRevenue, " ") ) > 1 ? "pro" : "free"' },
    ],
  },
];
