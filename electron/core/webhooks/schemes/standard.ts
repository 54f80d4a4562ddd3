import { Webhook } from 'standardwebhooks';
import { safeEqual } from './safe-equal';
import { checkTolerance, header, type Scheme, type VerifyInput, type VerifyResult } from './types';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The key as the vendors' own verifiers read it (Svix, standardwebhooks): the base64 bytes after an
 * optional "whsec_" prefix, so a secret pasted with or without the prefix verifies the same. A secret
 * that is not base64 (saved before Patchbay read secrets this way) is used as raw bytes.
 */
function webhookFor(secret: string): Webhook {
  const key = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  return key.length > 0 && BASE64.test(key) ? new Webhook(secret) : new Webhook(secret, { format: 'raw' });
}

/**
 * Standard Webhooks. The library computes the signature; the timestamp check and the comparison
 * are ours because Webhook.verify reads Date.now() (untestable with an injected clock) and parses
 * the body itself (we want "bad JSON" to be a 400, not a signature failure).
 */
export const standardScheme: Scheme = {
  verify(input: VerifyInput): VerifyResult {
    // Svix (the reference sender) names the same three headers svix-*; its verifier accepts both.
    const read = (name: string) => header(input.headers, `webhook-${name}`) ?? header(input.headers, `svix-${name}`);
    const id = read('id');
    const ts = read('timestamp');
    const sig = read('signature');
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
