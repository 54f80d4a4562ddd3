import type { FieldSchemaInput } from '../../shared/models/field-schema';
import { compileMapping } from '../../shared/mapping';

/**
 * Mapping throughput on 100,000 sandbox-like messy CRM records with a 20-rule mapping (date, money,
 * phone, address, one JSONata rule), plus the cost of JSONata vs the built-in transforms measured
 * in the same run: the 19 built-in rules alone and the JSONata rule alone.
 */

const RECORDS = Number(process.env.MAPPING_BENCH_RECORDS ?? 100_000);

// Deterministic PRNG so every run maps the same data.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['ada', ' Marie', 'JEAN-LUC ', 'Zoë', 'günther', "o'neil"];
const LAST = ['Lovelace', 'CURIE ', 'Picard', 'Müller', 'Dupont'];
const CITIES = [
  ['12 rue de la Paix', '75002 Paris', 'France'],
  ['Unter den Linden 77', '10117 Berlin', 'Deutschland'],
  ['10 Downing Street', 'London SW1A 2AA', 'Royaume-Uni'],
  ['1600 Amphitheatre Pkwy', 'Mountain View, CA 94043', 'USA'],
];
const PHONES = ['06 12 34 56 78', '00 33 1 23 45 67 89', '+33 (0)6 12 34 56 78', '+49 30 901820', '+1 (212) 555-0142'];
const MONEY = ['1\u202F234,50\u00A0€', '$1,234.50', '-12.5 USD', '(99.90) EUR', '12.250 KWD', '¥1,200'];
const DATES = ['31/03/2024 02:30', '29/02/2024 23:59', '27/10/2024 02:30', '01/01/2023 00:00', '15/07/2024 12:15'];
const BOOLS = ['oui', 'no', '1', 'TRUE', 'ja', ''];

export function makeRecords(count: number, seed = 42): Record<string, unknown>[] {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const [street, locality, country] = pick(CITIES);
    const first = pick(FIRST);
    const last = pick(LAST);
    out.push({
      id: `c-${i}`,
      firstName: first,
      lastName: last,
      email: `  ${first.trim()}.${last.trim()}${i}@Example.COM `,
      mobile: pick(PHONES),
      organisation: ` ${pick(['Acme', 'Initech', 'Globex'])}   SAS `,
      addressLine: `${street}, ${locality}, ${country}`,
      country,
      created: pick(DATES),
      updated: String(1_700_000_000 + i * 37),
      revenue: pick(MONEY),
      amountCents: 100_000 + i,
      currency: pick(['EUR', 'USD', 'JPY', 'KWD']),
      optIn: pick(BOOLS),
      segment: pick(['A', 'b', 'C ', 'x']),
      website: 'https://example.com',
      tags: 'vip; newsletter;;beta',
      employees: pick(['1 200', '15', '3,400']),
      lines: [
        { qty: 1 + (i % 3), price: 9.5 },
        { qty: 2, price: 1.25 },
      ],
    });
  }
  return out;
}

const source: FieldSchemaInput[] = [
  'id',
  'firstName',
  'lastName',
  'email',
  'mobile',
  'organisation',
  'addressLine',
  'country',
  'created',
  'updated',
  'revenue',
  'amountCents',
  'currency',
  'optIn',
  'segment',
  'website',
  'tags',
  'employees',
  'lines',
].map((name) => ({ name, type: name === 'lines' ? 'array' : name === 'amountCents' ? 'integer' : 'string' }));

const target: FieldSchemaInput[] = [
  { name: 'external_id', type: 'string', required: true },
  { name: 'first_name', type: 'string' },
  { name: 'last_name', type: 'string' },
  { name: 'full_name', type: 'string', maxLength: 80 },
  { name: 'email', type: 'string', format: 'email', required: true },
  { name: 'phone', type: 'string', format: 'phone' },
  { name: 'company', type: 'string' },
  { name: 'street', type: 'string' },
  { name: 'city', type: 'string' },
  { name: 'postal_code', type: 'string', format: 'postal_code' },
  { name: 'country', type: 'string', format: 'country' },
  { name: 'created_at', type: 'datetime' },
  { name: 'updated_at', type: 'datetime' },
  { name: 'revenue', type: 'money' },
  { name: 'balance', type: 'money' },
  { name: 'consent', type: 'boolean' },
  { name: 'segment', type: 'string', enum: ['enterprise', 'smb', 'other'] },
  { name: 'tags', type: 'array' },
  { name: 'employees', type: 'integer' },
  { name: 'order_total', type: 'number' },
];

const JSONATA_RULE = {
  id: 'j1',
  target: 'order_total',
  sources: [],
  transforms: [{ kind: 'expression', expression: '$round($sum(lines.(qty * price)) * 1.2, 2)' }],
};

const BUILTIN_RULES = [
  { id: 'b1', target: 'external_id', sources: ['id'] },
  {
    id: 'b2',
    target: 'first_name',
    sources: ['firstName'],
    transforms: [{ kind: 'trim' }, { kind: 'case', to: 'title' }],
  },
  {
    id: 'b3',
    target: 'last_name',
    sources: ['lastName'],
    transforms: [{ kind: 'trim' }, { kind: 'case', to: 'title' }],
  },
  {
    id: 'b4',
    target: 'full_name',
    sources: ['firstName', 'lastName'],
    transforms: [{ kind: 'concat' }, { kind: 'collapse_spaces' }, { kind: 'case', to: 'title' }],
  },
  { id: 'b5', target: 'email', sources: ['email'], transforms: [{ kind: 'email' }] },
  { id: 'b6', target: 'phone', sources: ['mobile'], transforms: [{ kind: 'phone', defaultCountry: 'FR' }] },
  { id: 'b7', target: 'company', sources: ['organisation'], transforms: [{ kind: 'collapse_spaces' }] },
  {
    id: 'b8',
    target: 'street',
    sources: ['addressLine'],
    transforms: [{ kind: 'address', mode: 'parse', pick: 'street' }],
  },
  {
    id: 'b9',
    target: 'city',
    sources: ['addressLine'],
    transforms: [{ kind: 'address', mode: 'parse', pick: 'city' }],
  },
  {
    id: 'b10',
    target: 'postal_code',
    sources: ['addressLine'],
    transforms: [{ kind: 'address', mode: 'parse', pick: 'postalCode' }],
  },
  { id: 'b11', target: 'country', sources: ['country'], transforms: [{ kind: 'country' }] },
  {
    id: 'b12',
    target: 'created_at',
    sources: ['created'],
    transforms: [{ kind: 'date', formats: ['DD/MM/YYYY HH:mm'], timezone: 'Europe/Paris' }],
  },
  { id: 'b13', target: 'updated_at', sources: ['updated'], transforms: [{ kind: 'date', formats: ['unix'] }] },
  {
    id: 'b14',
    target: 'revenue',
    sources: ['revenue'],
    transforms: [{ kind: 'money', currency: 'EUR', rounding: 'half_even' }],
  },
  {
    id: 'b15',
    target: 'balance',
    sources: ['amountCents', 'currency'],
    transforms: [{ kind: 'money', input: 'minor_units' }],
  },
  { id: 'b16', target: 'consent', sources: ['optIn'], transforms: [{ kind: 'boolean', empty: 'false' }] },
  {
    id: 'b17',
    target: 'segment',
    sources: ['segment'],
    transforms: [
      {
        kind: 'lookup',
        table: [
          { from: 'A', to: 'enterprise' },
          { from: 'B', to: 'smb' },
          { from: 'C', to: 'smb' },
        ],
        unmatched: 'default',
        default: 'other',
      },
    ],
  },
  { id: 'b18', target: 'tags', sources: ['tags'], transforms: [{ kind: 'split', separator: ';' }] },
  { id: 'b19', target: 'employees', sources: ['employees'], transforms: [{ kind: 'number', output: 'integer' }] },
];

function mappingOf(rules: unknown[]) {
  return {
    id: 'bench',
    name: 'bench',
    version: 1,
    source: { connectionId: 'crm', resource: 'contacts' },
    target: { connectionId: 'billing', resource: 'customers' },
    updatedAt: '2024-01-01T00:00:00Z',
    matchKey: { sourceRule: 'b5', targetField: 'email', normalization: 'email' },
    rules,
  };
}

async function throughput(
  rules: unknown[],
  records: Record<string, unknown>[],
  validate: boolean,
): Promise<{ rps: number; errors: number }> {
  const compiled = compileMapping(mappingOf(rules), source, target, { validate });
  if (compiled.issues.length) throw new Error(`bench mapping has issues: ${JSON.stringify(compiled.issues)}`);
  let errors = 0;
  const started = performance.now();
  for (const record of records) {
    const out = await compiled.apply(record);
    errors += out.errors.length;
    if (process.env.MAPPING_BENCH_DEBUG && out.errors.length) console.error(JSON.stringify(out.errors));
  }
  const seconds = (performance.now() - started) / 1000;
  return { rps: records.length / seconds, errors };
}

export default async function* bench(): AsyncGenerator<{ bench: string; figure: string; value: number; unit: string }> {
  const records = makeRecords(RECORDS);
  // Warm-up: JIT, Intl formatters, offset cache, country index.
  await throughput([...BUILTIN_RULES, JSONATA_RULE], records.slice(0, 2000), true);

  const full = await throughput([...BUILTIN_RULES, JSONATA_RULE], records, true);
  yield { bench: 'mapping', figure: 'records_per_s_20_rules', value: Math.round(full.rps), unit: '1/s' };
  yield {
    bench: 'mapping',
    figure: 'field_errors_per_record',
    value: Math.round((full.errors / records.length) * 1000) / 1000,
    unit: '1',
  };

  const builtin = await throughput(BUILTIN_RULES, records, false);
  const jsonataOnly = await throughput([{ ...BUILTIN_RULES[4]!, id: 'b5' }, JSONATA_RULE], records, false);
  const builtinOnlyRecords = await throughput([BUILTIN_RULES[4]!], records, false);
  yield { bench: 'mapping', figure: 'records_per_s_builtin_19_rules', value: Math.round(builtin.rps), unit: '1/s' };
  yield { bench: 'mapping', figure: 'records_per_s_jsonata_1_rule', value: Math.round(jsonataOnly.rps), unit: '1/s' };
  // Per-rule cost: JSONata rule time vs the mean built-in rule time (both net of the match-key rule b5).
  const jsonataRuleUs = (1 / jsonataOnly.rps - 1 / builtinOnlyRecords.rps) * 1e6;
  const builtinRuleUs = ((1 / builtin.rps - 1 / builtinOnlyRecords.rps) * 1e6) / (BUILTIN_RULES.length - 1);
  yield { bench: 'mapping', figure: 'us_per_rule_jsonata', value: Math.round(jsonataRuleUs * 100) / 100, unit: 'us' };
  yield {
    bench: 'mapping',
    figure: 'us_per_rule_builtin_mean',
    value: Math.round(builtinRuleUs * 100) / 100,
    unit: 'us',
  };
  yield {
    bench: 'mapping',
    figure: 'jsonata_vs_builtin_cost_ratio_per_rule',
    value: Math.round((jsonataRuleUs / builtinRuleUs) * 100) / 100,
    unit: 'ratio',
  };
  yield {
    bench: 'mapping',
    figure: 'builtin_19_vs_jsonata_1_records_ratio',
    value: Math.round((builtin.rps / jsonataOnly.rps) * 100) / 100,
    unit: 'ratio',
  };
}
