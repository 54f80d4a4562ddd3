import { seededContact, seededInvoice, seededItem, seededPayment, type XeroRecord } from './records';

/** The bank account payments are made into (a Xero organisation has its chart of accounts). */
export const BANK_ACCOUNT = { AccountID: '6f7594f2-f059-4d56-9e67-47ac9733bfe9', Code: '090' };

export interface AccountingSizes {
  contacts: number;
  invoices: number;
  items: number;
}

export const TABLES = ['Contacts', 'Invoices', 'Items', 'Payments'] as const;
export type TableName = (typeof TABLES)[number];
export const ID_FIELD: Record<TableName, string> = {
  Contacts: 'ContactID',
  Invoices: 'InvoiceID',
  Items: 'ItemID',
  Payments: 'PaymentID',
};

/** One table: records in the order they were created (the order Xero lists them in), and by id. */
export class Table {
  readonly rows: XeroRecord[] = [];
  private readonly byId = new Map<string, XeroRecord>();
  constructor(readonly idField: string) {}

  add(r: XeroRecord): XeroRecord {
    this.rows.push(r);
    this.byId.set(String(r[this.idField]).toLowerCase(), r);
    return r;
  }

  get(id: string): XeroRecord | undefined {
    return this.byId.get(id.toLowerCase());
  }

  remove(id: string): boolean {
    const r = this.get(id);
    if (!r) return false;
    this.byId.delete(id.toLowerCase());
    this.rows.splice(this.rows.indexOf(r), 1);
    return true;
  }

  get size(): number {
    return this.rows.length;
  }
}

/** One organisation's books, seeded from (seed, sizes); everything written lives in memory. */
export class AccountingStore {
  tables!: Record<TableName, Table>;

  constructor(
    private seed: number,
    private sizes: AccountingSizes,
  ) {
    this.reset();
  }

  reset(seed = this.seed, sizes: Partial<AccountingSizes> = {}): void {
    this.seed = seed;
    this.sizes = { ...this.sizes, ...sizes };
    this.tables = {
      Contacts: new Table(ID_FIELD.Contacts),
      Invoices: new Table(ID_FIELD.Invoices),
      Items: new Table(ID_FIELD.Items),
      Payments: new Table(ID_FIELD.Payments),
    };
    for (let i = 0; i < this.sizes.contacts; i++) this.tables.Contacts.add(seededContact(seed, i));
    for (let i = 0; i < this.sizes.items; i++) this.tables.Items.add(seededItem(seed, i));
    const contacts = this.tables.Contacts.rows;
    if (contacts.length)
      for (let i = 0; i < this.sizes.invoices; i++)
        this.tables.Invoices.add(seededInvoice(seed, i, contacts[i % contacts.length]!));
    this.tables.Invoices.rows
      .filter((inv) => inv.Status === 'PAID')
      .forEach((inv, i) => this.tables.Payments.add(seededPayment(seed, i, inv, BANK_ACCOUNT)));
  }

  stats(): Record<string, number> {
    return Object.fromEntries(TABLES.map((t) => [t.toLowerCase(), this.tables[t].size]));
  }
}
