import { describe, expect, it } from 'vitest';
import { LiteralMatcher } from '../../../electron/core/logs/literal-matcher';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the redactor did before: one alternation regex, longest patterns first. */
function byRegex(text: string, patterns: Map<string, string>): string {
  const alternatives = [...patterns.keys()].sort((a, b) => b.length - a.length).map(escape);
  return text.replace(new RegExp(alternatives.join('|'), 'g'), (hit) => patterns.get(hit)!);
}

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => (x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('LiteralMatcher', () => {
  it('replaces leftmost first and, at one position, the longest pattern', () => {
    const m = new LiteralMatcher(
      new Map([
        ['alice@example.com', '[PII]'],
        ['alice@example.com.au', '[LONG]'],
        ['example', '[X]'],
      ]),
    );
    expect(m.replace('to alice@example.com.au and alice@example.com, see example', (v) => v)).toBe(
      'to [LONG] and [PII], see [X]',
    );
    expect(m.replace('nothing here', (v) => v)).toBe('nothing here');
    expect(m.replace('abc', (v) => v)).toBe('abc');
  });

  it('gives the same text as the alternation regex on random patterns and texts', () => {
    const next = rng(20261201);
    const alphabet = 'ab%2Fc=+';
    const word = (min: number, max: number) =>
      Array.from({ length: min + Math.floor(next() * (max - min + 1)) }, () => alphabet[Math.floor(next() * 8)]).join(
        '',
      );
    for (let round = 0; round < 300; round++) {
      const patterns = new Map<string, string>();
      for (let i = 0; i < 1 + Math.floor(next() * 12); i++) patterns.set(word(4, 9), `<${i}>`);
      const text = word(0, 120);
      expect(
        new LiteralMatcher(patterns).replace(text, (v) => v),
        `round ${round}: ${text}`,
      ).toBe(byRegex(text, patterns));
    }
  });
});
