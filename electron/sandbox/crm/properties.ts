import { SCHEMAS, type CrmType } from './records';

/**
 * The sandbox account's property definitions, as HubSpot's properties API lists them
 * (`GET /crm/v3/properties/{objectType}`). `customer_since`, `lifetime_value` and `external_id`
 * are not HubSpot properties: this account created them, so they come back `hubspotDefined: false`,
 * the way a real portal's custom properties do, and a connector finds them only by asking.
 */
type Def = { label: string; type: string; fieldType: string; custom?: boolean; options?: string[] };

const COMMON: Record<string, Def> = {
  phone: { label: 'Phone Number', type: 'string', fieldType: 'phonenumber' },
  address: { label: 'Street Address', type: 'string', fieldType: 'text' },
  city: { label: 'City', type: 'string', fieldType: 'text' },
  zip: { label: 'Postal Code', type: 'string', fieldType: 'text' },
  state: { label: 'State/Region', type: 'string', fieldType: 'text' },
  country: { label: 'Country/Region', type: 'string', fieldType: 'text' },
  createdate: { label: 'Create Date', type: 'datetime', fieldType: 'date' },
  hs_object_id: { label: 'Record ID', type: 'number', fieldType: 'number' },
  external_id: { label: 'External ID', type: 'string', fieldType: 'text', custom: true },
};

const DEFS: Record<CrmType, Record<string, Def>> = {
  contacts: {
    ...COMMON,
    email: { label: 'Email', type: 'string', fieldType: 'text' },
    firstname: { label: 'First Name', type: 'string', fieldType: 'text' },
    lastname: { label: 'Last Name', type: 'string', fieldType: 'text' },
    mobilephone: { label: 'Mobile Phone Number', type: 'string', fieldType: 'phonenumber' },
    company: { label: 'Company Name', type: 'string', fieldType: 'text' },
    jobtitle: { label: 'Job Title', type: 'string', fieldType: 'text' },
    website: { label: 'Website URL', type: 'string', fieldType: 'text' },
    lifecyclestage: {
      label: 'Lifecycle Stage',
      type: 'enumeration',
      fieldType: 'radio',
      options: [
        'subscriber',
        'lead',
        'marketingqualifiedlead',
        'salesqualifiedlead',
        'opportunity',
        'customer',
        'evangelist',
        'other',
      ],
    },
    lastmodifieddate: { label: 'Last Modified Date', type: 'datetime', fieldType: 'date' },
    customer_since: { label: 'Customer since', type: 'date', fieldType: 'date', custom: true },
    lifetime_value: { label: 'Lifetime value', type: 'number', fieldType: 'number', custom: true },
  },
  companies: {
    ...COMMON,
    name: { label: 'Company name', type: 'string', fieldType: 'text' },
    domain: { label: 'Company Domain Name', type: 'string', fieldType: 'text' },
    industry: { label: 'Industry', type: 'enumeration', fieldType: 'select' },
    numberofemployees: { label: 'Number of Employees', type: 'number', fieldType: 'number' },
    annualrevenue: { label: 'Annual Revenue', type: 'number', fieldType: 'number' },
    description: { label: 'Description', type: 'string', fieldType: 'textarea' },
    hs_lastmodifieddate: { label: 'Last Modified Date', type: 'datetime', fieldType: 'date' },
  },
};

const STAMP = '2020-01-01T00:00:00.000Z';

/** The body of `GET /crm/v3/properties/{type}`. */
export function propertyList(
  type: CrmType,
  renamed: ReadonlyMap<string, string> = new Map(),
): { results: Record<string, unknown>[] } {
  const s = SCHEMAS[type];
  const names = [...s.writable, ...s.readOnly].filter((n) => DEFS[type][n]);
  return {
    results: names.map((name, i) => {
      const d = DEFS[type][name]!;
      return {
        name: renamed.get(name) ?? name,
        label: d.label,
        type: d.type,
        fieldType: d.fieldType,
        description: '',
        groupName: type === 'contacts' ? 'contactinformation' : 'companyinformation',
        options: (d.options ?? []).map((v, k) => ({ label: v, value: v, displayOrder: k, hidden: false })),
        displayOrder: i,
        calculated: false,
        externalOptions: false,
        hasUniqueValue: name === s.uniqueProp && type === 'contacts',
        hidden: false,
        hubspotDefined: !d.custom,
        modificationMetadata: {
          archivable: Boolean(d.custom),
          readOnlyDefinition: !d.custom,
          readOnlyValue: s.readOnly.includes(name),
        },
        formField: !s.readOnly.includes(name),
        createdAt: STAMP,
        updatedAt: STAMP,
        archived: false,
      };
    }),
  };
}
