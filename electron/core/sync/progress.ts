/**
 * Records per second over a sliding window (the rate a user sees should follow a throttled
 * phase within seconds, not average the whole run), and the ETA it implies.
 */
export class RateMeter {
  private samples: { t: number; n: number }[] = [];

  constructor(
    private readonly windowMs = 5000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  mark(processed: number): void {
    const t = this.now();
    this.samples.push({ t, n: processed });
    while (this.samples.length > 2 && t - this.samples[0]!.t > this.windowMs) this.samples.shift();
  }

  rate(): number {
    if (this.samples.length < 2) return 0;
    const a = this.samples[0]!;
    const b = this.samples[this.samples.length - 1]!;
    return b.t > a.t ? ((b.n - a.n) * 1000) / (b.t - a.t) : 0;
  }

  eta(processed: number, total: number | undefined): number | undefined {
    const r = this.rate();
    if (total === undefined || r <= 0) return undefined;
    return Math.max(0, Math.round((total - processed) / r));
  }
}
