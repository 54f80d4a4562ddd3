import type { FieldDiff } from '../../../shared/models/workspace';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON with object keys sorted: two values are the same object exactly when these strings are equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    isPlainObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

/**
 * Field-level differences, as a reviewer reads them: dotted paths into objects, arrays of objects
 * with ids matched by id (`rules[r-email].transforms`), other arrays compared per index when their
 * lengths agree and as a whole otherwise.
 */
export function fieldDiff(before: unknown, after: unknown, path = ''): FieldDiff[] {
  if (canonical(before) === canonical(after)) return [];
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => fieldDiff(before[k], after[k], at(k)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const ids = (xs: unknown[]) =>
      xs.every((x) => isPlainObject(x) && typeof x.id === 'string') ? xs.map((x) => (x as { id: string }).id) : null;
    const a = ids(before);
    const b = ids(after);
    if (a && b) {
      const all = [...new Set([...a, ...b])];
      return all.flatMap((id) => fieldDiff(before[a.indexOf(id)], after[b.indexOf(id)], `${path}[${id}]`));
    }
    if (before.length === after.length) return before.flatMap((x, i) => fieldDiff(x, after[i], `${path}[${i}]`));
  }
  return [{ path: path || '(whole object)', before: before ?? null, after: after ?? null }];
}
