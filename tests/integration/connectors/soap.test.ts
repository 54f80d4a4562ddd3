import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { AppError } from '../../../shared/errors';
import type { CallEvent } from '../../../shared/models/call-event';
import { parseConnectorDefinition } from '../../../shared/models/connector';
import { injectSecurityHeader, usernameTokenXml } from '../../../electron/core/auth/wsse';
import type { AuthApplier } from '../../../electron/core/auth/types';
import { ConnectorClient } from '../../../electron/core/connectors/client';
import { tinyServer } from './tiny-server';

const NS = 'urn:patchbay:wms:test';
// A minimal but complete WSDL: typed elements, so answers parse into typed values (onHand is an int).
const WSDL = (url: string) => `<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${NS}" targetNamespace="${NS}">
  <types><xs:schema targetNamespace="${NS}" elementFormDefault="unqualified">
    <xs:complexType name="Item"><xs:sequence><xs:element name="sku" type="xs:string"/><xs:element name="onHand" type="xs:int"/></xs:sequence></xs:complexType>
    <xs:element name="ListStock"><xs:complexType><xs:sequence><xs:element name="page" type="xs:int"/><xs:element name="pageSize" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="ListStockResponse"><xs:complexType><xs:sequence><xs:element name="items"><xs:complexType><xs:sequence><xs:element name="item" type="tns:Item" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType></xs:element>
    <xs:element name="GetStockItem"><xs:complexType><xs:sequence><xs:element name="sku" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="GetStockItemResponse"><xs:complexType><xs:sequence><xs:element name="item" type="tns:Item"/></xs:sequence></xs:complexType></xs:element>
  </xs:schema></types>
  <message name="ListStockRequest"><part name="parameters" element="tns:ListStock"/></message>
  <message name="ListStockResponse"><part name="parameters" element="tns:ListStockResponse"/></message>
  <message name="GetStockItemRequest"><part name="parameters" element="tns:GetStockItem"/></message>
  <message name="GetStockItemResponse"><part name="parameters" element="tns:GetStockItemResponse"/></message>
  <portType name="WmsPort">
    <operation name="ListStock"><input message="tns:ListStockRequest"/><output message="tns:ListStockResponse"/></operation>
    <operation name="GetStockItem"><input message="tns:GetStockItemRequest"/><output message="tns:GetStockItemResponse"/></operation>
  </portType>
  <binding name="WmsBinding" type="tns:WmsPort">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="ListStock"><soap:operation soapAction="${NS}#ListStock"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
    <operation name="GetStockItem"><soap:operation soapAction="${NS}#GetStockItem"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <service name="Wms"><port name="WmsPort" binding="tns:WmsBinding"><soap:address location="${url}/wms"/></port></service>
</definitions>`;

const ITEMS = Array.from({ length: 42 }, (_, i) => ({ sku: `SKU-${i}`, onHand: i * 3 }));
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '' });
const env = (body: string) =>
  `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;
const fault = (code: string, text: string) =>
  env(`<soap:Fault><faultcode>${code}</faultcode><faultstring>${text}</faultstring></soap:Fault>`);

let srv: Awaited<ReturnType<typeof tinyServer>>;
beforeAll(async () => {
  srv = await tinyServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/xml' });
      return res.end(WSDL(srv.url));
    }
    const doc = parser.parse(req.body);
    const sec = doc.Envelope?.Header?.Security?.UsernameToken;
    const reply = (status: number, xml: string) => {
      res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' });
      res.end(xml);
    };
    if (sec?.Username !== 'wms-user' || !sec?.Password?.['#text'])
      return reply(
        500,
        fault('wsse:FailedAuthentication', 'The security token could not be authenticated or authorized'),
      );
    const body = doc.Envelope.Body;
    if (body.ListStock) {
      const page = Number(body.ListStock.page);
      const size = Number(body.ListStock.pageSize);
      const rows = ITEMS.slice((page - 1) * size, page * size)
        .map((i) => `<item><sku>${i.sku}</sku><onHand>${i.onHand}</onHand></item>`)
        .join('');
      return reply(200, env(`<ns:ListStockResponse xmlns:ns="${NS}"><items>${rows}</items></ns:ListStockResponse>`));
    }
    if (body.GetStockItem) {
      if (body.GetStockItem.sku === 'missing') return reply(500, fault('soap:Client', 'Unknown SKU: missing'));
      return reply(
        200,
        env(
          `<ns:GetStockItemResponse xmlns:ns="${NS}"><item><sku>${body.GetStockItem.sku}</sku><onHand>7</onHand></item></ns:GetStockItemResponse>`,
        ),
      );
    }
    reply(500, fault('soap:Client', 'Unknown operation'));
  });
});
afterAll(() => srv.close());

/** A WS-Security applier like electron/core/auth/wsse.ts: the client never sees the password. */
function wsse(username: string, password: string): AuthApplier {
  return {
    async apply(req) {
      if (typeof req.body === 'string' && req.body.includes('Envelope'))
        req.body = injectSecurityHeader(
          req.body,
          usernameTokenXml(username, password, 'PasswordDigest', new Date().toISOString()),
        );
    },
    secretValues: () => [password],
  };
}

const stockDefinition = {
  id: 'tiny-wms',
  name: 'Tiny WMS',
  kind: 'soap',
  baseUrlTemplate: 'http://unused',
  authKinds: ['wsse'],
  soap: { wsdl: '/wms?wsdl' },
  resources: [
    {
      name: 'stock',
      label: 'Stock',
      primaryKey: 'sku',
      fields: [
        { name: 'sku', type: 'string' },
        { name: 'onHand', type: 'integer' },
      ],
      operations: {
        list: {
          method: 'POST',
          path: '/wms',
          bodyEncoding: 'soap',
          responseFormat: 'xml',
          soapOperation: 'ListStock',
          recordSelector: 'ListStockResponse.items.item',
          pagination: { style: 'page_number', pageParam: 'page', sizeParam: 'pageSize' },
          pageSize: 10,
        },
        get: {
          method: 'POST',
          path: '/wms',
          bodyEncoding: 'soap',
          responseFormat: 'xml',
          soapOperation: 'GetStockItem',
          recordSelector: 'GetStockItemResponse.item',
        },
      },
    },
  ],
};

function client(user = 'wms-user', events: CallEvent[] = []) {
  return new ConnectorClient(
    parseConnectorDefinition(stockDefinition),
    { baseUrl: srv.url },
    wsse(user, 'p4ssw0rd-secret'),
    (e) => events.push(e),
  );
}

describe('SOAP client', () => {
  it('lists stock over SOAP with WS-Security, page by page, with one CallEvent per call', async () => {
    const events: CallEvent[] = [];
    const out: unknown[] = [];
    for await (const r of client('wms-user', events).list('stock', { pageSize: 10 })) out.push(r);
    expect(out.map((r) => (r as { sku: string }).sku)).toEqual(ITEMS.map((i) => i.sku));
    const posts = srv.arrivals.filter((a) => a.method === 'POST');
    expect(posts[0].headers.soapaction).toBe(`"${NS}#ListStock"`);
    expect(posts[0].body).toContain('<wsse:UsernameToken>');
    expect(events.filter((e) => e.operation === 'ListStock')).toHaveLength(5);
    expect(events[0].operation).toBe('wsdl');
    expect(JSON.stringify(events)).not.toContain('p4ssw0rd-secret');
  });

  it('gets one item', async () => {
    expect(await client().get('stock', 'SKU-3')).toMatchObject({ sku: 'SKU-3', onHand: 7 });
  });

  it('maps a SOAP fault to soap_fault with faultcode and faultstring, without retrying', async () => {
    const before = srv.arrivals.length;
    const err = (await client()
      .get('stock', 'missing')
      .catch((e) => e)) as AppError;
    expect(err.code).toBe('soap_fault');
    expect(err.details).toMatchObject({ faultcode: 'soap:Client', faultstring: 'Unknown SKU: missing' });
    expect(err.message).toContain('Tiny WMS stock.GetStockItem');
    expect(srv.arrivals.length - before).toBe(2); // WSDL + one call
  });

  it('a WS-Security rejection is a soap_fault too', async () => {
    const err = (await client('intruder')
      .get('stock', 'SKU-1')
      .catch((e) => e)) as AppError;
    expect(err.code).toBe('soap_fault');
    expect(err.details?.faultcode).toBe('wsse:FailedAuthentication');
  });
});
