import { XMLParser } from 'fast-xml-parser';

const NS = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
} as const;

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Arguments → child elements: objects nest, arrays repeat the element, scalars are escaped text. */
function toXml(name: string, value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
  if (value === null) return `<${name}/>`;
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => toXml(k, v))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/**
 * A document/literal envelope with an empty Header, so a WS-Security applier can inject its
 * UsernameToken there (electron/core/auth/wsse.ts) without this code ever seeing the password.
 */
export function buildEnvelope(
  version: '1.1' | '1.2',
  element: string,
  namespace: string,
  args: Record<string, unknown>,
): string {
  const inner = Object.entries(args)
    .map(([k, v]) => toXml(`tns:${k}`, v))
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${NS[version]}" xmlns:tns="${escapeXml(namespace)}">` +
    `<soap:Header/><soap:Body><tns:${element}>${inner}</tns:${element}></soap:Body></soap:Envelope>`
  );
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
});

export interface SoapFault {
  faultcode: string;
  faultstring: string;
  detail?: unknown;
}

export interface ParsedEnvelope {
  body: Record<string, unknown>;
  fault?: SoapFault;
}

/** Parse a response envelope; SOAP 1.1 (`faultcode`/`faultstring`) and 1.2 (`Code/Value`, `Reason/Text`) faults alike. */
export function parseEnvelope(xml: string): ParsedEnvelope | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const env = doc.Envelope as Record<string, unknown> | undefined;
  const body = env?.Body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return undefined;
  const f = body.Fault as Record<string, unknown> | undefined;
  if (!f) return { body };
  const text = (v: unknown): string =>
    v && typeof v === 'object' ? text((v as Record<string, unknown>)['#text'] ?? Object.values(v)[0]) : String(v ?? '');
  const code = f.faultcode ?? (f.Code as Record<string, unknown> | undefined)?.Value;
  const reason = f.faultstring ?? (f.Reason as Record<string, unknown> | undefined)?.Text;
  return { body, fault: { faultcode: text(code), faultstring: text(reason), detail: f.detail ?? f.Detail } };
}

export function looksLikeFault(body: Buffer): boolean {
  const head = body.toString('utf8', 0, Math.min(body.length, 4096));
  return /<([\w-]+:)?Fault[\s>]/.test(head);
}

/** The fault code without parsing the whole document (SOAP 1.1 faultcode, 1.2 Code/Value). */
export function faultCodeOf(body: Buffer): string {
  const head = body.toString('utf8', 0, Math.min(body.length, 8192));
  const m =
    /<(?:[\w-]+:)?faultcode[^>]*>\s*([^<\s]+)/.exec(head) ??
    /<(?:[\w-]+:)?Code[^>]*>\s*<(?:[\w-]+:)?Value[^>]*>\s*([^<\s]+)/.exec(head);
  return m?.[1] ?? '';
}
