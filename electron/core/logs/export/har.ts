import type { CallEvent } from '../../../../shared/models/call-event';

/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), streamed as header + entries + footer. */

export interface HarCreator {
  name: string;
  version: string;
}

export function harHeader(creator: HarCreator): string {
  return `{"log":{"version":"1.2","creator":${JSON.stringify({ name: creator.name, version: creator.version })},"pages":[],"entries":[`;
}

export const HAR_FOOTER = ']}}\n';

type NameValue = { name: string; value: string };

const toPairs = (h: Record<string, string> | undefined): NameValue[] =>
  Object.entries(h ?? {}).map(([name, value]) => ({ name, value: String(value) }));

const headerOf = (h: Record<string, string> | undefined, name: string) =>
  Object.entries(h ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

function queryString(url: string): NameValue[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const end = url.indexOf('#', q);
  return url
    .slice(q + 1, end < 0 ? undefined : end)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const decode = (s: string) => {
        try {
          return decodeURIComponent(s.replace(/\+/g, ' '));
        } catch {
          return s;
        }
      };
      return eq < 0
        ? { name: decode(pair), value: '' }
        : { name: decode(pair.slice(0, eq)), value: decode(pair.slice(eq + 1)) };
    });
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** How the redactor marks a body cut at the log's cap (logs/redact.ts). */
const TRUNCATION_MARK = /…\[truncated (\d+) chars\]$/;

/**
 * A logged body as HAR content: the text exactly as kept, `size` its UTF-8 bytes (so a consumer that
 * checks one against the other agrees), and a cut body declared in `comment` (the field HAR 1.2 has
 * for notes) instead of a marker inside the text, which would make JSON unparsable on replay.
 */
function harBody(logged: string): { text: string; size: number; comment?: string } {
  const mark = TRUNCATION_MARK.exec(logged);
  if (!mark) return { text: logged, size: Buffer.byteLength(logged) };
  const text = logged.slice(0, mark.index);
  const dropped = Number(mark[1]);
  return {
    text,
    size: Buffer.byteLength(text),
    comment: `Body truncated by Patchbay to ${text.length} of ${text.length + dropped} characters (the call log's body limit, in Settings).`,
  };
}

/**
 * One HAR entry. Network failures have status 0 (what browsers record); Patchbay-specific facts go
 * in underscore-prefixed custom fields, which the spec reserves for exactly this.
 */
export function harEntry(e: CallEvent): Record<string, unknown> {
  const reqType = headerOf(e.requestHeaders, 'content-type');
  const resType = headerOf(e.responseHeaders, 'content-type') ?? '';
  const duration = Math.max(0, e.durationMs);
  const request: Record<string, unknown> = {
    method: e.method,
    // HAR urls carry no fragment (spec: "fragments are not included").
    url: e.url.split('#')[0],
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: toPairs(e.requestHeaders),
    queryString: queryString(e.url),
    headersSize: -1,
    bodySize: e.requestBody !== undefined || e.bytesOut > 0 ? e.bytesOut : -1,
  };
  if (e.requestBody !== undefined) {
    const body = harBody(e.requestBody);
    request.postData = {
      mimeType: reqType ?? '',
      text: body.text,
      ...(body.comment ? { comment: body.comment } : {}),
    };
  }
  // Without a logged body there is no text; size then reports what crossed the wire.
  const content: Record<string, unknown> = { size: e.bytesIn, mimeType: resType };
  if (e.responseBody !== undefined) Object.assign(content, harBody(e.responseBody));
  const status = e.status ?? 0;
  const entry: Record<string, unknown> = {
    startedDateTime: e.time,
    time: duration,
    request,
    response: {
      status,
      statusText: STATUS_TEXT[status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: toPairs(e.responseHeaders),
      content,
      redirectURL: headerOf(e.responseHeaders, 'location') ?? '',
      headersSize: -1,
      bodySize: e.status === undefined ? -1 : e.bytesIn,
    },
    cache: {},
    // Only the total is measured; attribute it to "wait" (time to first byte) so the sum equals `time`.
    timings: { send: 0, wait: duration, receive: 0 },
    _id: e.id,
    _attempt: e.attempt,
    _statusClass: e.statusClass,
  };
  const extras: [string, unknown][] = [
    ['_runId', e.runId],
    ['_syncId', e.syncId],
    ['_connectionId', e.connectionId],
    ['_connectorId', e.connectorId],
    ['_resource', e.resource],
    ['_operation', e.operation],
    ['_errorClass', e.errorClass],
    ['_errorCode', e.errorCode],
    ['_errorMessage', e.errorMessage],
    ['_retryWaitMs', e.retryWaitMs],
    ['_recordsIn', e.recordsIn],
    ['_recordsOut', e.recordsOut],
    ['_rateLimit', e.rateLimit],
  ];
  for (const [k, v] of extras) if (v !== undefined) entry[k] = v;
  return entry;
}
