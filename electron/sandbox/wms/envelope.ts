import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { WMS_NS } from './wsdl';

/**
 * SOAP 1.1 envelopes built and read with fast-xml-parser rather than `soap.listen`: the sandbox must
 * control every byte of the failure paths (fault codes, HTTP 500 vs 503, truncated bodies, outages,
 * per-order message recording before/after auth) and `soap`'s server hides those behind its own
 * dispatch. Clients still get a real WSDL, so any SOAP library can call it.
 */
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'line' || name === 'shipment',
});
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

export interface ParsedEnvelope {
  header: Record<string, unknown>;
  operationElement: string;
  payload: Record<string, unknown>;
}

export function parseEnvelope(xml: string): ParsedEnvelope {
  const doc = parser.parse(xml) as Record<string, unknown>;
  const env = doc.Envelope as Record<string, unknown> | undefined;
  if (!env || typeof env !== 'object') throw new Error('Not a SOAP 1.1 envelope: no Envelope element');
  const body = env.Body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') throw new Error('SOAP envelope has no Body');
  const operationElement = Object.keys(body).find((k) => !k.startsWith('@_'));
  if (!operationElement) throw new Error('SOAP Body is empty');
  const payload = body[operationElement];
  return {
    header: (env.Header as Record<string, unknown>) ?? {},
    operationElement,
    payload: payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {},
  };
}

function envelope(body: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({
    'soap:Envelope': { '@_xmlns:soap': SOAP_ENV, '@_xmlns:wms': WMS_NS, 'soap:Body': body },
  })}`;
}

/** Prefixes every key with `wms:` so the response elements are namespace-qualified, as the WSDL says. */
function qualify(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(qualify);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.startsWith('@_') ? k : `wms:${k}`, qualify(x)]));
  return v;
}

export function responseEnvelope(element: string, content: Record<string, unknown>): string {
  return envelope({ [`wms:${element}`]: qualify(content) });
}

export function faultEnvelope(
  faultcode: string,
  faultstring: string,
  detail?: { code: string; message: string; field?: string },
): string {
  const fault: Record<string, unknown> = { faultcode, faultstring };
  if (detail) fault.detail = { 'wms:WmsFault': qualify(detail) };
  const withNs = faultcode.startsWith('wsse:') ? { '@_xmlns:wsse': WSSE, ...fault } : fault;
  return envelope({ 'soap:Fault': withNs });
}
