import type { Connection, ConnectionWarning } from '../../../shared/models/connection';

/**
 * Headers every call of a connection carries: who is calling, and the pinned API
 * version. The runtime adds them to every request, to any host; they hold no secret.
 */
export function governanceHeaders(
  c: Connection,
  appVersion: string,
  apiVersionHeader?: string,
): Record<string, string> {
  const headers: Record<string, string> = { 'User-Agent': `Patchbay/${appVersion} (+${c.integrator.contact})` };
  if (c.integrator.headerName && c.integrator.headerValue) headers[c.integrator.headerName] = c.integrator.headerValue;
  if (apiVersionHeader && c.apiVersion) headers[apiVersionHeader] = c.apiVersion;
  return headers;
}

/** RFC 9745 `Deprecation: @1735689600` (or legacy `true`/HTTP date) and RFC 8594 `Sunset: <HTTP date>`. */
export function warningsFromHeaders(
  headers: Record<string, string | string[] | undefined>,
  now = new Date(),
): ConnectionWarning[] {
  const get = (name: string) => {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    const v = key ? headers[key] : undefined;
    return Array.isArray(v) ? v[0] : v;
  };
  const link = (rel: string) => {
    const m = new RegExp(`<([^>]+)>\\s*;[^,]*rel="?${rel}"?`, 'i').exec(get('link') ?? '');
    return m?.[1];
  };
  const out: ConnectionWarning[] = [];
  const deprecation = get('deprecation');
  if (deprecation) {
    const date = parseDate(deprecation);
    out.push({
      kind: 'deprecation',
      ...(date ? { date } : {}),
      ...(link('deprecation') ? { link: link('deprecation') } : {}),
      message: date
        ? `The service marked this API as deprecated as of ${date.slice(0, 10)}.`
        : 'The service marked this API as deprecated.',
      seenAt: now.toISOString(),
    });
  }
  const sunset = get('sunset');
  if (sunset) {
    const date = parseDate(sunset);
    out.push({
      kind: 'sunset',
      ...(date ? { date } : {}),
      ...(link('sunset') ? { link: link('sunset') } : {}),
      message: date
        ? `The service will turn this API off on ${date.slice(0, 10)}.`
        : 'The service announced this API will be turned off.',
      seenAt: now.toISOString(),
    });
  }
  return out;
}

function parseDate(value: string): string | undefined {
  const at = /^@(-?\d+)$/.exec(value.trim());
  if (at) return new Date(Number(at[1]) * 1000).toISOString();
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
