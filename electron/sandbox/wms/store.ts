import { LazyTable } from '../common/lazy-table';
import { intIn, unit } from '../common/rng';
import { CATALOG } from '../data/products';
import { person } from '../data/people';
import { stampAt, writeClock } from '../data/timeline';

export interface ShipmentLine {
  sku: string;
  quantity: number;
  description?: string;
}
export interface ShipTo {
  name: string;
  line1: string;
  line2?: string;
  postalCode?: string;
  city: string;
  country: string;
  phone?: string;
}
export interface Shipment {
  shipmentId: string;
  orderReference: string;
  status: string;
  carrier: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  shipTo: ShipTo;
  lines: { line: ShipmentLine[] };
}

/** One message the WMS received for an order, in arrival order: what ordering/exactly-once checks read. */
export interface OrderMessage {
  op: 'CreateShipment' | 'UpdateShipment';
  messageId?: string;
  sequence?: number;
  at: number;
  outcome: 'created' | 'replayed' | 'updated' | 'rejected';
  reason?: string;
}

const shipmentId = (i: number): string => `SHP-${String(i + 1).padStart(8, '0')}`;
export const shipmentIndex = (id: string): number => (/^SHP-\d{8,}$/.test(id) ? Number(id.slice(4)) - 1 : -1);

function generateShipment(seed: number, i: number): Shipment {
  const p = person(seed, 'consignee', i);
  const t = new Date(stampAt(i, unit(seed, 'shipment', i, 1))).toISOString();
  const sku = CATALOG[Math.floor(unit(seed, 'shipment', i, 2) * CATALOG.length)]!.sku;
  return {
    shipmentId: shipmentId(i),
    orderReference: `SEED-${i}`,
    status: ['DELIVERED', 'SHIPPED', 'PICKING'][Math.floor(unit(seed, 'shipment', i, 3) * 3)]!,
    carrier: ['DHL', 'Colissimo', 'UPS'][Math.floor(unit(seed, 'shipment', i, 4) * 3)]!,
    createdAt: t,
    updatedAt: t,
    version: 1,
    shipTo: {
      name: `${p.firstname.trim()} ${p.lastname}`,
      line1: p.addressOneLine ?? p.line1,
      postalCode: p.zip || undefined,
      city: p.city || '?',
      country: p.country,
    },
    lines: { line: [{ sku, quantity: intIn(1, 3, unit(seed, 'shipment', i, 5)) }] },
  };
}

/** Shipments (seeded lazily, then created ones) keyed by orderReference, plus the per-order message log. */
export class WmsStore {
  shipments!: LazyTable<Shipment>;
  private byOrder = new Map<string, number>();
  readonly messages = new Map<string, OrderMessage[]>();

  constructor(
    private seed: number,
    size: number,
  ) {
    this.reset(seed, size);
  }

  reset(seed = this.seed, size = this.shipments?.size ?? 0): void {
    this.seed = seed;
    this.shipments = new LazyTable((i) => generateShipment(this.seed, i), size);
    this.byOrder.clear();
    this.messages.clear();
  }

  record(orderReference: string, m: OrderMessage): void {
    let list = this.messages.get(orderReference);
    if (!list) this.messages.set(orderReference, (list = []));
    list.push(m);
  }

  indexOfOrder(ref: string): number | undefined {
    const seeded = /^SEED-(\d+)$/.exec(ref);
    if (seeded && Number(seeded[1]) < this.shipments.size) return Number(seeded[1]);
    return this.byOrder.get(ref);
  }

  create(ref: string, shipTo: ShipTo, lines: ShipmentLine[]): Shipment {
    const now = new Date(writeClock()).toISOString();
    const row = this.shipments.insert((i) => ({
      shipmentId: shipmentId(i),
      orderReference: ref,
      status: 'RECEIVED',
      carrier: 'DHL',
      createdAt: now,
      updatedAt: now,
      version: 1,
      shipTo,
      lines: { line: lines },
    }));
    this.byOrder.set(ref, row.index);
    return row.rec;
  }

  update(index: number, patch: Partial<Pick<Shipment, 'status' | 'shipTo' | 'lines'>>): Shipment {
    const old = this.shipments.get(index)!;
    const next: Shipment = {
      ...old,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      version: old.version + 1,
      updatedAt: new Date(writeClock()).toISOString(),
    };
    this.shipments.put(index, next);
    return next;
  }

  /** Orders whose accepted messages did not arrive create-first with non-decreasing sequence numbers. */
  orderingViolations(): Array<{ orderReference: string; messages: OrderMessage[] }> {
    const out: Array<{ orderReference: string; messages: OrderMessage[] }> = [];
    for (const [ref, list] of this.messages) {
      const accepted = list.filter((m) => m.outcome === 'created' || m.outcome === 'updated');
      let bad = accepted.length > 0 && accepted[0]!.op !== 'CreateShipment';
      for (let k = 1; k < accepted.length && !bad; k++) {
        const a = accepted[k - 1]!.sequence;
        const b = accepted[k]!.sequence;
        if (a !== undefined && b !== undefined && b < a) bad = true;
      }
      if (bad) out.push({ orderReference: ref, messages: list });
    }
    return out;
  }

  /** Created (non-seed) shipments per order reference: exactly one each is the goal. */
  createdOrders(): string[] {
    return [...this.byOrder.keys()];
  }

  counts(): Record<string, number> {
    let replays = 0;
    let rejected = 0;
    let redeliveries = 0;
    for (const list of this.messages.values()) {
      const seen = new Set<string>();
      for (const m of list) {
        if (m.outcome === 'replayed') replays++;
        if (m.outcome === 'rejected') rejected++;
        if (m.messageId) {
          if (seen.has(m.messageId)) redeliveries++;
          seen.add(m.messageId);
        }
      }
    }
    return {
      seeded: this.shipments.size,
      created: this.byOrder.size,
      total: this.shipments.end,
      orders: this.messages.size,
      replays,
      rejected,
      redeliveries,
    };
  }
}
