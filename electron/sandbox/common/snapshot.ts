import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BillingSandbox } from '../billing/server';
import type { CrmSandbox } from '../crm/server';

/**
 * The sandbox's written rows (CRM and billing), kept in a JSON file between runs. The seeded rows
 * are recomputed from the seed, so only what clients wrote is stored; a demo workspace run again
 * (`patchbay demo`) then finds the customers its first sync created, as a real account would.
 * A snapshot from another seed or other sizes describes other data: it is ignored.
 */
export const SNAPSHOT_FILE = 'sandbox-state.json';
const FORMAT = 1;

interface Snapshot {
  format: number;
  seed: number;
  sizes: Record<string, number>;
  crm: { contacts: unknown[]; companies: unknown[] };
  billing: { customers: unknown[]; invoices: unknown[] };
}

type Servers = { crm: CrmSandbox; billing: BillingSandbox };

function sizesOf(s: Servers): Record<string, number> {
  return {
    contacts: s.crm.store.tables.contacts.size,
    companies: s.crm.store.tables.companies.size,
    customers: s.billing.store.customers.size,
    invoices: s.billing.store.invoices.size,
  };
}

/** Loads `<dir>/sandbox-state.json` into the stores; false when there is none or it does not fit. */
export function loadSnapshot(dir: string, seed: number, servers: Servers): boolean {
  const path = join(dir, SNAPSHOT_FILE);
  if (!existsSync(path)) return false;
  let snap: Snapshot;
  try {
    snap = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  } catch {
    return false;
  }
  if (snap.format !== FORMAT || snap.seed !== seed || JSON.stringify(snap.sizes) !== JSON.stringify(sizesOf(servers)))
    return false;
  type Rows<T> = { index: number; rec: T }[];
  servers.crm.store.restore('contacts', snap.crm.contacts as Rows<never>);
  servers.crm.store.restore('companies', snap.crm.companies as Rows<never>);
  servers.billing.store.restore(snap.billing.customers as Rows<never>, snap.billing.invoices as Rows<never>);
  return true;
}

/** Writes the stores' written rows atomically (a crash mid-write keeps the previous snapshot). */
export function saveSnapshot(dir: string, seed: number, servers: Servers): void {
  mkdirSync(dir, { recursive: true });
  const snap: Snapshot = {
    format: FORMAT,
    seed,
    sizes: sizesOf(servers),
    crm: {
      contacts: servers.crm.store.tables.contacts.exportWrites().rows,
      companies: servers.crm.store.tables.companies.exportWrites().rows,
    },
    billing: {
      customers: servers.billing.store.customers.exportWrites().rows,
      invoices: servers.billing.store.invoices.exportWrites().rows,
    },
  };
  const path = join(dir, SNAPSHOT_FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(snap));
  renameSync(`${path}.tmp`, path);
}
