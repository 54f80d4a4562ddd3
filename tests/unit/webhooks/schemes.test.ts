import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { schemeFor, safeEqual } from '../../../electron/core/webhooks/schemes';
import { VerificationScheme } from '../../../shared/models/webhooks';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const body = '{"id":42,"total":"9.99"}';
const verify = (kind: object, headers: Record<string, string>, secret: string, nowMs = NOW) =>
  schemeFor(VerificationScheme.parse(kind)).verify({
    headers,
    rawBody: Buffer.from(body),
    secret,
    nowMs,
    toleranceSeconds: 300,
  });

describe('verification schemes against independent signers', () => {
  it('standard: accepts what the standardwebhooks library signs, incl. rotated keys', () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const sig = new Webhook(secret).sign('msg_1', new Date(NOW), body);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(NOW / 1000),
      'webhook-signature': `v1,bm90LWl0 ${sig}`,
    };
    expect(verify({ kind: 'standard' }, headers, secret)).toMatchObject({ ok: true, eventId: 'msg_1' });
    expect(verify({ kind: 'standard' }, headers, secret, NOW + 301_000)).toMatchObject({ ok: false, reason: 'stale' });
    expect(verify({ kind: 'standard' }, { ...headers, 'webhook-id': 'msg_2' }, secret)).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('shopify: base64 HMAC of the raw body', () => {
    const sig = createHmac('sha256', 'shh').update(body).digest('base64');
    expect(
      verify(
        { kind: 'shopify' },
        {
          'x-shopify-hmac-sha256': sig,
          'x-shopify-webhook-id': 'w1',
          'x-shopify-triggered-at': new Date(NOW).toISOString(),
        },
        'shh',
      ),
    ).toMatchObject({ ok: true, eventId: 'w1', idSigned: false });
    // The webhook id is outside the HMAC: without the triggered-at time a captured request has no window.
    expect(
      verify({ kind: 'shopify' }, { 'x-shopify-hmac-sha256': sig, 'x-shopify-webhook-id': 'w1' }, 'shh'),
    ).toMatchObject({ ok: false, reason: 'unsigned' });
    expect(verify({ kind: 'shopify' }, { 'x-shopify-hmac-sha256': sig }, 'other')).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verify({ kind: 'shopify' }, {}, 'shh')).toMatchObject({ ok: false, reason: 'unsigned' });
  });

  it('stripe: t=…,v1=… with tolerance', () => {
    const t = NOW / 1000;
    const v1 = createHmac('sha256', 'whsec_x').update(`${t}.${body}`).digest('hex');
    expect(verify({ kind: 'stripe' }, { 'stripe-signature': `t=${t},v0=abc,v1=${v1}` }, 'whsec_x')).toMatchObject({
      ok: true,
    });
    expect(verify({ kind: 'stripe' }, { 'stripe-signature': `t=${t - 301},v1=${v1}` }, 'whsec_x')).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(
      verify({ kind: 'stripe' }, { 'stripe-signature': `t=${t},v1=${v1}` }, 'whsec_x', NOW + 400_000),
    ).toMatchObject({ ok: false, reason: 'stale' });
    expect(verify({ kind: 'stripe' }, { 'stripe-signature': 'garbage' }, 'whsec_x')).toMatchObject({
      ok: false,
      reason: 'unsigned',
    });
  });

  it('generic hmac: configurable header, prefix, hex (any case) or base64', () => {
    const hex = createHmac('sha256', 'k').update(body).digest('hex');
    const cfg = { kind: 'hmac', header: 'X-Hub-Signature-256', prefix: 'sha256=' };
    expect(verify(cfg, { 'x-hub-signature-256': `sha256=${hex.toUpperCase()}` }, 'k')).toMatchObject({ ok: true });
    expect(verify(cfg, { 'x-hub-signature-256': hex }, 'k')).toMatchObject({ ok: true });
    const b64 = createHmac('sha256', 'k').update(body).digest('base64');
    expect(verify({ kind: 'hmac', header: 'x-sig', encoding: 'base64' }, { 'x-sig': b64 }, 'k')).toMatchObject({
      ok: true,
    });
    expect(
      verify({ kind: 'hmac', header: 'x-sig', encoding: 'base64' }, { 'x-sig': b64.toLowerCase() }, 'k'),
    ).toMatchObject({ ok: false });
  });

  it('safeEqual compares whole strings only', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
