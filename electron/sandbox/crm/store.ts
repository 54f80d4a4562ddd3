import { LazyTable } from '../common/lazy-table';
import { emailCandidates } from '../data/people';
import { writeClock } from '../data/timeline';
import { generateCompany, generateContact, idOf, SCHEMAS, type CrmObject, type CrmType } from './records';

export interface CrmSizes {
  contacts: number;
  companies: number;
}

/** A validation problem in HubSpot's own vocabulary (error + message per property). */
export interface PropertyProblem {
  name: string;
  error: 'PROPERTY_DOESNT_EXIST' | 'READ_ONLY_VALUE' | 'INVALID_EMAIL' | 'INVALID_VALUE';
  message: string;
}

/**
 * Contacts and companies as lazy tables plus a case-insensitive index of the unique property for
 * written rows (generated rows are found by the index embedded in their e-mail / domain).
 */
export class CrmStore {
  tables!: Record<CrmType, LazyTable<CrmObject>>;
  private unique: Record<CrmType, Map<string, Set<number>>> = { contacts: new Map(), companies: new Map() };
  /** Bumped on every write; caches of search totals key on it. */
  version = 0;

  constructor(
    private seed: number,
    sizes: CrmSizes,
  ) {
    this.reset(seed, sizes);
  }

  reset(seed = this.seed, sizes?: Partial<CrmSizes>): void {
    this.seed = seed;
    const contacts = sizes?.contacts ?? this.tables?.contacts.size ?? 0;
    const companies = sizes?.companies ?? this.tables?.companies.size ?? 0;
    this.tables = {
      contacts: new LazyTable((i) => generateContact(this.seed, i, companies), contacts),
      companies: new LazyTable((i) => generateCompany(this.seed, i), companies),
    };
    this.unique = { contacts: new Map(), companies: new Map() };
    this.version++;
  }

  validate(type: CrmType, props: Record<string, unknown>): PropertyProblem[] {
    const s = SCHEMAS[type];
    const problems: PropertyProblem[] = [];
    for (const [name, v] of Object.entries(props)) {
      if (s.readOnly.includes(name))
        problems.push({
          name,
          error: 'READ_ONLY_VALUE',
          message: `${name} is a read only property; its value cannot be set.`,
        });
      else if (!s.writable.includes(name))
        problems.push({ name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
      // HubSpot's documents type every property value as a string, in writes as in reads.
      else if (v !== null && typeof v !== 'string')
        problems.push({ name, error: 'INVALID_VALUE', message: `${JSON.stringify(v)} was not a valid string.` });
      else if (name === 'email' && v && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(v)))
        problems.push({ name, error: 'INVALID_EMAIL', message: `Email address ${String(v)} is invalid` });
    }
    return problems;
  }

  /** Live (not archived) rows whose unique property equals `value`, case-insensitively. */
  findUnique(type: CrmType, value: string): number[] {
    const prop = SCHEMAS[type].uniqueProp;
    const want = value.trim().toLowerCase();
    const t = this.tables[type];
    const found = new Set<number>();
    const generated = type === 'contacts' ? emailCandidates(want) : domainCandidates(want);
    for (const i of generated) {
      if (i >= t.size || t.isWritten(i)) continue;
      if (t.get(i)?.properties[prop]?.toLowerCase() === want) found.add(i);
    }
    for (const i of this.unique[type].get(want) ?? []) {
      const o = t.get(i);
      if (o && !o.archived && o.properties[prop]?.toLowerCase() === want) found.add(i);
    }
    return [...found].sort((a, b) => a - b);
  }

  create(type: CrmType, props: Record<string, unknown>): CrmObject {
    const now = writeClock();
    const s = SCHEMAS[type];
    const row = this.tables[type].insert((index) => {
      const properties: Record<string, string | null> = Object.fromEntries(s.writable.map((k) => [k, null]));
      Object.assign(properties, normalise(props));
      properties.createdate = new Date(now).toISOString();
      properties[s.modifiedProp] = new Date(now).toISOString();
      properties.hs_object_id = idOf(index);
      return { id: idOf(index), properties, createdAt: now, updatedAt: now, archived: false };
    });
    this.indexUnique(type, row.index, row.rec);
    this.version++;
    return row.rec;
  }

  update(type: CrmType, index: number, props: Record<string, unknown>): CrmObject {
    const t = this.tables[type];
    const old = t.get(index)!;
    const now = writeClock();
    const properties = { ...old.properties, ...normalise(props) };
    properties[SCHEMAS[type].modifiedProp] = new Date(now).toISOString();
    const rec: CrmObject = { ...old, properties, updatedAt: now };
    t.put(index, rec);
    this.indexUnique(type, index, rec);
    this.version++;
    return rec;
  }

  archive(type: CrmType, index: number): void {
    const t = this.tables[type];
    const old = t.get(index)!;
    const now = writeClock();
    t.put(index, { ...old, archived: true, archivedAt: now, updatedAt: now });
    this.version++;
  }

  /** Puts back rows a snapshot kept (in their write order), with their unique-property index. */
  restore(type: CrmType, rows: Iterable<{ index: number; rec: CrmObject }>): void {
    for (const { index, rec } of rows) {
      this.tables[type].put(index, rec);
      this.indexUnique(type, index, rec);
    }
    this.version++;
  }

  private indexUnique(type: CrmType, index: number, rec: CrmObject): void {
    const v = rec.properties[SCHEMAS[type].uniqueProp];
    if (!v) return;
    const key = v.toLowerCase();
    let set = this.unique[type].get(key);
    if (!set) this.unique[type].set(key, (set = new Set()));
    set.add(index);
  }

  /** Live rows (archived = false) or archived rows (true). Walks written rows only. */
  count(type: CrmType, archived = false): number {
    const t = this.tables[type];
    let gone = 0;
    for (const { rec } of t.written()) if (rec.archived) gone++;
    return archived ? gone : t.end - gone;
  }

  /**
   * Groups of live rows sharing a unique value (case-insensitively) among written rows and the
   * generated rows they collide with: what a test checks after a sync ("no duplicate created").
   */
  duplicates(type: CrmType): Array<{ value: string; ids: string[] }> {
    const out: Array<{ value: string; ids: string[] }> = [];
    for (const key of this.unique[type].keys()) {
      const ids = this.findUnique(type, key);
      if (ids.length > 1) out.push({ value: key, ids: ids.map(idOf) });
    }
    return out;
  }
}

function normalise(props: Record<string, unknown>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(props)) {
    const s = v === null || v === undefined ? null : String(v);
    // HubSpot stores e-mail addresses in lower case.
    out[k] = k === 'email' && s ? s.trim().toLowerCase() : s;
  }
  return out;
}

function domainCandidates(domain: string): number[] {
  const m = /(\d+)\.example$/.exec(domain);
  return m ? [Number(m[1])] : [];
}
