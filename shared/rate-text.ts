import type { Connection } from './models/connection';

/** "~18 requests/s learned from 429s" — how fast runs of this connection go, and why; null when nothing is known. */
export function rateText(c: Pick<Connection, 'learnedRate' | 'rateSettings'>): string | null {
  const own = c.rateSettings?.requestsPerSecond;
  const learned = c.learnedRate;
  const n = (x: number) => (x >= 10 ? String(Math.round(x)) : String(Math.round(x * 10) / 10));
  if (learned) {
    const why = learned.source === 'learned' ? 'learned from 429s' : "stated by the API's rate-limit headers";
    return `~${n(learned.requestsPerSecond)} requests/s ${why}${own ? ` (your setting: ${n(own)}/s)` : ''}`;
  }
  return own ? `${n(own)} requests/s (your setting)` : null;
}
