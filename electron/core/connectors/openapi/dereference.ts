import type { DocumentProblem } from './types';

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
export const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The value at a JSON pointer (`#/components/schemas/Customer`), or undefined. */
export function atPointer(doc: unknown, pointer: string): unknown {
  const parts = pointer.replace(/^#/, '').split('/').slice(1).map(unescape);
  let cur: unknown = doc;
  for (const p of parts) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

/**
 * Replace every local `$ref` by the object it names, in place, sharing objects rather than copying
 * them (recursive schemas become cycles, as swagger-parser's `circular: true` makes them), so a
 * 2.5 MB document costs one walk and no copies. Siblings of a `$ref` are dropped: OpenAPI 3.0 says
 * they are ignored (Xero puts a `type` beside one). A reference that leads nowhere is reported with
 * the pointer of where it was written, and left as it is.
 */
export function dereferenceInPlace(doc: Record<string, unknown>): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const resolved = new Map<string, unknown>();
  const seen = new Set<object>();

  const target = (ref: string, where: string, chain: Set<string>): unknown => {
    if (resolved.has(ref)) return resolved.get(ref);
    let value = ref.startsWith('#/') ? atPointer(doc, ref) : undefined;
    // A reference to a reference: follow it (once per name, so a loop of bare refs cannot spin).
    while (value && typeof value === 'object' && typeof (value as { $ref?: unknown }).$ref === 'string') {
      const next = (value as { $ref: string }).$ref;
      if (chain.has(next)) break;
      chain.add(next);
      value = next.startsWith('#/') ? atPointer(doc, next) : undefined;
    }
    if (value === undefined) {
      problems.push({
        pointer: where,
        message: `$ref "${ref}" points at nothing in the document`,
        outcome: 'unresolved',
      });
      return undefined;
    }
    resolved.set(ref, value);
    return value;
  };

  const walk = (node: unknown, pointer: string): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((v, i) => [i, v])
      : Object.entries(node as Record<string, unknown>);
    for (const [k, v] of entries) {
      const here = `${pointer}/${escapePointer(String(k))}`;
      if (v && typeof v === 'object' && typeof (v as { $ref?: unknown }).$ref === 'string') {
        const ref = (v as { $ref: string }).$ref;
        const siblings = Object.keys(v).filter((x) => x !== '$ref');
        if (siblings.length)
          problems.push({
            pointer: here,
            message: `ignored ${siblings.map((x) => `"${x}"`).join(', ')} beside $ref (OpenAPI 3.0 ignores them)`,
            outcome: 'ignored',
          });
        const t = target(ref, here, new Set([ref]));
        if (t !== undefined) {
          (node as Record<string | number, unknown>)[k] = t;
          walk(t, ref.replace(/^#/, ''));
        }
        continue;
      }
      walk(v, here);
    }
  };
  walk(doc, '');
  return problems;
}
