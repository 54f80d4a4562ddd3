import type { RejectReason } from '../../../../shared/models/webhooks';

export type Headers = Record<string, string | string[] | undefined>;

export interface VerifyInput {
  headers: Headers;
  rawBody: Buffer;
  secret: string;
  nowMs: number;
  toleranceSeconds: number;
}

/** A verified request names the sender's event id (replay protection) when the scheme carries one. */
export type VerifyResult =
  | {
      ok: true;
      eventId?: string;
      timestampMs?: number;
      /** false when the id header is outside the signature (Shopify): the signed body then identifies the event. */
      idSigned?: boolean;
    }
  | { ok: false; reason: Extract<RejectReason, 'unsigned' | 'bad_signature' | 'stale'>; message: string };

/** What a sender adds to a request: used by "send test event", the tests and the bench. */
export interface SignInput {
  rawBody: string;
  secret: string;
  eventId: string;
  nowMs: number;
}

export interface Scheme {
  verify(input: VerifyInput): VerifyResult;
  sign(input: SignInput): Record<string, string>;
}

export function header(headers: Headers, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function checkTolerance(timestampMs: number, input: VerifyInput): VerifyResult | null {
  if (!Number.isFinite(timestampMs))
    return { ok: false, reason: 'unsigned', message: 'the timestamp header is not a valid time' };
  if (Math.abs(input.nowMs - timestampMs) > input.toleranceSeconds * 1000) {
    return {
      ok: false,
      reason: 'stale',
      message: `the timestamp is more than ${input.toleranceSeconds} s away from now`,
    };
  }
  return null;
}
