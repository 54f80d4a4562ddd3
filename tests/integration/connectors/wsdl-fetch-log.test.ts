import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { tinyServer } from './tiny-server';

const NS = 'urn:patchbay:fetchlog:test';
// The WSDL keeps its types in a separate schema, fetched relative to the WSDL's own URL.
const XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${NS}" elementFormDefault="qualified">
  <xs:element name="Ping"><xs:complexType><xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="PingResponse"><xs:complexType><xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
</xs:schema>`;
const WSDL = (xsd: string) => `<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${NS}" targetNamespace="${NS}">
  <types><xs:schema><xs:import namespace="${NS}" schemaLocation="${xsd}"/></xs:schema></types>
  <message name="PingIn"><part name="parameters" element="tns:Ping"/></message>
  <message name="PingOut"><part name="parameters" element="tns:PingResponse"/></message>
  <portType name="PingPort"><operation name="Ping"><input message="tns:PingIn"/><output message="tns:PingOut"/></operation></portType>
  <binding name="PingBinding" type="tns:PingPort">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Ping"><soap:operation soapAction="${NS}#Ping"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <service name="PingService"><port name="PingPort" binding="tns:PingBinding"><soap:address location="http://127.0.0.1:1/ping"/></port></service>
</definitions>`;

describe('WSDL documents fetched from URLs are in the call log', () => {
  let srv: Awaited<ReturnType<typeof tinyServer>>;
  let t: TestCore;
  beforeAll(async () => {
    srv = await tinyServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/svc/ping.wsdl') {
        res.writeHead(200, { 'content-type': 'text/xml' });
        return res.end(WSDL('types/ping.xsd'));
      }
      if (path === '/svc/broken.wsdl') {
        res.writeHead(200, { 'content-type': 'text/xml' });
        return res.end(WSDL('types/missing.xsd'));
      }
      if (path === '/svc/types/ping.xsd') {
        res.writeHead(200, { 'content-type': 'text/xml' });
        return res.end(XSD);
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no such document');
    });
    t = await makeTestCore();
  });
  afterAll(async () => {
    await t?.close();
    await srv?.close();
  });

  const wsdlCalls = async () =>
    (await t.call('logs:query', { connectorId: 'wsdl-import', limit: 100 })).items.sort((a, b) =>
      a.time < b.time ? -1 : a.time > b.time ? 1 : 0,
    );

  it('an import from a URL logs the WSDL and its imported XSD, each with its status and body', async () => {
    const def = await t.call('connectors:importWsdl', {
      source: `${srv.url}/svc/ping.wsdl?access_token=sk_test_wsdlcanary42`,
      id: 'ping-service',
      name: 'Ping service',
      resources: [{ name: 'pings', operations: { create: 'Ping' } }],
    });
    expect(def.id).toBe('ping-service');
    const calls = await wsdlCalls();
    // Two fetches may start in the same millisecond: compare the set, not the order.
    const paths = calls.map((c) => new URL(c.url).pathname).sort();
    expect(paths).toEqual(['/svc/ping.wsdl', '/svc/types/ping.xsd']);
    expect(calls.every((c) => c.method === 'GET' && c.status === 200 && c.operation === 'wsdl')).toBe(true);
    expect(calls.find((c) => c.url.endsWith('.xsd'))?.responseBody).toContain('name="PingResponse"');
    // What the server saw is what the log says, one fetch each.
    expect(srv.arrivals.map((a) => new URL(a.url, 'http://x').pathname).sort()).toEqual(paths);
    expect(JSON.stringify(calls)).not.toContain('sk_test_wsdlcanary42');
  });

  it('an inspect logs its fetches too, and an unreachable imported XSD is logged with its 404', async () => {
    const before = (await wsdlCalls()).length;
    const inspection = await t.call('connectors:inspectWsdl', { source: `${srv.url}/svc/ping.wsdl` });
    expect(JSON.stringify(inspection)).toContain('Ping');
    expect((await wsdlCalls()).length - before).toBe(2);

    const err = await t.call('connectors:inspectWsdl', { source: `${srv.url}/svc/broken.wsdl` }).catch((e) => e);
    expect(err).toMatchObject({ code: 'wsdl_unreachable', details: { status: 404 } });
    expect(err.message).toMatch(
      /broken\.wsdl imports .*missing\.xsd, which could not be read: the server answered HTTP 404/,
    );
    const failed = (await wsdlCalls()).find((c) => c.url.endsWith('/svc/types/missing.xsd'));
    expect(failed).toMatchObject({ status: 404, method: 'GET' });
  });
});
