/**
 * Stripe's request encoding: application/x-www-form-urlencoded with bracketed keys
 * (`address[city]=Paris`, `metadata[crm_id]=42`, `expand[]=customer`, `lines[0][amount]=100`).
 */
export type FormValue = string | FormValue[] | { [k: string]: FormValue };

export function parseForm(body: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!m) throw new FormError(`Invalid parameter name: ${rawKey}`, rawKey);
    const path = [m[1]!, ...[...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]!)];
    let node: Record<string, FormValue> | FormValue[] = root;
    for (let k = 0; k < path.length; k++) {
      const seg = path[k]!;
      const last = k === path.length - 1;
      const nextIsArray = !last && (path[k + 1] === '' || /^\d+$/.test(path[k + 1]!));
      if (Array.isArray(node)) {
        const idx = seg === '' ? node.length : Number(seg);
        if (last) node[idx] = value;
        else node = (node[idx] ??= nextIsArray ? [] : {}) as Record<string, FormValue> | FormValue[];
      } else {
        if (last) node[seg] = value;
        else {
          const existing = node[seg];
          if (typeof existing === 'string')
            throw new FormError(`Invalid parameter: ${rawKey} mixes a value and a hash`, rawKey);
          node = (node[seg] ??= nextIsArray ? [] : {}) as Record<string, FormValue> | FormValue[];
        }
      }
    }
  }
  return root;
}

/** The inverse, for tests and clients: nested objects → Stripe's bracketed form encoding. */
export function encodeForm(obj: Record<string, unknown>): string {
  const out = new URLSearchParams();
  const walk = (prefix: string, v: unknown): void => {
    if (v === undefined) return;
    if (v === null) out.append(prefix, '');
    else if (Array.isArray(v)) v.forEach((x, i) => walk(`${prefix}[${i}]`, x));
    else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(`${prefix}[${k}]`, x);
    else out.append(prefix, String(v));
  };
  for (const [k, v] of Object.entries(obj)) walk(k, v);
  return out.toString();
}

export class FormError extends Error {
  constructor(
    message: string,
    public param: string,
  ) {
    super(message);
  }
}
