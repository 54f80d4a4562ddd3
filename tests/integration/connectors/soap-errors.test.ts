import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { AuthApplier } from '../../../electron/core/auth/types';
import type { CallEvent } from '../../../shared/models/call-event';
import { parseConnectorDefinition } from '../../../shared/models/connector';
import { ConnectorClient } from '../../../electron/core/connectors/client';
import type { Clock } from '../../../electron/core/connectors/http/types';
import { tinyServer } from './tiny-server';

const NS = 'urn:patchbay:errors:test';
const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';
// One portType bound twice (SOAP 1.1 and 1.2), so both fault shapes come back through a real binding.
const WSDL = (url: string) => `<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${NS}" targetNamespace="${NS}">
  <types><xs:schema targetNamespace="${NS}" elementFormDefault="unqualified">
    <xs:element name="GetItem"><xs:complexType><xs:sequence><xs:element name="sku" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="GetItemResponse"><xs:complexType><xs:sequence><xs:element name="sku" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
  </xs:schema></types>
  <message name="GetItemRequest"><part name="parameters" element="tns:GetItem"/></message>
  <message name="GetItemResponse"><part name="parameters" element="tns:GetItemResponse"/></message>
  <portType name="Items"><operation name="GetItem"><input message="tns:GetItemRequest"/><output message="tns:GetItemResponse"/></operation></portType>
  <binding name="Items11" type="tns:Items">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="GetItem"><soap:operation soapAction="${NS}#GetItem"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <binding name="Items12" type="tns:Items">
    <soap12:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="GetItem"><soap12:operation soapAction="${NS}#GetItem"/><input><soap12:body use="literal"/></input><output><soap12:body use="literal"/></output></operation>
  </binding>
  <service name="ItemService">
    <port name="Items11Port" binding="tns:Items11"><soap:address location="${url}/items"/></port>
    <port name="Items12Port" binding="tns:Items12"><soap12:address location="${url}/items"/></port>
  </service>
</definitions>`;

const fault11 = (code: string) =>
  `<?xml version="1.0"?><s:Envelope xmlns:s="${S11}"><s:Body><s:Fault><faultcode>s:${code}</faultcode><faultstring>Unknown SKU</faultstring><detail><ns:ItemFault xmlns:ns="${NS}"><ns:sku>nope</ns:sku></ns:ItemFault></detail></s:Fault></s:Body></s:Envelope>`;
const fault12 = (code: string) =>
  `<?xml version="1.0"?><env:Envelope xmlns:env="${S12}"><env:Body><env:Fault><env:Code><env:Value>env:${code}</env:Value></env:Code><env:Reason><env:Text xml:lang="en">Unknown SKU</env:Text></env:Reason><env:Detail><ns:ItemFault xmlns:ns="${NS}"><ns:sku>nope</ns:sku></ns:ItemFault></env:Detail></env:Fault></env:Body></env:Envelope>`;
// An error page that quotes what it was sent: the secret must not travel on in the error.
const HTML = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>upstream said no to token sk_test_soapcanary123 ${'x'.repeat(2000)}</p></body></html>`;

/** What each SKU makes the server answer. */
const ANSWERS: Record<string, [number, string, string]> = {
  html500: [500, 'text/html', HTML],
  html200: [200, 'text/html; charset=utf-8', HTML],
  empty500: [500, 'text/xml', ''],
  text200: [200, 'text/plain', 'OK sk_test_soapcanary123'],
  json200: [200, 'application/json', '{"ok":true}'],
  client11: [500, 'text/xml', fault11('Client')],
  server11: [500, 'text/xml', fault11('Server')],
  sender12: [500, 'application/soap+xml', fault12('Sender')],
  receiver12: [500, 'application/soap+xml', fault12('Receiver')],
};

let srv: Awaited<ReturnType<typeof tinyServer>>;
beforeAll(async () => {
  srv = await tinyServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/xml' });
      return res.end(WSDL(srv.url));
    }
    const sku = /<sku>([^<]*)<\/sku>/.exec(req.body)?.[1] ?? '';
    const [status, type, body] = ANSWERS[sku] ?? [200, 'text/xml', ''];
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
});
afterAll(() => srv.close());

/** Retries wait on this clock, never on real time. */
function fakeClock(): Clock {
  let t = 0;
  return { now: () => t, sleep: async (ms) => void (t += ms) };
}

function client(port: string, events: CallEvent[] = []) {
  const def = parseConnectorDefinition({
    id: 'err-items',
    name: 'Err Items',
    kind: 'soap',
    baseUrlTemplate: 'http://unused',
    authKinds: ['none'],
    soap: { wsdl: '/items?wsdl', port },
    resources: [
      {
        name: 'items',
        label: 'Items',
        primaryKey: 'sku',
        fields: [{ name: 'sku', type: 'string' }],
        operations: {
          get: {
            method: 'POST',
            path: '/items',
            bodyEncoding: 'soap',
            responseFormat: 'xml',
            soapOperation: 'GetItem',
            recordSelector: 'GetItemResponse',
          },
        },
      },
    ],
  });
  // No credential goes into these envelopes; the applier only declares the canary as the connection's secret.
  const applier: AuthApplier = { apply: async () => undefined, secretValues: () => ['sk_test_soapcanary123'] };
  return new ConnectorClient(def, { baseUrl: srv.url }, applier, (e) => events.push(e), {
    clock: fakeClock(),
    retry: { maxAttempts: 3 },
  });
}

async function failure(sku: string, port = 'Items11Port') {
  const before = srv.arrivals.filter((a) => a.method === 'POST').length;
  const err = (await client(port)
    .get('items', sku)
    .then(
      () => undefined,
      (e: unknown) => e,
    )) as AppError;
  expect(err).toBeInstanceOf(AppError);
  const calls = srv.arrivals.filter((a) => a.method === 'POST').length - before;
  return { err, calls };
}

describe('SOAP errors from a real server', () => {
  it('an HTML error page (500) is a retryable server_error naming the operation, trimmed and redacted', async () => {
    const { err, calls } = await failure('html500');
    expect(err.code).toBe('server_error');
    expect(err.message).toContain('Err Items items.GetItem');
    expect(err.message).toMatch(/HTML page/i);
    expect(err.message).toContain('Bad Gateway');
    expect(err.message.length).toBeLessThan(600);
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain('sk_test_soapcanary123');
    expect(err.details).toMatchObject({ status: 500, retryable: true });
    expect(calls).toBe(3); // a read: retried up to maxAttempts
  });

  it('an HTML page with 200 is a bad_response saying to check the endpoint, not retried', async () => {
    const { err, calls } = await failure('html200');
    expect(err.code).toBe('bad_response');
    expect(err.message).toContain('Err Items items.GetItem');
    expect(err.message).toMatch(/HTML page \(HTTP 200\).*endpoint/);
    expect(err.details).toMatchObject({ status: 200, retryable: false });
    expect(calls).toBe(1);
  });

  it('an empty 500 is a retryable server_error that says the body was empty', async () => {
    const { err, calls } = await failure('empty500');
    expect(err.code).toBe('server_error');
    expect(err.message).toContain('Err Items items.GetItem');
    expect(err.message).toMatch(/empty body/);
    expect(err.details).toMatchObject({ status: 500, retryable: true });
    expect(calls).toBe(3);
  });

  it('a 200 with a non-XML body is a bad_response quoting a redacted excerpt and the content type', async () => {
    for (const sku of ['text200', 'json200']) {
      const { err } = await failure(sku);
      expect(err.code).toBe('bad_response');
      expect(err.message).toContain('Err Items items.GetItem');
      expect(err.message).toMatch(/not a SOAP envelope/);
      expect(err.message).toMatch(/text\/plain|application\/json/);
      expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain('sk_test_soapcanary123');
    }
    expect((await failure('json200')).err.message).toContain('{"ok":true}');
  });

  it('a SOAP 1.1 Client fault with detail is a soap_fault, not retryable, detail kept', async () => {
    const { err, calls } = await failure('client11');
    expect(err.code).toBe('soap_fault');
    expect(err.message).toContain('Err Items items.GetItem');
    expect(err.message).toContain('Unknown SKU');
    expect(err.details).toMatchObject({ faultcode: 's:Client', faultstring: 'Unknown SKU', retryable: false });
    expect(JSON.stringify(err.details?.detail)).toContain('nope');
    expect(calls).toBe(1);
  });

  it('a SOAP 1.2 Sender fault with Detail is a soap_fault, not retryable, detail kept', async () => {
    const { err, calls } = await failure('sender12', 'Items12Port');
    expect(err.code).toBe('soap_fault');
    expect(err.message).toContain('Err Items items.GetItem');
    expect(err.details).toMatchObject({ faultcode: 'env:Sender', faultstring: 'Unknown SKU', retryable: false });
    expect(JSON.stringify(err.details?.detail)).toContain('nope');
    expect(calls).toBe(1);
  });

  it('a Server / Receiver fault on a read is retried, then reported as the soap_fault (retryable)', async () => {
    for (const [sku, port, code] of [
      ['server11', 'Items11Port', 's:Server'],
      ['receiver12', 'Items12Port', 'env:Receiver'],
    ]) {
      const { err, calls } = await failure(sku, port);
      expect(err.code).toBe('soap_fault');
      expect(err.details).toMatchObject({ faultcode: code, faultstring: 'Unknown SKU', retryable: true });
      expect(calls).toBe(3);
    }
  });
});
