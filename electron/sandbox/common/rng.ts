/**
 * Deterministic randomness. Records are generated from (seed, kind, index) with a stateless hash
 * so record #999,999 costs the same as record #0 and nothing is kept in memory; fault injection
 * uses a stateful stream so a run with the same seed sees the same fault sequence.
 */

/** Integer mix (murmur3 fmix32): good avalanche, cheap, no state. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** Uniform [0,1) for (seed, kind, index, salt) — same inputs, same number, on every machine. */
export function unit(seed: number, kind: string, index: number, salt = 0): number {
  let h = fmix32((seed ^ hashString(kind)) >>> 0);
  h = fmix32((h + Math.imul(index | 0, 0x9e3779b1) + Math.floor(index / 0x100000000)) >>> 0);
  h = fmix32((h ^ Math.imul(salt + 1, 0x27d4eb2f)) >>> 0);
  return h / 0x100000000;
}

export function pick<T>(items: readonly T[], u: number): T {
  return items[Math.floor(u * items.length) % items.length]!;
}

export function intIn(min: number, max: number, u: number): number {
  return min + Math.floor(u * (max - min + 1));
}

/** A seeded stream (mulberry32) for sequences such as fault rolls. */
export function stream(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
