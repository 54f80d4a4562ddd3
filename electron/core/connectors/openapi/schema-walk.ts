import type { Schema } from './types';

/** allOf merged into one object schema; oneOf/anyOf: the first branch (good enough for field lists). */
export function flatten(schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.allOf?.length) {
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf.map(flatten)) {
      Object.assign(merged.properties!, part?.properties);
      merged.required!.push(...(part?.required ?? []));
    }
    return merged;
  }
  if (!schema.properties && !schema.items && (schema.oneOf?.length || schema.anyOf?.length))
    return flatten((schema.oneOf ?? schema.anyOf)![0]);
  return schema;
}

export const typeOf = (s: Schema | undefined): string | undefined =>
  Array.isArray(s?.type) ? s!.type.find((t) => t !== 'null') : s?.type;

/**
 * Where the records are in a list response: the body itself when it is an array, else the array
 * property named like the collection itself, or like a collection (`data`, `results`, `items`, …), or
 * the only array property.
 */
export function collectionOf(
  schema: Schema | undefined,
  /** The collection's name in the path (`Contacts`, `Messages`): an array property of that name wins (Xero, Twilio). */
  named?: string,
): { selector: string; item: Schema | undefined } | undefined {
  const s = flatten(schema);
  if (!s) return undefined;
  if (typeOf(s) === 'array') return { selector: '', item: flatten(s.items) };
  const arrays = Object.entries(s.properties ?? {}).filter(([, p]) => typeOf(flatten(p)) === 'array');
  const same = (n: string) =>
    n.replace(/[^a-z0-9]/gi, '').toLowerCase() === named?.replace(/[^a-z0-9]/gi, '').toLowerCase();
  const preferred =
    (named ? arrays.find(([n]) => same(n)) : undefined) ??
    arrays.find(([n]) => /^(data|results|items|records|entries|values|content|list|rows)$/i.test(n)) ??
    (arrays.length === 1 ? arrays[0] : undefined);
  if (!preferred) return undefined;
  return { selector: preferred[0], item: flatten(flatten(preferred[1])?.items) };
}
