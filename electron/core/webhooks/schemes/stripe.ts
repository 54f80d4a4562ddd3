import { hmacSha256, safeEqual } from './safe-equal';
import { checkTolerance, header, type Scheme, type VerifyResult } from './types';

/** Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=…]` over "<t>.<raw body>"; the event id is body.id (set by the listener). */
export const stripeScheme: Scheme = {
  verify(input): VerifyResult {
    const value = header(input.headers, 'stripe-signature');
    if (!value) return { ok: false, reason: 'unsigned', message: 'Stripe-Signature header missing' };
    let t: string | undefined;
    const v1: string[] = [];
    for (const part of value.split(',')) {
      const eq = part.indexOf('=');
      const k = part.slice(0, eq).trim();
      const v = part.slice(eq + 1).trim();
      if (k === 't') t = v;
      else if (k === 'v1') v1.push(v);
    }
    if (!t || !/^\d{1,12}$/.test(t) || v1.length === 0)
      return { ok: false, reason: 'unsigned', message: 'Stripe-Signature has no t= or v1= part' };
    const expected = hmacSha256(input.secret, Buffer.concat([Buffer.from(`${t}.`), input.rawBody]), 'hex');
    if (!v1.some((s) => safeEqual(s, expected)))
      return { ok: false, reason: 'bad_signature', message: 'no Stripe-Signature v1 matches' };
    const timestampMs = Number(t) * 1000;
    return checkTolerance(timestampMs, input) ?? { ok: true, timestampMs };
  },
  sign({ rawBody, secret, nowMs }) {
    const t = Math.floor(nowMs / 1000);
    return { 'stripe-signature': `t=${t},v1=${hmacSha256(secret, `${t}.${rawBody}`, 'hex')}` };
  },
};
