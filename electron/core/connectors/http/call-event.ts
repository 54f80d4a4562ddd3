import { randomUUID } from 'node:crypto';
import { statusClassOf, type CallEvent, type CallEventInput } from '../../../../shared/models/call-event';
import { Redactor } from '../../logs/redact';

/**
 * The only place the runtime turns a request/response into a CallEvent. The raw input never
 * leaves this function: it is redacted first (secrets from the applier, auth headers, token-like
 * query params, PII fields), so the event that exists is already safe to store.
 */
export function buildCallEvent(raw: CallEventInput, redactor: Redactor): CallEvent {
  const safe = redactor.callEvent({ ...raw, id: raw.id || randomUUID() });
  return {
    ...safe,
    id: safe.id,
    statusClass: safe.statusClass ?? statusClassOf(safe.status),
    attempt: safe.attempt ?? 1,
    bytesIn: safe.bytesIn ?? 0,
    bytesOut: safe.bytesOut ?? 0,
  } as CallEvent;
}

/** How much raw body to hand the redactor: more than is kept, so a secret cut at this edge is dropped by its own cut. */
export function bodyForLog(body: string | Buffer | undefined, keep: number): string | undefined {
  if (body === undefined || keep <= 0 || body.length === 0) return undefined;
  const text = typeof body === 'string' ? body : body.toString('utf8', 0, Math.min(body.length, keep * 4));
  return text.length > keep * 4 ? text.slice(0, keep * 4) : text;
}
