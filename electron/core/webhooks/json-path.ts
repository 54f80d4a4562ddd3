/** Dotted-path read (`data.order.id`) used for entity ids and versions in event bodies. */
export function readPath(value: unknown, path: string): unknown {
  let cur = value;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** A scalar as a key string, or null when absent / not a scalar. */
export function readKey(value: unknown, path: string): string | null {
  const v = readPath(value, path);
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? String(v) : null;
}
