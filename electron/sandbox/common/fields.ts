/** A record's own field by a name read from a request (a search query, a sort key); undefined when absent. */
export function fieldOf(record: object, name: string): unknown {
  return Object.hasOwn(record, name) ? (Reflect.get(record, name) as unknown) : undefined;
}

/** A copy without the keys whose value is undefined (what a JSON or XML answer leaves out). */
export function withoutUndefined<T extends object>(record: T): T {
  const out = { ...record };
  for (const key of Object.keys(out)) if (Reflect.get(out, key) === undefined) Reflect.deleteProperty(out, key);
  return out;
}
