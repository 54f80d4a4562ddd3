import { hmacSha256, safeEqual } from './safe-equal';
import { checkTolerance, header, type Scheme, type VerifyResult } from './types';

/**
 * Shopify: base64 HMAC-SHA256 of the raw body only, so the webhook id and X-Shopify-Triggered-At
 * headers are not signed. Replay protection therefore has two parts: the triggered-at time must be
 * within the tolerance window (Shopify always sends it), and the signed body itself identifies the
 * event (idSigned: false), so a captured request resent under a fresh webhook id is a duplicate.
 */
export const shopifyScheme: Scheme = {
  verify(input): VerifyResult {
    const sig = header(input.headers, 'x-shopify-hmac-sha256');
    if (!sig) return { ok: false, reason: 'unsigned', message: 'X-Shopify-Hmac-Sha256 header missing' };
    if (!safeEqual(sig.trim(), hmacSha256(input.secret, input.rawBody, 'base64'))) {
      return { ok: false, reason: 'bad_signature', message: 'X-Shopify-Hmac-Sha256 does not match the body' };
    }
    const triggered = header(input.headers, 'x-shopify-triggered-at');
    if (!triggered)
      return {
        ok: false,
        reason: 'unsigned',
        message: 'X-Shopify-Triggered-At header missing (Shopify always sends it; it bounds replays)',
      };
    const timestampMs = Date.parse(triggered);
    const stale = checkTolerance(timestampMs, input);
    if (stale) return stale;
    const eventId = header(input.headers, 'x-shopify-webhook-id') ?? header(input.headers, 'x-shopify-event-id');
    return { ok: true, eventId, timestampMs, idSigned: false };
  },
  sign({ rawBody, secret, eventId, nowMs }) {
    return {
      'x-shopify-hmac-sha256': hmacSha256(secret, rawBody, 'base64'),
      'x-shopify-webhook-id': eventId,
      'x-shopify-triggered-at': new Date(nowMs).toISOString(),
    };
  },
};
