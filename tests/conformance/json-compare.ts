import Big from 'big.js';

/**
 * Compare a parsed answer with node-soap's expected JSON, allowing only Patchbay's deliberate typing
 * choices: decimals as decimal strings (equal to the expected number), dates and times as their ISO
 * text (equal to the expected instant), big integers as strings, and arrays where the schema allows
 * several (an array of one equals the expected single value).
 */
export function compareJson(actual: unknown, expected: unknown, path = '$'): string | undefined {
  if (Array.isArray(actual) && !Array.isArray(expected) && actual.length === 1)
    return compareJson(actual[0], expected, path);
  if (typeof expected === 'number' && typeof actual === 'string') {
    try {
      if (new Big(actual).eq(new Big(expected))) return undefined;
    } catch {
      /* not a number: reported below */
    }
    return `${path}: "${actual}", expected ${expected}`;
  }
  if (typeof expected === 'string' && typeof actual === 'string') {
    if (actual === expected) return undefined;
    const ta = Date.parse(actual.length === 10 ? `${actual}T00:00:00Z` : actual);
    const te = Date.parse(expected);
    if (/^\d{4}-\d\d-\d\d/.test(actual) && !Number.isNaN(ta) && ta === te) return undefined;
    return `${path}: "${actual.slice(0, 80)}", expected "${expected.slice(0, 80)}"`;
  }
  if (actual instanceof Date) return compareJson(actual.toISOString(), expected, path);
  if (expected === null || typeof expected !== 'object') {
    return Object.is(actual, expected)
      ? undefined
      : `${path}: ${JSON.stringify(actual)?.slice(0, 80)}, expected ${JSON.stringify(expected)?.slice(0, 80)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: not an array`;
    if (actual.length !== expected.length) return `${path}: ${actual.length} items, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = compareJson(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (!actual || typeof actual !== 'object') return `${path}: ${JSON.stringify(actual)}, expected an object`;
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  for (const k of Object.keys(e)) {
    if (!(k in a)) return `${path}.${k}: missing`;
    const d = compareJson(a[k], e[k], `${path}.${k}`);
    if (d) return d;
  }
  for (const k of Object.keys(a)) if (!(k in e) && a[k] !== undefined) return `${path}.${k}: unexpected`;
  return undefined;
}
