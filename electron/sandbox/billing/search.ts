/**
 * A subset of Stripe's Search Query Language: clauses joined by AND or by OR (not mixed, as Stripe
 * requires), each `field:'value'` (exact, case-insensitive), `field~'value'` (substring),
 * `metadata['key']:'value'`, or a numeric comparison `created>1700000000`. Negation with `-`.
 */
export interface Clause {
  field: string;
  metaKey?: string;
  op: ':' | '~' | '>' | '<' | '>=' | '<=';
  value: string;
  negate: boolean;
}
export interface Query {
  join: 'AND' | 'OR';
  clauses: Clause[];
}

const CLAUSE =
  /^(-?)([a-z_]+)(?:\['([^']+)'\])?\s*(:|~|>=|<=|>|<)\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([0-9.]+|null))$/;

export function parseQuery(q: string): Query {
  const text = q.trim();
  if (!text) throw new Error('query is empty');
  const hasAnd = / AND /.test(text);
  const hasOr = / OR /.test(text);
  if (hasAnd && hasOr) throw new Error('Stripe search queries cannot mix AND and OR');
  const join = hasOr ? 'OR' : 'AND';
  const clauses = text.split(new RegExp(` ${join} `)).map((part) => {
    const m = CLAUSE.exec(part.trim());
    if (!m) throw new Error(`Could not parse the search clause: ${part.trim()}`);
    const value = (m[5] ?? m[6] ?? m[7] ?? '').replace(/\\(.)/g, '$1');
    return { negate: m[1] === '-', field: m[2]!, metaKey: m[3], op: m[4] as Clause['op'], value };
  });
  return { join, clauses };
}

export function evaluate(q: Query, get: (field: string, metaKey?: string) => unknown): boolean {
  const test = (c: Clause): boolean => {
    const raw = get(c.field, c.metaKey);
    let ok: boolean;
    if (c.op === ':' && c.value === 'null') ok = raw === null || raw === undefined;
    else if (raw === null || raw === undefined) ok = false;
    else if (c.op === ':') ok = String(raw).toLowerCase() === c.value.toLowerCase();
    else if (c.op === '~') ok = String(raw).toLowerCase().includes(c.value.toLowerCase());
    else {
      const a = Number(raw);
      const b = Number(c.value);
      ok = c.op === '>' ? a > b : c.op === '<' ? a < b : c.op === '>=' ? a >= b : a <= b;
    }
    return c.negate ? !ok : ok;
  };
  return q.join === 'AND' ? q.clauses.every(test) : q.clauses.some(test);
}
