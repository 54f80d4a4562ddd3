import { XMLBuilder } from 'fast-xml-parser';
import { AppError } from '../../shared/errors';
import { errorMessage } from '../../shared/error-message';

const builder = new XMLBuilder({ suppressEmptyNode: true });
const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
const NS = 'urn:patchbay:sandbox:wms:v1';

/**
 * A minimal SOAP 1.1 caller for the WMS sandbox (WS-Security PasswordText), standing in for
 * ConnectorClient in the webhook tests so they do not depend on connector wiring. Throws AppError
 * the way the connector runtime does: soap:Client faults are data errors, the rest are outages.
 */
export async function wmsCall(
  endpoint: string,
  creds: { username: string; password: string },
  op: string,
  args: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<string> {
  const body = builder.build({ [`wms:${op}Request`]: args });
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wms="${NS}">` +
    `<soap:Header><wsse:Security xmlns:wsse="${WSSE}"><wsse:UsernameToken><wsse:Username>${creds.username}</wsse:Username>` +
    `<wsse:Password Type="${TEXT}">${creds.password}</wsse:Password></wsse:UsernameToken></wsse:Security></soap:Header>` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`;
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${NS}/${op}"` },
      body: xml,
      signal,
    });
  } catch (e) {
    throw new AppError('network', `WMS ${op}: ${errorMessage(e)}`);
  }
  const text = await res.text();
  if (res.status === 200) return text;
  const faultcode = /<faultcode>([^<]*)<\/faultcode>/.exec(text)?.[1] ?? '';
  const faultstring = /<faultstring>([^<]*)<\/faultstring>/.exec(text)?.[1] ?? text.slice(0, 200);
  if (faultcode)
    throw new AppError('soap_fault', `WMS ${op}: SOAP fault ${faultcode}: ${faultstring}`, {
      status: res.status,
      faultcode,
      faultstring,
    });
  throw new AppError(res.status >= 500 ? 'server_error' : 'http_error', `WMS ${op}: HTTP ${res.status}`, {
    status: res.status,
  });
}
