/**
 * `Retry-After` (RFC 9110 §10.2.3): delta-seconds or an HTTP-date → milliseconds from `now`, never
 * negative. The one parser for every caller (connector runtime, connection test, webhook outbox):
 * an unparseable value is `undefined` — never NaN, never a guessed second.
 */
export function parseRetryAfter(value: string | readonly string[] | null | undefined, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  // Only the HTTP-date forms carry letters; a bare "-5" or "1e3" is not a valid Retry-After.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
