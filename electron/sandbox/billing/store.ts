import { LazyTable } from '../common/lazy-table';
import { emailCandidates } from '../data/people';
import { generateCustomer, generateInvoice, type Customer, type Invoice } from './records';

export interface BillingSizes {
  customers: number;
  invoices: number;
}

/** Customers and invoices as lazy tables, with e-mail and metadata indexes over written rows. */
export class BillingStore {
  customers!: LazyTable<Customer>;
  invoices!: LazyTable<Invoice>;
  private emails = new Map<string, Set<number>>();
  private meta = new Map<string, Set<number>>();

  constructor(
    private seed: number,
    sizes: BillingSizes,
  ) {
    this.reset(seed, sizes);
  }

  reset(seed = this.seed, sizes?: Partial<BillingSizes>): void {
    this.seed = seed;
    const customers = sizes?.customers ?? this.customers?.size ?? 0;
    const invoices = sizes?.invoices ?? this.invoices?.size ?? 0;
    this.customers = new LazyTable((i) => generateCustomer(this.seed, i), customers);
    this.invoices = new LazyTable((i) => generateInvoice(this.seed, i, customers), invoices);
    this.emails.clear();
    this.meta.clear();
  }

  putCustomer(index: number, c: Customer): void {
    this.customers.put(index, c);
    this.indexCustomer(index, c);
  }

  /** Puts back rows a snapshot kept (in their write order), with the e-mail and metadata indexes. */
  restore(
    customers: Iterable<{ index: number; rec: Customer }>,
    invoices: Iterable<{ index: number; rec: Invoice }>,
  ): void {
    for (const { index, rec } of customers) this.putCustomer(index, rec);
    for (const { index, rec } of invoices) this.invoices.put(index, rec);
  }

  insertCustomer(build: (index: number) => Customer): Customer {
    const row = this.customers.insert(build);
    this.indexCustomer(row.index, row.rec);
    return row.rec;
  }

  private indexCustomer(index: number, c: Customer): void {
    const add = (m: Map<string, Set<number>>, k: string): void => {
      let s = m.get(k);
      if (!s) m.set(k, (s = new Set()));
      s.add(index);
    };
    if (c.email) add(this.emails, c.email.toLowerCase());
    for (const [k, v] of Object.entries(c.metadata)) add(this.meta, `${k}\u0000${v}`);
  }

  /** Live customers with this e-mail; Stripe's search matches case-insensitively, list does not. */
  byEmail(email: string, caseSensitive: boolean): number[] {
    const want = email.toLowerCase();
    const out = new Set<number>();
    for (const i of [...emailCandidates(want), ...(this.emails.get(want) ?? [])]) {
      const c = this.customers.get(i);
      if (!c || c.deleted || !c.email) continue;
      if (caseSensitive ? c.email === email : c.email.toLowerCase() === want) out.add(i);
    }
    return [...out].sort((a, b) => b - a);
  }

  byMetadata(key: string, value: string): number[] {
    const out: number[] = [];
    for (const i of this.meta.get(`${key}\u0000${value}`) ?? []) {
      const c = this.customers.get(i);
      if (c && !c.deleted && c.metadata[key] === value) out.push(i);
    }
    return out.sort((a, b) => b - a);
  }

  liveCustomers(): number {
    let gone = 0;
    for (const { rec } of this.customers.written()) if (rec.deleted) gone++;
    return this.customers.end - gone;
  }

  /** Live customers sharing an e-mail (case-insensitively) or a metadata value, among written rows and what they collide with. */
  duplicates(): {
    byEmail: Array<{ value: string; ids: string[] }>;
    byMetadata: Array<{ key: string; value: string; ids: string[] }>;
  } {
    const byEmail: Array<{ value: string; ids: string[] }> = [];
    for (const e of this.emails.keys()) {
      const ids = this.byEmail(e, false);
      if (ids.length > 1) byEmail.push({ value: e, ids: ids.map((i) => this.customers.get(i)!.id) });
    }
    const byMetadata: Array<{ key: string; value: string; ids: string[] }> = [];
    for (const kv of this.meta.keys()) {
      const [key, value] = kv.split('\u0000') as [string, string];
      const ids = this.byMetadata(key, value);
      if (ids.length > 1) byMetadata.push({ key, value, ids: ids.map((i) => this.customers.get(i)!.id) });
    }
    return { byEmail, byMetadata };
  }
}
