/**
 * Learns the request rate an API really allows when it declares none (or declares one it enforces
 * lower): additive increase while calls succeed, multiplicative decrease on 429/503 or a latency
 * blow-up. After the first refusal it remembers the rate that was refused (the ceiling) and probes
 * above it only slowly, so the steady state sits just under the real limit instead of bursting
 * into it every few seconds.
 */
export type RateSource = 'declared' | 'headers' | 'learned' | 'unlimited';

export interface AdaptiveRateOptions {
  /** Start rate; undefined = no limit until the API refuses a call. */
  initial?: number;
  /** Never go above this (a declared limit that is known to be exact). */
  max?: number;
  /** Never go below this. */
  min?: number;
  now: () => number;
}

/** The fraction of the refused rate we fall back to after a 429. */
const DECREASE = 0.85;
/** Growth per quiet second while well under the last ceiling… */
const FAST_GROWTH = 0.05;
/** …and once close to it: about +1.2% per 5 s, so a refusal comes rarely. */
const SLOW_GROWTH = 0.0025;
/** A refusal within this much of the last one is the same event (the calls that were in flight). */
const SAME_EVENT_MS = 1500;
const WINDOW_MS = 2000;

export class AdaptiveRate {
  private rate: number | undefined;
  private ceiling: number | undefined;
  private lastDecrease = -Infinity;
  private lastGrowth: number;
  private readonly sends: number[] = [];
  source: RateSource;

  constructor(private readonly o: AdaptiveRateOptions) {
    this.rate = o.initial;
    this.source = o.initial === undefined ? 'unlimited' : 'declared';
    this.lastGrowth = o.now();
  }

  /** Requests per second allowed right now (Infinity = unlimited). */
  get current(): number {
    this.grow();
    return this.rate ?? Infinity;
  }

  /** The learned or declared rate worth remembering for the next run (undefined while nothing was learned). */
  get learned(): number | undefined {
    return this.source === 'learned' || this.source === 'headers' ? this.rate : undefined;
  }

  /** A request left: kept for measuring the rate at which the API started refusing. */
  sent(): void {
    const now = this.o.now();
    this.sends.push(now);
    while (this.sends.length > 0 && this.sends[0]! < now - WINDOW_MS) this.sends.shift();
  }

  /** The API refused a call (429/503) or answered far slower than usual. */
  refused(): void {
    const now = this.o.now();
    if (now - this.lastDecrease < SAME_EVENT_MS) return;
    this.lastDecrease = now;
    const measured = this.measured(now);
    const base = Math.min(this.rate ?? Infinity, measured ?? Infinity);
    if (!Number.isFinite(base)) return;
    this.ceiling = this.ceiling === undefined ? base : Math.min(base, 0.5 * this.ceiling + 0.5 * base);
    this.rate = Math.max(this.o.min ?? 0.2, base * DECREASE);
    this.source = 'learned';
    this.lastGrowth = now;
  }

  /** Headers told the exact allowance (X-RateLimit-Limit per window and the like). */
  declare(rate: number): void {
    if (!(rate > 0) || !Number.isFinite(rate)) return;
    const capped = this.o.max !== undefined ? Math.min(rate, this.o.max) : rate;
    if (this.source === 'headers' && this.rate === capped) return;
    this.rate = capped;
    this.ceiling = capped;
    this.source = 'headers';
  }

  private measured(now: number): number | undefined {
    const recent = this.sends.filter((t) => t >= now - WINDOW_MS);
    if (recent.length < 4) return undefined;
    const span = Math.max(1000, now - recent[0]!);
    return (recent.length / span) * 1000;
  }

  private grow(): void {
    if (this.rate === undefined || this.source === 'headers') return;
    const now = this.o.now();
    // An idle stretch is not evidence the API allows more: count at most 10 quiet seconds at a time.
    const seconds = Math.min(10, (now - this.lastGrowth) / 1000);
    if (seconds < 1) return;
    this.lastGrowth = now;
    const near = this.ceiling !== undefined && this.rate >= 0.95 * this.ceiling;
    const factor = (1 + (near ? SLOW_GROWTH : FAST_GROWTH)) ** seconds;
    let next = this.rate * factor;
    if (this.ceiling !== undefined && !near) next = Math.min(next, 0.95 * this.ceiling);
    if (this.o.max !== undefined) next = Math.min(next, this.o.max);
    this.rate = next;
  }
}
