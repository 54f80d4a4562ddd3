import { decodeChangeCursor, encodeChangeCursor, type LazyTable, type Row } from '../common/lazy-table';
import { firstIndexAtOrAfter } from '../data/timeline';
import type { CrmObject, CrmSchema } from './records';

/** HubSpot search request body (POST /crm/v3/objects/{type}/search). */
export interface SearchFilter {
  propertyName: string;
  operator: string;
  value?: string | number;
  highValue?: string | number;
  values?: Array<string | number>;
}
export interface SearchBody {
  filterGroups?: Array<{ filters?: SearchFilter[] }>;
  sorts?: Array<string | { propertyName: string; direction?: string }>;
  properties?: string[];
  limit?: number;
  after?: string | number;
}

const DATE_PROPS = new Set(['createdate', 'lastmodifieddate', 'hs_lastmodifieddate']);
const OPERATORS = new Set([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
]);

export function checkFilters(body: SearchBody): string | null {
  for (const g of body.filterGroups ?? [])
    for (const f of g.filters ?? [])
      if (!OPERATORS.has(f.operator)) return `Unknown operator ${f.operator} on ${f.propertyName}`;
  if ((body.filterGroups?.length ?? 0) > 5) return 'At most 5 filterGroups are allowed';
  return null;
}

function asTime(v: unknown): number {
  const s = String(v);
  return /^\d+$/.test(s) ? Number(s) : Date.parse(s);
}

function cmp(prop: string, a: string, b: string | number): number {
  if (DATE_PROPS.has(prop)) return asTime(a) - asTime(b);
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a.toLowerCase().localeCompare(String(b).toLowerCase());
}

function test(o: CrmObject, f: SearchFilter): boolean {
  const v = f.propertyName === 'hs_object_id' ? o.id : o.properties[f.propertyName];
  switch (f.operator) {
    case 'HAS_PROPERTY':
      return v !== null && v !== undefined && v !== '';
    case 'NOT_HAS_PROPERTY':
      return v === null || v === undefined || v === '';
    case 'IN':
      return v != null && (f.values ?? []).some((x) => String(x).toLowerCase() === v.toLowerCase());
    case 'NOT_IN':
      return v == null || !(f.values ?? []).some((x) => String(x).toLowerCase() === v.toLowerCase());
    case 'CONTAINS_TOKEN':
      return (
        v != null &&
        v.toLowerCase().includes(
          String(f.value ?? '')
            .replace(/\*/g, '')
            .toLowerCase(),
        )
      );
  }
  if (v === null || v === undefined) return f.operator === 'NEQ';
  const c = cmp(f.propertyName, v, f.value ?? '');
  switch (f.operator) {
    case 'EQ':
      return c === 0;
    case 'NEQ':
      return c !== 0;
    case 'LT':
      return c < 0;
    case 'LTE':
      return c <= 0;
    case 'GT':
      return c > 0;
    case 'GTE':
      return c >= 0;
    case 'BETWEEN':
      return c >= 0 && cmp(f.propertyName, v, f.highValue ?? '') <= 0;
  }
  return false;
}

export function matches(o: CrmObject, body: SearchBody): boolean {
  if (o.archived) return false;
  const groups = body.filterGroups ?? [];
  if (!groups.length) return true;
  return groups.some((g) => (g.filters ?? []).every((f) => test(o, f)));
}

/** The earliest modification time every group requires, so generated rows before it are skipped. */
export function modifiedFloor(body: SearchBody, schema: CrmSchema): number | null {
  const groups = body.filterGroups ?? [];
  if (!groups.length) return null;
  let floor = Infinity;
  for (const g of groups) {
    const f = (g.filters ?? []).find(
      (x) =>
        x.propertyName === schema.modifiedProp &&
        (x.operator === 'GTE' || x.operator === 'GT' || x.operator === 'BETWEEN'),
    );
    if (!f) return null;
    floor = Math.min(floor, asTime(f.value));
  }
  return Number.isFinite(floor) ? floor : null;
}

/** Values an EQ/IN filter on the unique property pins down in every group (fast lookup path). */
export function uniqueValues(body: SearchBody, schema: CrmSchema): string[] | null {
  const groups = body.filterGroups ?? [];
  if (!groups.length) return null;
  const out: string[] = [];
  for (const g of groups) {
    const f = (g.filters ?? []).find(
      (x) => x.propertyName === schema.uniqueProp && (x.operator === 'EQ' || x.operator === 'IN'),
    );
    if (!f) return null;
    out.push(...(f.operator === 'IN' ? (f.values ?? []).map(String) : [String(f.value ?? '')]));
  }
  return out;
}

/**
 * Iterates matching rows. Incremental queries (a modification-date floor, or a sort on it) walk the
 * table's changes order — the order HubSpot recommends for "modified since" polling; others walk
 * by id. The cursor (`after`) is opaque to clients, as HubSpot's is.
 */
export function* searchRows(
  table: LazyTable<CrmObject>,
  body: SearchBody,
  schema: CrmSchema,
  after: string | undefined,
): Generator<Row<CrmObject> & { after: string }> {
  const floor = modifiedFloor(body, schema);
  const sortsByModified = (body.sorts ?? []).some(
    (s) => (typeof s === 'string' ? s : s.propertyName) === schema.modifiedProp,
  );
  if (floor !== null || sortsByModified) {
    const cur = decodeChangeCursor(after);
    if (!cur) return;
    for (const r of table.changes(cur, floor !== null ? firstIndexAtOrAfter(floor) : 0)) {
      if (matches(r.rec, body)) yield { ...r, after: encodeChangeCursor(r.after) };
    }
    return;
  }
  const start = after ? Number(after) : 0;
  if (!Number.isInteger(start) || start < 0) return;
  for (const r of table.byIndex(start)) if (matches(r.rec, body)) yield { ...r, after: String(r.index + 1) };
}
