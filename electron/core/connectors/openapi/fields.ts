import type { FieldSchemaInput, FieldType } from '../../../../shared/models/field-schema';
import { flatten, typeOf } from './schema-walk';
import type { Schema } from './types';

// Names that usually hold personal data: flagged so logs and previews mask them from the start.
const PII =
  /(^|_)(e?mail|phone|mobile|first_?name|last_?name|full_?name|surname|address|street|birth|dob|ssn|iban|password)($|_)|^(name|username)$/i;

function fieldType(s: Schema): Pick<FieldSchemaInput, 'type' | 'format'> {
  const t = typeOf(s);
  switch (t) {
    case 'integer':
      return { type: 'integer' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'array':
      return { type: 'array' };
    case 'object':
      return { type: 'object' };
  }
  switch (s.format) {
    case 'date':
      return { type: 'date' };
    case 'date-time':
      return { type: 'datetime' };
    case 'email':
      return { type: 'string', format: 'email' };
    case 'uri':
    case 'url':
      return { type: 'string', format: 'url' };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'decimal':
      return { type: 'string', format: 'decimal' };
    default:
      return { type: 'string' };
  }
}

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Field schemas for the mapping editor: top-level properties, plus one level of nested objects as `parent_child`. */
export function fieldsFromSchema(schema: Schema | undefined): FieldSchemaInput[] {
  const s = flatten(schema);
  const out: FieldSchemaInput[] = [];
  const required = new Set(s?.required ?? []);
  for (const [name, raw] of Object.entries(s?.properties ?? {})) {
    const p = flatten(raw) ?? {};
    const base: FieldSchemaInput = {
      name,
      ...fieldType(p),
      required: required.has(name),
      readOnly: p.readOnly ?? false,
      pii: PII.test(snake(name)) || /email/i.test(p.format ?? ''),
      ...(p.description ? { description: p.description.slice(0, 500) } : {}),
      ...(p.enum?.length ? { enum: p.enum.map(String) } : {}),
      ...(p.maxLength ? { maxLength: p.maxLength } : {}),
    };
    if (base.format === undefined && /e?mail/i.test(name) && base.type === 'string') base.format = 'email';
    if (base.format === undefined && /phone|mobile/i.test(name) && base.type === 'string') base.format = 'phone';
    out.push(base);
    if (typeOf(p) === 'object' && p.properties) {
      for (const [child, c] of Object.entries(p.properties)) {
        const cs = flatten(c) ?? {};
        if (['object', 'array'].includes(typeOf(cs) ?? '')) continue;
        out.push({
          name: `${name}_${child}`,
          ...fieldType(cs),
          path: `${name}.${child}`,
          readOnly: cs.readOnly ?? false,
          pii: PII.test(snake(child)),
        });
      }
    }
  }
  return out;
}

export type { FieldType };

/**
 * A property that is a free-form map (`properties: {type: object, additionalProperties: {type: string}}`,
 * HubSpot's record values): its fields belong to the account, so they are read from sample records.
 */
export function freeFormMapOf(schema: Schema | undefined): { name: string; stringValues: boolean } | undefined {
  const s = flatten(schema);
  const maps: { name: string; stringValues: boolean }[] = [];
  for (const [name, raw] of Object.entries(s?.properties ?? {})) {
    const p = flatten(raw) ?? {};
    const extra = p.additionalProperties;
    if (typeOf(p) === 'object' && !Object.keys(p.properties ?? {}).length && extra && typeof extra === 'object')
      maps.push({ name, stringValues: typeOf(flatten(extra)) === 'string' });
  }
  // Beside `associations` and histories, the record's values: a map of plain values named like properties.
  return (
    maps.find((m) => m.stringValues && /^(properties|fields|values|attributes)$/i.test(m.name)) ??
    maps.find((m) => m.stringValues) ??
    maps[0]
  );
}
