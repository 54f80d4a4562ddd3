import type { z } from 'zod';

/** Keys that name a credential: in a workspace file they can only be a pasted secret value. */
const SECRET_KEYS = new Set(
  ['apiKey', 'password', 'token', 'clientSecret', 'refreshToken', 'signingSecret', 'secret', 'accessToken'].map((k) =>
    k.toLowerCase(),
  ),
);

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

export interface KeyProblem {
  path: (string | number)[];
  kind: 'unknown' | 'secret';
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  items?: z.ZodType[];
  getter?: () => z.ZodType;
}

// The walk reads only the fields of zod's own definition that it names in Def.
const defOf = (schema: z.ZodType): Def => schema._zod.def as Def;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * zod strips keys it does not know; a workspace file must instead refuse them, or a typo
 * ("schedul:") would be dropped silently. This walks the value along the schema and reports every
 * key no object schema declares (at any depth), and a credential-named key as a pasted secret.
 */
export function findKeyProblems(schema: z.ZodType, value: unknown, path: (string | number)[] = []): KeyProblem[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      if (!isPlainObject(value)) return [];
      const shape = def.shape ?? {};
      const problems: KeyProblem[] = [];
      for (const [key, child] of Object.entries(value)) {
        const inner = shape[key];
        if (inner) problems.push(...findKeyProblems(inner, child, [...path, key]));
        else if (isSecretKey(key)) problems.push({ path: [...path, key], kind: 'secret' });
        else if (!def.catchall || defOf(def.catchall).type === 'never')
          problems.push({ path: [...path, key], kind: 'unknown' });
      }
      return problems;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return value === undefined || value === null ? [] : findKeyProblems(def.innerType!, value, path);
    case 'pipe':
      return findKeyProblems(def.in!, value, path);
    case 'lazy':
      return findKeyProblems(def.getter!(), value, path);
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => findKeyProblems(def.element!, v, [...path, i])) : [];
    case 'tuple':
      return Array.isArray(value)
        ? (def.items ?? []).flatMap((item, i) => findKeyProblems(item, value[i], [...path, i]))
        : [];
    case 'record':
      return isPlainObject(value)
        ? Object.entries(value).flatMap(([k, v]) => findKeyProblems(def.valueType!, v, [...path, k]))
        : [];
    case 'intersection':
      return [...findKeyProblems(def.left!, value, path), ...findKeyProblems(def.right!, value, path)];
    case 'union': {
      // The option the value belongs to: the first that accepts it, else the one with the fewest problems.
      const options = def.options ?? [];
      const fits = options.find((o) => o.safeParse(value).success);
      if (fits) return findKeyProblems(fits, value, path);
      const scored = options.map((o) => findKeyProblems(o, value, path));
      return scored.sort((a, b) => a.length - b.length)[0] ?? [];
    }
    default:
      return [];
  }
}
