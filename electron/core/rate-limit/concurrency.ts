/**
 * Little's law: requests in flight = throughput × latency. To reach `rate` requests/s against an
 * API that answers in `latencyMs`, about rate × latency requests must be open at once; a margin
 * covers latency jitter, and the API's own concurrency limit caps it.
 */
export function inFlightFor(rate: number, latencyMs: number | undefined, declaredMax: number): number {
  if (!Number.isFinite(rate)) return declaredMax;
  const latency = latencyMs ?? 100;
  const needed = Math.ceil(rate * (latency / 1000) * 1.5) + 1;
  return Math.max(1, Math.min(declaredMax, needed));
}

/**
 * Typical latency (an exponentially weighted mean) and its floor (the fastest typical seen). A
 * typical latency several times its floor means the API is queueing our calls: slow down before it
 * starts refusing them.
 */
export class LatencyTracker {
  private ewma: number | undefined;
  private floor: number | undefined;
  private samples = 0;

  get typicalMs(): number | undefined {
    return this.ewma;
  }

  /** Record one latency; true when it reveals a blow-up (typical ≥ 4× floor and 500 ms above it). */
  observe(ms: number): boolean {
    this.samples++;
    this.ewma = this.ewma === undefined ? ms : this.ewma * 0.9 + ms * 0.1;
    if (this.samples >= 10) this.floor = this.floor === undefined ? this.ewma : Math.min(this.floor, this.ewma);
    return this.floor !== undefined && this.ewma >= 4 * this.floor && this.ewma - this.floor >= 500;
  }
}
