import { type BaseOptions, type RefusalKind, SandboxServer } from '../common/http-server';
import { withoutUndefined } from '../common/fields';
import { baseUrl } from '../common/ids';
import { takePage } from '../common/lazy-table';
import { header, json, route, type Route, type SandboxReply, type SandboxRequest } from '../common/router';
import { faultEnvelope, parseEnvelope, responseEnvelope } from './envelope';
import { WmsStore, shipmentIndex, type ShipTo, type ShipmentLine } from './store';
import { OPERATIONS, WMS_NS, wsdl, type Operation } from './wsdl';
import { UsernameTokenVerifier } from './wssecurity';

export interface WmsOptions extends BaseOptions {
  username: string;
  password: string;
  sizes?: { shipments?: number };
}

export const WMS_PATH = '/soap/WarehouseService';
const XML = 'text/xml; charset=utf-8';

class Fault extends Error {
  constructor(
    public code: string,
    message: string,
    public field?: string,
  ) {
    super(message);
  }
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'object')
    return '#text' in (v as object) ? String((v as Record<string, unknown>)['#text']) : undefined;
  return String(v);
}

/**
 * Warehouse (WMS) over SOAP 1.1 at /soap/WarehouseService (WSDL at `?wsdl`). CreateShipment is
 * idempotent on orderReference; every message received per order is recorded so tests can check
 * per-order ordering and exactly-once. WS-Security UsernameToken (text or digest) is required.
 */
export class WmsSandbox extends SandboxServer {
  readonly name = 'wms';
  readonly limiter = null;
  readonly store: WmsStore;
  private wsse: UsernameTokenVerifier;
  protected override malformedTail = '<soap:Fault><faultstr';

  constructor(opts: WmsOptions) {
    super(opts);
    this.store = new WmsStore(opts.seed, opts.sizes?.shipments ?? 20);
    this.wsse = new UsernameTokenVerifier({ username: opts.username, password: opts.password });
  }

  get endpoint(): string {
    return `${this.url}${WMS_PATH}`;
  }

  protected override exempt(req: SandboxRequest): boolean {
    return req.method === 'GET' && req.query.has('wsdl');
  }

  protected override logKey(req: SandboxRequest): string | undefined {
    return header(req, 'soapaction')?.replace(/"/g, '').split('/').pop();
  }

  private fault(
    status: number,
    faultcode: string,
    faultstring: string,
    detail?: { code: string; message: string; field?: string },
  ): SandboxReply {
    return { status, raw: faultEnvelope(faultcode, faultstring, detail), contentType: XML };
  }

  // Auth lives in the envelope, so it is checked in the operation handler (see call()).
  protected authenticate(): SandboxReply | null {
    return null;
  }

  protected refusal(kind: RefusalKind, message: string): SandboxReply {
    switch (kind) {
      case 'unavailable':
        return this.fault(503, 'soap:Server', message);
      case 'rate_limited':
        return this.fault(429, 'soap:Server', message);
      case 'not_found':
        return { status: 404, raw: message, contentType: 'text/plain; charset=utf-8' };
      case 'method_not_allowed':
        return { status: 405, raw: message, contentType: 'text/plain; charset=utf-8' };
      case 'bad_request':
        return this.fault(500, 'soap:Client', message);
      default:
        return this.fault(500, 'soap:Server', message);
    }
  }

  storeStats(): Record<string, unknown> {
    return {
      seed: this.seed,
      shipments: this.store.counts(),
      orderingViolations: this.store.orderingViolations().length,
    };
  }

  resetStore(opts: { seed?: number; sizes?: Record<string, number> }): void {
    this.store.reset(opts.seed ?? this.seed, opts.sizes?.shipments);
  }

  protected override controlRoutes(): Route[] {
    return [
      route('GET', '/__sandbox/messages', (r) => {
        const ref = r.query.get('order');
        if (ref) return json(200, { orderReference: ref, messages: this.store.messages.get(ref) ?? [] });
        return json(200, { orders: Object.fromEntries(this.store.messages) });
      }),
      route('GET', '/__sandbox/shipments', () =>
        json(200, { shipments: [...this.store.shipments.written()].map((x) => x.rec) }),
      ),
      route('GET', '/__sandbox/ordering', () => json(200, { violations: this.store.orderingViolations() })),
    ];
  }

  protected apiRoutes(): Route[] {
    return [
      route('GET', WMS_PATH, (r) => {
        if (!r.query.has('wsdl'))
          return {
            status: 405,
            raw: 'Use POST for SOAP calls, or GET ?wsdl for the service description.',
            contentType: 'text/plain',
          };
        return { status: 200, raw: wsdl(`${baseUrl(r.headers)}${WMS_PATH}`), contentType: XML };
      }),
      route('POST', WMS_PATH, (r) => this.call(r)),
    ];
  }

  private call(req: SandboxRequest): SandboxReply {
    let env;
    try {
      env = parseEnvelope(req.body.toString('utf8'));
    } catch (e) {
      return this.fault(500, 'soap:Client', `Malformed SOAP request: ${(e as Error).message}`);
    }
    const op = env.operationElement.replace(/Request$/, '') as Operation;
    if (!OPERATIONS.includes(op))
      return this.fault(
        500,
        'soap:Client',
        `Unknown operation element ${env.operationElement}; expected one of ${OPERATIONS.map((o) => `${o}Request`).join(', ')}`,
      );
    const action = header(req, 'soapaction')?.replace(/"/g, '');
    if (action && action !== `${WMS_NS}/${op}` && action !== op)
      return this.fault(
        500,
        'soap:Client',
        `SOAPAction ${action} does not match the body element ${env.operationElement}`,
      );
    const auth = this.wsse.verify(env.header);
    if (!auth.ok) return this.fault(500, 'wsse:FailedAuthentication', auth.reason);
    try {
      switch (op) {
        case 'CreateShipment':
          return this.ok('CreateShipmentResponse', this.createShipment(env.payload));
        case 'UpdateShipment':
          return this.ok('UpdateShipmentResponse', this.updateShipment(env.payload));
        case 'GetShipment':
          return this.ok('GetShipmentResponse', this.getShipment(env.payload));
        case 'ListShipments':
          return this.ok('ListShipmentsResponse', this.listShipments(env.payload));
      }
    } catch (e) {
      if (e instanceof Fault)
        return this.fault(500, 'soap:Client', e.message, { code: e.code, message: e.message, field: e.field });
      throw e;
    }
  }

  private ok(element: string, content: Record<string, unknown>): SandboxReply {
    return { status: 200, raw: responseEnvelope(element, content), contentType: XML };
  }

  private shipTo(v: unknown, required: boolean): ShipTo | undefined {
    if (v === undefined && !required) return undefined;
    const a = (v ?? {}) as Record<string, unknown>;
    const out: ShipTo = {
      name: str(a.name) ?? '',
      line1: str(a.line1) ?? '',
      line2: str(a.line2),
      postalCode: str(a.postalCode),
      city: str(a.city) ?? '',
      country: str(a.country) ?? '',
      phone: str(a.phone),
    };
    for (const k of ['name', 'line1', 'city', 'country'] as const)
      if (!out[k]) throw new Fault('VALIDATION', `shipTo.${k} is required`, `shipTo.${k}`);
    if (!/^[A-Z]{2}$/.test(out.country))
      throw new Fault(
        'VALIDATION',
        `shipTo.country must be an ISO 3166-1 alpha-2 code, got "${out.country}"`,
        'shipTo.country',
      );
    return withoutUndefined(out);
  }

  private lines(v: unknown, required: boolean): ShipmentLine[] | undefined {
    if (v === undefined && !required) return undefined;
    const list = ((v as { line?: unknown[] } | undefined)?.line ?? []) as Array<Record<string, unknown>>;
    if (!list.length) throw new Fault('VALIDATION', 'lines must contain at least one line', 'lines');
    return list.map((l, k) => {
      const sku = str(l.sku)?.trim();
      const q = Number(str(l.quantity));
      if (!sku) throw new Fault('VALIDATION', `lines.line[${k}].sku is required`, `lines.line[${k}].sku`);
      if (!Number.isInteger(q) || q < 1)
        throw new Fault(
          'VALIDATION',
          `lines.line[${k}].quantity must be a positive integer`,
          `lines.line[${k}].quantity`,
        );
      const d = str(l.description);
      return d ? { sku, quantity: q, description: d } : { sku, quantity: q };
    });
  }

  private meta(p: Record<string, unknown>): { ref: string; messageId?: string; sequence?: number } {
    const ref = str(p.orderReference)?.trim();
    if (!ref) throw new Fault('VALIDATION', 'orderReference is required', 'orderReference');
    const seq = str(p.sequence);
    return { ref, messageId: str(p.messageId), sequence: seq === undefined ? undefined : Number(seq) };
  }

  private createShipment(p: Record<string, unknown>): Record<string, unknown> {
    const m = this.meta(p);
    const at = Date.now();
    try {
      const shipTo = this.shipTo(p.shipTo, true)!;
      const lines = this.lines(p.lines, true)!;
      const existing = this.store.indexOfOrder(m.ref);
      if (existing !== undefined) {
        // Idempotent on orderReference: the same shipment again, never a second one.
        this.store.record(m.ref, {
          op: 'CreateShipment',
          messageId: m.messageId,
          sequence: m.sequence,
          at,
          outcome: 'replayed',
        });
        return { shipment: this.store.shipments.get(existing)!, created: false };
      }
      const s = this.store.create(m.ref, shipTo, lines);
      this.store.record(m.ref, {
        op: 'CreateShipment',
        messageId: m.messageId,
        sequence: m.sequence,
        at,
        outcome: 'created',
      });
      return { shipment: s, created: true };
    } catch (e) {
      this.store.record(m.ref, {
        op: 'CreateShipment',
        messageId: m.messageId,
        sequence: m.sequence,
        at,
        outcome: 'rejected',
        reason: (e as Error).message,
      });
      throw e;
    }
  }

  private updateShipment(p: Record<string, unknown>): Record<string, unknown> {
    const m = this.meta(p);
    const at = Date.now();
    try {
      const index = this.store.indexOfOrder(m.ref);
      if (index === undefined)
        throw new Fault(
          'NOT_FOUND',
          `No shipment for orderReference ${m.ref}; send CreateShipment first`,
          'orderReference',
        );
      const s = this.store.update(index, {
        status: str(p.status),
        shipTo: this.shipTo(p.shipTo, false),
        lines: this.lines(p.lines, false) ? { line: this.lines(p.lines, false)! } : undefined,
      });
      this.store.record(m.ref, {
        op: 'UpdateShipment',
        messageId: m.messageId,
        sequence: m.sequence,
        at,
        outcome: 'updated',
      });
      return { shipment: s };
    } catch (e) {
      this.store.record(m.ref, {
        op: 'UpdateShipment',
        messageId: m.messageId,
        sequence: m.sequence,
        at,
        outcome: 'rejected',
        reason: (e as Error).message,
      });
      throw e;
    }
  }

  private getShipment(p: Record<string, unknown>): Record<string, unknown> {
    const id = str(p.shipmentId);
    const ref = str(p.orderReference);
    const index = id ? shipmentIndex(id) : ref ? this.store.indexOfOrder(ref) : undefined;
    const s = index === undefined ? undefined : this.store.shipments.get(index);
    if (!s)
      throw new Fault(
        'NOT_FOUND',
        `No shipment ${id ?? ref ?? '(no shipmentId or orderReference given)'}`,
        id ? 'shipmentId' : 'orderReference',
      );
    return { shipment: s };
  }

  private listShipments(p: Record<string, unknown>): Record<string, unknown> {
    const pageNumber = Number(str(p.pageNumber) ?? 1);
    const pageSize = Number(str(p.pageSize) ?? 50);
    if (!Number.isInteger(pageNumber) || pageNumber < 1)
      throw new Fault('VALIDATION', 'pageNumber must be ≥ 1', 'pageNumber');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500)
      throw new Fault('VALIDATION', 'pageSize must be between 1 and 500', 'pageSize');
    const since = str(p.updatedSince);
    const t = this.store.shipments;
    let items;
    let totalCount: number;
    if (since) {
      const floor = Date.parse(since);
      const all = [...t.byIndex(0)].filter((r) => Date.parse(r.rec.updatedAt) >= floor);
      totalCount = all.length;
      items = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((r) => r.rec);
    } else {
      totalCount = t.end;
      items = takePage(t.byIndex((pageNumber - 1) * pageSize), pageSize).items.map((r) => r.rec);
    }
    return {
      pageNumber,
      pageSize,
      totalCount,
      totalPages: Math.max(1, Math.ceil(totalCount / pageSize)),
      shipments: { shipment: items },
    };
  }
}
