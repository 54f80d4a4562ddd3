import { XMLParser } from 'fast-xml-parser';
import { getPath } from '../paths';
import { callError, type CallContext } from './context';
import { errorMessage } from '../../../../shared/error-message';

/** Parse a JSON body, turning the usual failures into a `bad_response` that says what came back. */
export function decodeJson(body: Buffer, contentType: string, status: number, ctx: CallContext): unknown {
  if (body.length === 0) return null;
  const text = body.toString('utf8');
  const head = text.slice(0, 200).trimStart().toLowerCase();
  if (/text\/html/i.test(contentType) || head.startsWith('<!doctype html') || head.startsWith('<html')) {
    throw callError(
      'bad_response',
      ctx,
      `returned an HTML page (HTTP ${status}) where JSON was expected — usually a login, proxy or maintenance page. Check the base URL and that the service is up.`,
      { status, contentType },
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = errorMessage(err);
    const truncated = /end of (json )?input|unterminated|Unexpected end/i.test(msg);
    throw callError(
      'bad_response',
      ctx,
      truncated
        ? `returned truncated JSON (${body.length} bytes, ends mid-document). The connection may have been cut; try again.`
        : `returned a body that is not JSON (${contentType || 'no content type'}): ${msg}`,
      // Either way a read may be repeated: corrupt transfers are usually one-offs; a persistently broken
      // server still fails after the runtime's last attempt with this message.
      { status, contentType, bytes: body.length, transient: true },
    );
  }
}

// removeNSPrefix: SOAP/ECB documents differ only in namespace prefixes (`soap:`, `gesmes:`), which selectors should not care about.
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

export function decodeXml(body: Buffer, status: number, ctx: CallContext): unknown {
  const text = body.toString('utf8');
  if (!text.trimStart().startsWith('<'))
    throw callError('bad_response', ctx, `returned a body that is not XML (HTTP ${status}).`, { status });
  try {
    return xml.parse(text, true);
  } catch (err) {
    throw callError('bad_response', ctx, `returned malformed or truncated XML: ${errorMessage(err)}`, {
      status,
      transient: true,
    });
  }
}

const COMMON_MESSAGE_PATHS = [
  'error.message',
  'message',
  'error_description',
  'error',
  'errors.0.message',
  'errors',
  'detail',
  'title',
  'fault.faultstring',
];

/** The human message in an error body, from the definition's `messagePath` or the usual places. */
export function errorMessageOf(body: Buffer, messagePath?: string): string | undefined {
  if (body.length === 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    const text = body.toString('utf8', 0, Math.min(body.length, 300)).replace(/\s+/g, ' ').trim();
    return text.startsWith('<') ? undefined : text || undefined;
  }
  // `a|b`: the first of several places (Xero puts validation messages deep, auth failures in `Detail`).
  const own = messagePath ? messagePath.split('|').filter(Boolean) : [];
  for (const path of [...own, ...COMMON_MESSAGE_PATHS]) {
    const v = getPath(parsed, path);
    if (typeof v === 'string' && v) return v;
    if (v && typeof v === 'object' && path === 'errors') return JSON.stringify(v).slice(0, 300);
  }
  return undefined;
}
