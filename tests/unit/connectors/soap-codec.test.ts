import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { SoapService } from '../../../electron/core/connectors/soap/codec';
import { readLocalDocument } from '../../../electron/core/connectors/soap/wsdl-load';
import { compareXml } from '../../conformance/xml-compare';
import { makeTempDir } from '../../helpers/tmp';

const WSDL = (body: string, extra = '') => `<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t" ${extra}>${body}</definitions>`;

const RPC_ENCODED = WSDL(`
  <message name="AddIn"><part name="a" type="xsd:int"/><part name="b" type="xsd:string"/></message>
  <message name="AddOut"><part name="sum" type="xsd:decimal"/></message>
  <portType name="P"><operation name="Add"><input message="tns:AddIn"/><output message="tns:AddOut"/></operation></portType>
  <binding name="B" type="tns:P"><soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Add"><soap:operation soapAction="urn:add"/>
      <input><soap:body use="encoded" namespace="urn:calc" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></input>
      <output><soap:body use="encoded" namespace="urn:calc" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></output>
    </operation></binding>
  <service name="S"><port name="Port" binding="tns:B"><soap:address location="http://127.0.0.1:1/calc"/></port></service>`);

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
function write(files: Record<string, string>): string {
  const t = makeTempDir('patchbay-wsdl-');
  cleanup = t.cleanup;
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(t.dir, name, '..'), { recursive: true });
    writeFileSync(join(t.dir, name), text);
  }
  return join(t.dir, Object.keys(files)[0]!);
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (AppError.is(err)) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('SoapService: rpc/encoded', () => {
  it('puts the wrapper in the soap:body namespace, types each part and leaves accessors unqualified', async () => {
    const svc = await SoapService.load(write({ 'calc.wsdl': RPC_ENCODED }), readLocalDocument);
    const { envelope, headers } = svc.buildRequest('Add', { a: 2, b: 'x<y' });
    expect(headers.soapaction).toBe('"urn:add"');
    const expected =
      '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:x="http://www.w3.org/2001/XMLSchema"' +
      ' e:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><e:Body><c:Add xmlns:c="urn:calc">' +
      '<a xsi:type="x:int">2</a><b xsi:type="x:string">x&lt;y</b></c:Add></e:Body></e:Envelope>';
    expect(compareXml(envelope, expected)).toBeUndefined();
    // The comparison itself is strict about namespaces: the target namespace would be wrong.
    expect(compareXml(envelope, expected.replace('urn:calc', 'urn:t'))).toMatch(/Add/);
  });

  it('parses a decimal as a decimal string and a fault with its detail as a typed error', async () => {
    const svc = await SoapService.load(write({ 'calc.wsdl': RPC_ENCODED }), readLocalDocument);
    const ok = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><c:AddResponse xmlns:c="urn:calc"><sum>0.30000000000000004441</sum></c:AddResponse></s:Body></s:Envelope>`;
    expect(svc.parseResponse('Add', ok)).toEqual({ sum: '0.30000000000000004441' });
    const fault12 = `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault><e:Code><e:Value>e:Sender</e:Value></e:Code><e:Reason><e:Text xml:lang="en">bad a</e:Text></e:Reason><e:Detail><field>a</field></e:Detail></e:Fault></e:Body></e:Envelope>`;
    const err = (() => {
      try {
        svc.parseResponse('Add', fault12);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(err?.code).toBe('soap_fault');
    expect(err?.details).toMatchObject({
      operation: 'Add',
      faultcode: 'e:Sender',
      faultstring: 'bad a',
      detail: { field: 'a' },
    });
    const bare = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>down</faultstring></s:Fault></s:Body></s:Envelope>`;
    expect(() => svc.parseResponse('Add', bare)).toThrow(/Add: s:Server: down \(the fault has no detail\)/);
  });
});

describe('SoapService: bad input', () => {
  it('names the document that is not XML', async () => {
    const err = await rejection(SoapService.load(write({ 'bad.wsdl': '<definitions><oops' }), readLocalDocument));
    expect(err.code).toBe('invalid_wsdl');
    expect(err.message).toContain('bad.wsdl');
  });

  it('names the import that cannot be read, or skips it when asked and says so', async () => {
    const wsdl = WSDL(
      `<types><xsd:schema targetNamespace="urn:t"><xsd:import namespace="urn:x" schemaLocation="missing/types.xsd"/></xsd:schema></types>`,
    );
    const file = write({ 'main.wsdl': wsdl });
    const err = await rejection(SoapService.load(file, readLocalDocument));
    expect(err.code).toBe('wsdl_unreachable');
    expect(err.message).toMatch(/main\.wsdl imports .*missing\/types\.xsd/);
    const partial = await SoapService.load(file, readLocalDocument, {}, { skipUnreadableImports: true });
    expect(partial.skipped).toEqual([
      expect.objectContaining({ document: expect.stringContaining('missing/types.xsd') }),
    ]);
  });

  it('refuses WSDL 2.0 with what to ask for instead', async () => {
    const w20 = `<description xmlns="http://www.w3.org/ns/wsdl" targetNamespace="urn:t"/>`;
    const err = await rejection(SoapService.load(write({ 'w20.wsdl': w20 }), readLocalDocument));
    expect(err.code).toBe('unsupported');
    expect(err.message).toMatch(/WSDL 2\.0.*1\.1/);
  });

  it('names the operation that does not exist', async () => {
    const svc = await SoapService.load(write({ 'calc.wsdl': RPC_ENCODED }), readLocalDocument);
    expect(() => svc.buildRequest('Sub', {})).toThrow(/no SOAP operation "Sub".*Add/);
  });

  it('does not let a remote WSDL pull in a local file', async () => {
    const remote = WSDL(
      `<types><xsd:schema targetNamespace="urn:t"><xsd:import namespace="urn:x" schemaLocation="http://local-file.wsdl.invalid/etc/passwd"/></xsd:schema></types>`,
    );
    const fetched: string[] = [];
    const err = await rejection(
      SoapService.load('http://127.0.0.1:9/svc?wsdl', async (url) => {
        fetched.push(url);
        if (url.startsWith('http://127.0.0.1')) return remote;
        throw new Error('not served');
      }),
    );
    expect(err.message).toMatch(/remote WSDL\) imports a local file/);
    expect(fetched).toEqual(['http://127.0.0.1:9/svc?wsdl']);
  });
});
