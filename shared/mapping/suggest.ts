import { FieldSchema, type FieldSchemaInput, type FieldType } from '../models/field-schema';
import { MappingRule } from '../models/mapping';
import type { TransformStepInput } from '../transforms';

/**
 * Auto-suggest: pair target fields with source fields by name (case style, synonyms, token overlap)
 * and type, and propose the transform a format mismatch needs (phone → E.164, money parse, dates…).
 */

// Each group collapses to its first word before comparing names.
const SYNONYMS: string[][] = [
  ['email', 'e mail', 'mail', 'email address', 'courriel'],
  ['phone', 'tel', 'telephone', 'mobile', 'cell', 'phone number', 'mobile phone', 'portable'],
  ['postal code', 'zip', 'zip code', 'postcode', 'postalcode', 'plz', 'code postal'],
  ['company', 'organisation', 'organization', 'org', 'company name', 'account name', 'business', 'societe', 'firm'],
  ['first name', 'firstname', 'given name', 'forename', 'prenom'],
  ['last name', 'lastname', 'family name', 'surname', 'nom'],
  ['full name', 'name', 'display name', 'contact name'],
  ['street', 'address line1', 'line1', 'street address', 'address1', 'rue'],
  ['city', 'town', 'locality', 'ville'],
  ['region', 'state', 'province'],
  ['country', 'country code', 'pays', 'land'],
  ['created at', 'created', 'creation date', 'created on', 'date created'],
  ['updated at', 'updated', 'modified', 'last modified', 'modified at'],
  ['amount', 'total', 'price', 'value', 'montant'],
  ['currency', 'currency code', 'devise'],
  ['external id', 'id', 'source id', 'crm id'],
  ['vat number', 'vat', 'tax id', 'vat id'],
  ['website', 'url', 'homepage', 'web'],
];

export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const CANONICAL = new Map<string, string>();
for (const group of SYNONYMS)
  for (const word of group) CANONICAL.set(word.replace(/\s+/g, ''), group[0]!.replace(/\s+/g, ''));

/** "billing_e-mail" → "email"; "Zip_Code" → "postalcode". Tries the whole name, then drops leading qualifiers. */
export function canonicalName(name: string): string {
  const tokens = nameTokens(name);
  for (let start = 0; start < tokens.length; start++) {
    const joined = tokens.slice(start).join('');
    const hit = CANONICAL.get(joined);
    if (hit) return hit;
  }
  return tokens.join('');
}

function bigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const g = text.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function dice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const x = bigrams(a);
  const y = bigrams(b);
  let overlap = 0;
  for (const [g, n] of x) overlap += Math.min(n, y.get(g) ?? 0);
  return (2 * overlap) / (a.length - 1 + (b.length - 1));
}

/** 0..1 name similarity. */
export function nameSimilarity(a: string, b: string): number {
  const ta = nameTokens(a).join('');
  const tb = nameTokens(b).join('');
  if (ta === tb) return 1;
  const ca = canonicalName(a);
  const cb = canonicalName(b);
  if (ca === cb) return 0.92;
  return 0.85 * dice(ca, cb);
}

const TEXTUAL: FieldType[] = ['string'];

/** 0..1: can a value of `source` reach `target`, with a transform if needed. */
function typeCompatibility(source: FieldSchema, target: FieldSchema): number {
  if (source.type === target.type) return 1;
  if (TEXTUAL.includes(source.type)) return ['object', 'array'].includes(target.type) ? 0.3 : 0.8; // text parses into most things
  if (target.type === 'string') return ['object', 'array'].includes(source.type) ? 0.3 : 0.8;
  if (
    (source.type === 'integer' && target.type === 'number') ||
    (source.type === 'number' && target.type === 'integer')
  )
    return 0.9;
  if ((source.type === 'number' || source.type === 'integer') && target.type === 'money') return 0.8;
  if (source.type === 'date' && target.type === 'datetime') return 0.8;
  if (source.type === 'datetime' && target.type === 'date') return 0.8;
  return 0.1;
}

export interface SuggestOptions {
  defaultCountry?: string;
  /** Source date text formats to try (what the CRM writes); ISO is always tried first. */
  dateFormats?: string[];
  timezone?: string;
  /** Pairs scoring below this are not proposed (default 0.6). */
  threshold?: number;
}

/** The transform chain that turns a `source` value into what `target` expects. */
export function proposeTransforms(
  source: FieldSchema,
  target: FieldSchema,
  options: SuggestOptions = {},
): TransformStepInput[] {
  const country = options.defaultCountry ? { defaultCountry: options.defaultCountry } : {};
  if (
    target.format === 'phone' ||
    (target.type === 'string' && canonicalName(target.name) === 'phone' && source.format !== 'phone')
  )
    return [{ kind: 'phone', ...country }];
  if (target.format === 'email' || canonicalName(target.name) === 'email') return [{ kind: 'email' }];
  if (target.format === 'country') return [{ kind: 'country' }];
  if (target.type === 'money') {
    if (source.format === 'minor_units' || (source.type === 'integer' && /cents|minor/i.test(source.name)))
      return [
        {
          kind: 'money',
          input: 'minor_units',
          ...(target.format === 'minor_units' ? { output: 'minor_units' as const } : {}),
        },
      ];
    if (source.type === 'string' || source.type === 'number')
      return [{ kind: 'money', ...(target.format === 'decimal' ? { output: 'amount' as const } : {}) }];
    return [];
  }
  if ((target.type === 'date' || target.type === 'datetime') && source.type !== target.type) {
    return [
      {
        kind: 'date',
        formats: ['ISO', ...(options.dateFormats ?? [])],
        timezone: options.timezone ?? 'UTC',
        output: target.type === 'date' ? 'date' : 'datetime',
      },
    ];
  }
  if (target.type === 'boolean' && source.type !== 'boolean') return [{ kind: 'boolean' }];
  if ((target.type === 'number' || target.type === 'integer') && source.type === 'string')
    return [{ kind: 'number', output: target.type === 'integer' ? 'integer' : 'number' }];
  if (target.type === 'string' && source.type === 'object' && /address/i.test(source.name))
    return [{ kind: 'address', mode: 'format' }];
  if (target.type === 'string' && source.type === 'string') {
    const steps: TransformStepInput[] = [{ kind: 'trim' }];
    if (target.maxLength !== undefined) steps.push({ kind: 'collapse_spaces' });
    return steps;
  }
  return [];
}

export interface Suggestion {
  rule: MappingRule;
  score: number;
  reason: string;
}

export interface SuggestResult {
  suggestions: Suggestion[];
  rules: MappingRule[];
  /** Target fields left without a rule (required ones first). */
  unmatchedTargets: string[];
}

export function suggestRules(
  sourceInput: readonly FieldSchemaInput[],
  targetInput: readonly FieldSchemaInput[],
  options: SuggestOptions = {},
): SuggestResult {
  const sources = sourceInput.map((f) => FieldSchema.parse(f));
  const targets = targetInput.map((f) => FieldSchema.parse(f)).filter((f) => !f.readOnly);
  const threshold = options.threshold ?? 0.6;
  const pairs: { source: FieldSchema; target: FieldSchema; score: number }[] = [];
  for (const target of targets) {
    for (const source of sources) {
      const name = nameSimilarity(source.name, target.name);
      if (name < 0.4) continue;
      const type = typeCompatibility(source, target);
      // Formats agreeing (both email, both phone) break ties between similar names.
      const format = source.format && source.format === target.format ? 0.05 : 0;
      pairs.push({ source, target, score: Math.min(1, name * (0.75 + 0.25 * type) + format) });
    }
  }
  // Greedy best-first one-to-one assignment.
  pairs.sort((a, b) => b.score - a.score);
  const usedSources = new Set<string>();
  const usedTargets = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (const pair of pairs) {
    if (pair.score < threshold || usedSources.has(pair.source.name) || usedTargets.has(pair.target.name)) continue;
    usedSources.add(pair.source.name);
    usedTargets.add(pair.target.name);
    suggestions.push({
      rule: MappingRule.parse({
        id: `r_${pair.target.name}`,
        target: pair.target.name,
        sources: [pair.source.name],
        transforms: proposeTransforms(pair.source, pair.target, options),
      }),
      score: Math.round(pair.score * 100) / 100,
      reason:
        nameTokens(pair.source.name).join('') === nameTokens(pair.target.name).join('')
          ? 'same name'
          : `similar name (${pair.source.name} → ${pair.target.name})`,
    });
  }
  // A full-name target with first + last name sources: concat them.
  for (const target of targets) {
    if (usedTargets.has(target.name) || canonicalName(target.name) !== 'fullname' || target.type !== 'string') continue;
    const first = sources.find((s) => canonicalName(s.name) === 'firstname');
    const last = sources.find((s) => canonicalName(s.name) === 'lastname');
    if (!first || !last) continue;
    usedTargets.add(target.name);
    suggestions.push({
      rule: MappingRule.parse({
        id: `r_${target.name}`,
        target: target.name,
        sources: [first.name, last.name],
        transforms: [{ kind: 'concat' }, { kind: 'collapse_spaces' }],
      }),
      score: 0.8,
      reason: `${first.name} + ${last.name}`,
    });
  }
  const order = new Map(targets.map((t, i) => [t.name, i]));
  suggestions.sort((a, b) => order.get(a.rule.target)! - order.get(b.rule.target)!);
  const unmatched = targets
    .filter((t) => !usedTargets.has(t.name))
    .sort((a, b) => Number(b.required) - Number(a.required));
  return { suggestions, rules: suggestions.map((s) => s.rule), unmatchedTargets: unmatched.map((t) => t.name) };
}
