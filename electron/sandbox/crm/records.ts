import { intIn, pick, unit } from '../common/rng';
import { person } from '../data/people';
import { stampAt } from '../data/timeline';

/** HubSpot CRM v3 object as stored: every property value is a string (or null when unset). */
export interface CrmObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt?: number;
}

export type CrmType = 'contacts' | 'companies';

export interface CrmSchema {
  /** Writable properties (unknown ones are refused, as HubSpot does). */
  writable: string[];
  readOnly: string[];
  /** Returned when the request names no `properties`. */
  defaults: string[];
  modifiedProp: string;
  /** Unique property usable as idProperty (email for contacts; domain is a sandbox convenience). */
  uniqueProp: string;
}

export const SCHEMAS: Record<CrmType, CrmSchema> = {
  contacts: {
    writable: [
      'email',
      'firstname',
      'lastname',
      'phone',
      'mobilephone',
      'company',
      'jobtitle',
      'address',
      'city',
      'zip',
      'state',
      'country',
      'lifecyclestage',
      'customer_since',
      'lifetime_value',
      'external_id',
      'website',
    ],
    readOnly: ['createdate', 'lastmodifieddate', 'hs_object_id'],
    defaults: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
    modifiedProp: 'lastmodifieddate',
    uniqueProp: 'email',
  },
  companies: {
    writable: [
      'name',
      'domain',
      'phone',
      'address',
      'city',
      'zip',
      'state',
      'country',
      'industry',
      'numberofemployees',
      'annualrevenue',
      'external_id',
      'description',
    ],
    readOnly: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    defaults: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
    modifiedProp: 'hs_lastmodifieddate',
    uniqueProp: 'domain',
  },
};

const STAGES = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
];
const JOBS = ['CEO', 'Head of Sales', 'Buyer', 'Office Manager', 'Developer', 'Comptable', 'Einkäufer', null];
const INDUSTRIES = [
  'COMPUTER_SOFTWARE',
  'RETAIL',
  'APPAREL_FASHION',
  'FOOD_BEVERAGES',
  'LOGISTICS_AND_SUPPLY_CHAIN',
  null,
];
const CO_WORDS = [
  'Atelier',
  'Nordwind',
  'Blue Harbor',
  'Les Trois Chênes',
  'Brightside',
  'Van Dijk & Zonen',
  'Kettle',
  'Maison',
  'Alpenglühen',
  'Thistle',
];
const CO_SUFFIX = ['SAS', 'GmbH', 'Inc.', 'Ltd', 'BV', 'SARL', 'LLC', 'NV', ''];

export const idOf = (index: number): string => String(index + 1);
export function indexOf(id: string): number {
  return /^\d+$/.test(id) ? Number(id) - 1 : -1;
}

export function companyName(seed: number, i: number): string {
  const w = pick(CO_WORDS, unit(seed, 'company', i, 1));
  const s = pick(CO_SUFFIX, unit(seed, 'company', i, 2));
  return `${w} ${i}${s ? ` ${s}` : ''}`;
}

export function generateContact(seed: number, i: number, companies: number): CrmObject {
  const p = person(seed, 'contact', i);
  const updatedAt = stampAt(i, unit(seed, 'contact', i, 20));
  const createdAt = updatedAt - Math.floor(unit(seed, 'contact', i, 21) * 400) * 86_400_000;
  const n = (v: string): string | null => (v === '' ? null : v);
  const props: Record<string, string | null> = {
    email: p.email,
    firstname: p.firstname,
    lastname: p.lastname,
    phone: n(p.phone),
    mobilephone: null,
    company: companies > 0 ? companyName(seed, i % companies) : null,
    jobtitle: pick(JOBS, unit(seed, 'contact', i, 22)),
    address: p.addressOneLine ?? p.line1,
    city: n(p.city),
    zip: n(p.zip),
    state: n(p.state),
    country: n(p.countryLabel),
    lifecyclestage: pick(STAGES, unit(seed, 'contact', i, 23)),
    customer_since: p.customerSince,
    lifetime_value: p.lifetimeValue,
    external_id: null,
    website: null,
  };
  return withMeta(props, i, createdAt, updatedAt, 'lastmodifieddate');
}

export function generateCompany(seed: number, i: number): CrmObject {
  const name = companyName(seed, i);
  const p = person(seed, 'company', i);
  const updatedAt = stampAt(i, unit(seed, 'company', i, 20));
  const createdAt = updatedAt - Math.floor(unit(seed, 'company', i, 21) * 700) * 86_400_000;
  const domain = `${name
    .split(' ')[0]!
    .toLowerCase()
    .replace(/[^a-z]/g, '')}${i}.example`;
  const revenue = intIn(50_000, 50_000_000, unit(seed, 'company', i, 24));
  const props: Record<string, string | null> = {
    name,
    domain: unit(seed, 'company', i, 25) < 0.1 ? `www.${domain}` : domain,
    phone: p.phone || null,
    address: p.addressOneLine ?? p.line1,
    city: p.city || null,
    zip: p.zip || null,
    state: p.state || null,
    country: p.countryLabel || null,
    industry: pick(INDUSTRIES, unit(seed, 'company', i, 26)),
    numberofemployees: String(intIn(1, 5000, unit(seed, 'company', i, 27))),
    annualrevenue:
      unit(seed, 'company', i, 28) < 0.5
        ? String(revenue)
        : `${revenue}.${intIn(10, 99, unit(seed, 'company', i, 29))}`,
    external_id: null,
    description: null,
  };
  return withMeta(props, i, createdAt, updatedAt, 'hs_lastmodifieddate');
}

function withMeta(
  props: Record<string, string | null>,
  i: number,
  createdAt: number,
  updatedAt: number,
  modProp: string,
): CrmObject {
  props.createdate = new Date(createdAt).toISOString();
  props[modProp] = new Date(updatedAt).toISOString();
  props.hs_object_id = idOf(i);
  return { id: idOf(i), properties: props, createdAt, updatedAt, archived: false };
}

/** The JSON HubSpot returns for one object, restricted to the requested properties. */
export function present(o: CrmObject, props: string[] | null, schema: CrmSchema): Record<string, unknown> {
  const names = props ?? schema.defaults;
  const properties: Record<string, string | null> = {};
  for (const k of names) if (k in o.properties) properties[k] = o.properties[k] ?? null;
  const out: Record<string, unknown> = {
    id: o.id,
    properties,
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: new Date(o.updatedAt).toISOString(),
    archived: o.archived,
  };
  if (o.archivedAt) out.archivedAt = new Date(o.archivedAt).toISOString();
  return out;
}
