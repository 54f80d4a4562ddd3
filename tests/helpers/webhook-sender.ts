import type { VerificationScheme } from '../../shared/models/webhooks';
import { schemeFor } from '../../electron/core/webhooks/schemes';

export interface SendResult {
  status: number;
  body: string;
}

/** POST one signed webhook (a sender such as Shopify), optionally with extra/overridden headers. */
export async function sendSigned(
  url: string,
  scheme: VerificationScheme,
  secret: string,
  body: unknown,
  opts: { eventId?: string; nowMs?: number; headers?: Record<string, string>; raw?: string } = {},
): Promise<SendResult> {
  const raw = opts.raw ?? JSON.stringify(body);
  const headers = {
    'content-type': 'application/json',
    ...schemeFor(scheme).sign({
      rawBody: raw,
      secret,
      eventId: opts.eventId ?? `evt_${Math.random().toString(36).slice(2)}`,
      nowMs: opts.nowMs ?? Date.now(),
    }),
    ...opts.headers,
  };
  const res = await fetch(url, { method: 'POST', headers, body: raw });
  return { status: res.status, body: await res.text() };
}

/**
 * A sender that retries like real webhook providers do (same event id, re-signed) until it gets
 * a 2xx (a duplicate 2xx when we already stored it before our answer was lost).
 */
export async function sendUntilStored(
  url: string,
  scheme: VerificationScheme,
  secret: string,
  body: unknown,
  eventId: string,
  deadlineMs = 60_000,
): Promise<number> {
  const until = Date.now() + deadlineMs;
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await sendSigned(url, scheme, secret, body, { eventId });
      if (r.status >= 200 && r.status < 300) return attempt;
    } catch {
      // connection refused / reset while the app restarts
    }
    if (Date.now() > until) throw new Error(`event ${eventId} was never stored`);
    await new Promise((r) => setTimeout(r, Math.min(50 * attempt, 500)));
  }
}
