import { parseRetryAfter } from './retry-after';

/**
 * What a response says about the rate limit, normalised from the header families in the wild:
 * `Retry-After`, `X-RateLimit-Remaining/Reset` (GitHub: reset is epoch seconds; others: delta),
 * IETF `RateLimit-Remaining/Reset` (delta seconds) and `RateLimit-Policy` (`100;w=10`), HubSpot's
 * `X-HubSpot-RateLimit-Max/Interval-Milliseconds` and daily budget, and leaky-bucket `used/limit`
 * headers (Shopify).
 */
export interface RateSignal {
  /** Do not send before this time (ms since epoch). */
  pauseUntil?: number;
  /** Bucket fill, when the API reports one. */
  bucket?: { used: number; limit: number };
  /** The allowance the API states, in requests per second. */
  allowance?: number;
  /** A long-window budget (per day) is spent until this time (ms since epoch). */
  budgetResetAt?: number;
  /** The subset of headers worth logging. */
  logged: Record<string, string>;
}

const RESET_EPOCH_THRESHOLD = 1_000_000_000; // larger than any sane delta: it is an epoch time
const NUMBER = /^\d+(\.\d+)?$/;

export function readRateSignal(headers: Record<string, string>, now: number, bucketHeader?: string): RateSignal {
  const logged: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (/^(x-)?(hubspot-)?ratelimit|^retry-after$/i.test(k)) logged[k] = v;
    else if (bucketHeader && k === bucketHeader.toLowerCase()) logged[k] = v;
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
    if (remaining !== undefined && Number(remaining) <= 0 && reset !== undefined && NUMBER.test(reset.trim())) {
      const n = Number(reset);
      bump(n > RESET_EPOCH_THRESHOLD ? n * 1000 : now + n * 1000);
    }
  }
  let bucket: RateSignal['bucket'];
  if (bucketHeader) {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(headers[bucketHeader.toLowerCase()] ?? '');
    if (m) bucket = { used: Number(m[1]), limit: Number(m[2]) };
  }
  return { pauseUntil, bucket, allowance: allowanceOf(headers), budgetResetAt: dailyBudgetReset(headers, now), logged };
}

/** Requests per second the API states for its shortest window, when it names the window. */
function allowanceOf(headers: Record<string, string>): number | undefined {
  const hsMax = Number(headers['x-hubspot-ratelimit-max']);
  const hsInterval = Number(headers['x-hubspot-ratelimit-interval-milliseconds']);
  if (hsMax > 0 && hsInterval > 0) return hsMax / (hsInterval / 1000);
  // RFC draft: `RateLimit-Policy: 100;w=10, 1000;w=3600` — the strictest per-second figure wins.
  const policy = headers['ratelimit-policy'] ?? headers['x-ratelimit-policy'];
  if (policy) {
    let best: number | undefined;
    for (const part of policy.split(',')) {
      const m = /^\s*(\d+)\s*;.*\bw\s*=\s*(\d+)/.exec(part);
      if (!m) continue;
      const rps = Number(m[1]) / Math.max(1, Number(m[2]));
      if (best === undefined || rps < best) best = rps;
    }
    if (best !== undefined) return best;
  }
  return undefined;
}

/** HubSpot's daily budget: remaining 0 means nothing more today (it resets at midnight, account time ≈ UTC). */
function dailyBudgetReset(headers: Record<string, string>, now: number): number | undefined {
  const remaining = headers['x-hubspot-ratelimit-daily-remaining'];
  if (remaining === undefined || !NUMBER.test(remaining.trim()) || Number(remaining) > 0) return undefined;
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}
