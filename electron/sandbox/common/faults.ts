import { stream } from './rng';

/**
 * The `--faults` spec: `5xx=0.1,429=0.05,timeout=0.02,reset=0.01,malformed=0.01,lost=0.01,latency=20ms`.
 * Probabilities are per request and drawn from one seeded stream, so a run is reproducible.
 *  - 5xx (or 500/502/503/504): answered with that error, request NOT processed.
 *  - 429: a rate-limit answer with Retry-After, request NOT processed.
 *  - timeout: the request is held without an answer (until `timeoutMs`, then the socket is closed).
 *  - reset: the socket is destroyed before processing (ECONNRESET on the client).
 *  - malformed: the request IS processed, then the body is truncated (invalid JSON / XML).
 *  - lost: the request IS processed, then the socket is destroyed — the "did my write happen?" case
 *    that idempotency keys and lookups-before-create exist for.
 *  - latency=20ms or latency=5-50ms: added to every request.
 *  - seed=N: fault stream seed (defaults to the sandbox seed).
 */
export type FaultKind = '5xx' | '429' | 'timeout' | 'reset' | 'malformed' | 'lost';
export const FAULT_KINDS: readonly FaultKind[] = ['5xx', '429', 'timeout', 'reset', 'malformed', 'lost'];

export interface FaultSpec {
  rates: Partial<Record<FaultKind, number>>;
  /** Which 5xx status to send; 500..504 keys pick a fixed one, `5xx` rotates 500/502/503. */
  status5xx?: number;
  latencyMs: [number, number];
  timeoutMs: number;
  seed?: number;
}

export const NO_FAULTS: FaultSpec = { rates: {}, latencyMs: [0, 0], timeoutMs: 30_000 };

function parseMs(v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(v.trim());
  if (!m) throw new Error(`Fault spec: "${v}" is not a duration; write e.g. 20ms or 2s.`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

export function parseFaults(spec: string | undefined | null): FaultSpec {
  const out: FaultSpec = { rates: {}, latencyMs: [0, 0], timeoutMs: 30_000 };
  if (!spec || !spec.trim() || spec.trim() === 'none') return out;
  for (const part of spec.split(',')) {
    const [rawKey, rawVal] = part.split('=').map((s) => s?.trim());
    if (!rawKey || rawVal === undefined || rawVal === '')
      throw new Error(`Fault spec: "${part}" must be key=value (e.g. 5xx=0.1, latency=20ms).`);
    const key = rawKey.toLowerCase();
    if (key === 'latency') {
      const [a, b] = rawVal.split('-');
      const lo = parseMs(a!);
      const hi = b === undefined ? lo : parseMs(b.endsWith('s') ? b : `${b}ms`);
      out.latencyMs = [Math.min(lo, hi), Math.max(lo, hi)];
      continue;
    }
    if (key === 'timeoutms' || key === 'hold') {
      out.timeoutMs = parseMs(rawVal);
      continue;
    }
    if (key === 'seed') {
      out.seed = Number(rawVal) >>> 0;
      continue;
    }
    const p = Number(rawVal);
    if (!Number.isFinite(p) || p < 0 || p > 1)
      throw new Error(`Fault spec: ${rawKey}=${rawVal} must be a probability between 0 and 1.`);
    if (/^5\d\d$/.test(key)) {
      out.rates['5xx'] = (out.rates['5xx'] ?? 0) + p;
      out.status5xx = Number(key);
    } else if ((FAULT_KINDS as readonly string[]).includes(key)) {
      out.rates[key as FaultKind] = (out.rates[key as FaultKind] ?? 0) + p;
    } else {
      throw new Error(`Fault spec: unknown key "${rawKey}"; known: ${FAULT_KINDS.join(', ')}, latency, seed.`);
    }
  }
  const total = Object.values(out.rates).reduce((a, b) => a + (b ?? 0), 0);
  if (total > 1) throw new Error(`Fault spec: probabilities add up to ${total.toFixed(3)}, which is over 1.`);
  return out;
}

export function formatFaults(spec: FaultSpec): string {
  const parts = FAULT_KINDS.filter((k) => spec.rates[k]).map((k) => `${k}=${spec.rates[k]}`);
  if (spec.latencyMs[1] > 0)
    parts.push(`latency=${spec.latencyMs[0] === spec.latencyMs[1] ? spec.latencyMs[0] : spec.latencyMs.join('-')}ms`);
  return parts.join(',') || 'none';
}

export interface FaultRoll {
  kind: FaultKind | null;
  latencyMs: number;
  status5xx: number;
}

/** One seeded stream per server: each request consumes exactly two draws (fault, latency). */
export class FaultInjector {
  private next: () => number;
  enabled = true;
  readonly injected: Record<FaultKind, number> = { '5xx': 0, '429': 0, timeout: 0, reset: 0, malformed: 0, lost: 0 };
  private rotate = 0;

  constructor(
    public spec: FaultSpec,
    seed: number,
  ) {
    this.next = stream(spec.seed ?? seed);
  }

  configure(spec: FaultSpec, seed: number): void {
    this.spec = spec;
    this.next = stream(spec.seed ?? seed);
  }

  roll(): FaultRoll {
    const u = this.next();
    const v = this.next();
    const [lo, hi] = this.spec.latencyMs;
    const latencyMs = this.enabled ? lo + Math.round(v * (hi - lo)) : 0;
    let kind: FaultKind | null = null;
    if (this.enabled) {
      let acc = 0;
      for (const k of FAULT_KINDS) {
        acc += this.spec.rates[k] ?? 0;
        if (u < acc) {
          kind = k;
          break;
        }
      }
    }
    if (kind) this.injected[kind]++;
    const status5xx = this.spec.status5xx ?? [500, 502, 503][this.rotate++ % 3]!;
    return { kind, latencyMs, status5xx };
  }

  resetCounters(): void {
    for (const k of FAULT_KINDS) this.injected[k] = 0;
  }
}
