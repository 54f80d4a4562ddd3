import { Webhook } from 'standardwebhooks';
import { safeEqual } from './safe-equal';
import { checkTolerance, header, type Scheme, type VerifyInput, type VerifyResult } from './types';

/** Secrets may be given as "whsec_<base64>" (the spec's form) or as any other string (used raw). */
function webhookFor(secret: string): Webhook {
  return secret.startsWith('whsec_') ? new Webhook(secret) : new Webhook(secret, { format: 'raw' });
}

/**
 * Standard Webhooks. The library computes the signature; the timestamp check and the comparison
 * are ours because Webhook.verify reads Date.now() (untestable with an injected clock) and parses
 * the body itself (we want "bad JSON" to be a 400, not a signature failure).
 */
export const standardScheme: Scheme = {
  verify(input: VerifyInput): VerifyResult {
    const id = header(input.headers, 'webhook-id');
    const ts = header(input.headers, 'webhook-timestamp');
    const sig = header(input.headers, 'webhook-signature');
    if (!id || !ts || !sig)
      return {
        ok: false,
        reason: 'unsigned',
        message: 'webhook-id, webhook-timestamp or webhook-signature header missing',
      };
    if (!/^\d{1,12}$/.test(ts))
      return { ok: false, reason: 'unsigned', message: 'webhook-timestamp is not unix seconds' };
    const timestampMs = Number(ts) * 1000;
    const expected = webhookFor(input.secret).sign(id, new Date(timestampMs), input.rawBody).split(',')[1]!;
    // Several space-separated "v1,<sig>" entries are allowed (key rotation); any match will do.
    const match = sig.split(' ').some((entry) => {
      const [version, value] = entry.split(',');
      return version === 'v1' && value !== undefined && safeEqual(value, expected);
    });
    if (!match) return { ok: false, reason: 'bad_signature', message: 'no webhook-signature entry matches' };
    return checkTolerance(timestampMs, input) ?? { ok: true, eventId: id, timestampMs };
  },
  sign({ rawBody, secret, eventId, nowMs }) {
    const ts = Math.floor(nowMs / 1000);
    return {
      'webhook-id': eventId,
      'webhook-timestamp': String(ts),
      'webhook-signature': webhookFor(secret).sign(eventId, new Date(ts * 1000), rawBody),
    };
  },
};
