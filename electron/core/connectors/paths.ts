/** Dotted paths into parsed bodies (`paging.next.after`, `errors.0.message`); empty path = the value itself. */
export function getPath(value: unknown, path: string): unknown {
  if (!path) return value;
  let cur: unknown = value;
  for (const key of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * Records at a selector path. Arrays met on the way are flattened (ECB: `Envelope.Cube.Cube.Cube`
 * walks days then currencies), and a single object at the end is one record — XML parsers turn a
 * one-element list into an object, so both must read the same. `inherit` ({field: key}) copies a
 * scalar `key` found on any ancestor into each record below it (ECB: the day's `time`).
 */
export function selectRecords(
  body: unknown,
  selector: string,
  inherit?: Record<string, string>,
): Record<string, unknown>[] {
  type Node = { v: unknown; carry?: Record<string, unknown> };
  const carryOf = (item: unknown, carry?: Record<string, unknown>) => {
    if (!inherit || !item || typeof item !== 'object') return carry;
    let out = carry;
    for (const [field, key] of Object.entries(inherit)) {
      const v = (item as Record<string, unknown>)[key];
      if (v !== undefined && (typeof v !== 'object' || v === null)) out = { ...out, [field]: v };
    }
    return out;
  };
  let level: Node[] = [{ v: body }];
  for (const key of selector ? selector.split('.') : []) {
    const next: Node[] = [];
    for (const node of level) {
      for (const item of Array.isArray(node.v) ? node.v : [node.v]) {
        if (item && typeof item === 'object') {
          const v = (item as Record<string, unknown>)[key];
          if (v !== undefined && v !== null) next.push({ v, carry: carryOf(item, node.carry) });
        }
      }
    }
    level = next;
  }
  const out: Record<string, unknown>[] = [];
  for (const node of level) {
    for (const item of Array.isArray(node.v) ? node.v : [node.v]) {
      if (item && typeof item === 'object')
        out.push(
          node.carry ? { ...node.carry, ...(item as Record<string, unknown>) } : (item as Record<string, unknown>),
        );
    }
  }
  return out;
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = target;
  for (const key of keys.slice(0, -1)) {
    if (!cur[key] || typeof cur[key] !== 'object') cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}
