import type { FieldSchema } from '../models/field-schema';

/**
 * Rules name source fields by FieldSchema name (or a dotted path below an object field); the API
 * record may keep them elsewhere (`path`, e.g. "properties.email"). Resolved once per rule.
 */
export type Resolution = { segments: string[]; field?: FieldSchema } | { missing: true };

export function resolveSourcePath(source: string, schema: readonly FieldSchema[]): Resolution {
  if (schema.length === 0) return { segments: source.split('.') }; // schema unknown: trust the path
  const byName = schema.find((f) => f.name === source) ?? schema.find((f) => f.path === source);
  if (byName) return { segments: (byName.path ?? byName.name).split('.'), field: byName };
  // "address.city" below an object field "address".
  for (const field of schema) {
    if (field.type !== 'object' && field.type !== 'array') continue;
    for (const prefix of [field.name, field.path].filter((p): p is string => !!p)) {
      if (source.startsWith(`${prefix}.`))
        return {
          segments: [...(field.path ?? field.name).split('.'), ...source.slice(prefix.length + 1).split('.')],
          field,
        };
    }
  }
  return { missing: true };
}

export function makeGetter(segments: readonly string[]): (record: unknown) => unknown {
  // Specialized for the common one- and two-segment paths: this runs 20x per record on the hot path.
  if (segments.length === 1) {
    const [a] = segments as [string];
    return (r) => (r !== null && typeof r === 'object' ? (r as Record<string, unknown>)[a] : undefined);
  }
  return (r) => {
    let current: unknown = r;
    for (const s of segments) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string, unknown>)[s];
    }
    return current;
  };
}
