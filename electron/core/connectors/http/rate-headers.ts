import { parseRetryAfter } from './backoff';

/**
 * What a response says about the rate limit, normalised from the header families in the wild:
 * `Retry-After`, `X-RateLimit-Remaining/Reset` (GitHub: reset is epoch seconds; others: delta),
 * IETF `RateLimit-Remaining/Reset` (delta seconds) and leaky-bucket `used/limit` headers (Shopify).
 */
export interface RateSignal {
  /** Do not send before this time (ms since epoch). */
  pauseUntil?: number;
  /** Bucket fill, when the API reports one. */
  bucket?: { used: number; limit: number };
  /** The subset of headers worth logging. */
  logged: Record<string, string>;
}

const RESET_EPOCH_THRESHOLD = 1_000_000_000; // larger than any sane delta: it is an epoch time

export function readRateSignal(headers: Record<string, string>, now: number, bucketHeader?: string): RateSignal {
  const logged: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (/^(x-)?ratelimit|^retry-after$/i.test(k) || (bucketHeader && k === bucketHeader.toLowerCase())) logged[k] = v;
  }
  let pauseUntil: number | undefined;
  const bump = (t: number | undefined) => {
    if (t !== undefined && (pauseUntil === undefined || t > pauseUntil)) pauseUntil = t;
  };
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  if (retryAfter !== undefined) bump(now + retryAfter);
  for (const prefix of ['x-ratelimit-', 'ratelimit-']) {
    const remaining = headers[`${prefix}remaining`];
    const reset = headers[`${prefix}reset`];
    if (
      remaining !== undefined &&
      Number(remaining) <= 0 &&
      reset !== undefined &&
      /^\d+(\.\d+)?$/.test(reset.trim())
    ) {
      const n = Number(reset);
      bump(n > RESET_EPOCH_THRESHOLD ? n * 1000 : now + n * 1000);
    }
  }
  let bucket: RateSignal['bucket'];
  if (bucketHeader) {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(headers[bucketHeader.toLowerCase()] ?? '');
    if (m) bucket = { used: Number(m[1]), limit: Number(m[2]) };
  }
  return { pauseUntil, bucket, logged };
}
