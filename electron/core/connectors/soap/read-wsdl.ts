import type { CallEvent } from '../../../../shared/models/call-event';
import type { ConnectorDefinition } from '../../../../shared/models/connector';
import type { WsdlImportInput, WsdlInspection } from '../../../../shared/models/wsdl-import';
import { HttpRuntime } from '../http/runtime';
import { SoapService } from './codec';
import { buildWsdlDefinition, inspectWsdlBundle, type WsdlModel } from './import';
import { readLocalDocument } from './wsdl-load';

export interface ReadWsdlOptions {
  /** Import what can be typed when an imported schema cannot be read (listed in `skippedImports`). */
  allowMissingImports?: boolean;
  /** Remote documents are fetched through the connector runtime, so they appear in the call log. */
  onCall?: (event: CallEvent) => void;
}

/**
 * Read a WSDL from a file (its imports relative to it) or an http(s) URL (its imports over http(s)
 * only, never local files), check node-soap can serialize with it, and inspect it.
 */
export async function readWsdl(source: string, opts: ReadWsdlOptions = {}): Promise<WsdlModel> {
  const runtime = new HttpRuntime({
    connectorId: 'wsdl-import',
    connectorName: 'WSDL import',
    timeoutMs: 20_000,
    maxResponseBytes: 20 * 1024 * 1024,
    retry: { maxAttempts: 2 },
    onCall: opts.onCall,
  });
  const fetch = async (url: string) => {
    if (url.startsWith('file:')) return readLocalDocument(url);
    const res = await runtime.request({
      method: 'GET',
      url,
      headers: { accept: 'text/xml, application/xml, application/wsdl+xml' },
      operation: 'wsdl',
      idempotent: true,
    });
    return res.body.toString('utf8');
  };
  const service = await SoapService.load(source, fetch, {}, { skipUnreadableImports: opts.allowMissingImports });
  return inspectWsdlBundle(service.bundle, service.skipped);
}

export async function inspectWsdl(source: string, opts: ReadWsdlOptions = {}): Promise<WsdlInspection> {
  return (await readWsdl(source, opts)).inspection;
}

export async function importWsdl(input: WsdlImportInput, opts: ReadWsdlOptions = {}): Promise<ConnectorDefinition> {
  const { source, allowMissingImports, ...choice } = input;
  const model = await readWsdl(source, { ...opts, allowMissingImports });
  return buildWsdlDefinition(model, choice);
}
