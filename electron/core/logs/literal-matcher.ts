/** Every pattern is at least this long: candidates are found by their first characters. */
export const KEY_LENGTH = 4;

/**
 * Finds many literal strings in a text at once, leftmost first and, at one position, longest first
 * (what an alternation regex sorted by length does), in time linear in the text: candidates are
 * looked up by the text's next few characters instead of trying every pattern at every position.
 * A regex of thousands of learned values (every PII value of a run, in several encodings) made
 * redaction of one large response take seconds.
 */
export class LiteralMatcher<T> {
  private readonly byKey = new Map<string, { text: string; value: T }[]>();

  constructor(patterns: Map<string, T>) {
    for (const [text, value] of patterns) {
      if (text.length < KEY_LENGTH) continue;
      const key = text.slice(0, KEY_LENGTH);
      const list = this.byKey.get(key);
      if (list) list.push({ text, value });
      else this.byKey.set(key, [{ text, value }]);
    }
    for (const list of this.byKey.values()) list.sort((a, b) => b.text.length - a.text.length);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The text with each match replaced by what `replace` returns for its pattern's value. */
  replace(text: string, replace: (value: T) => string): string {
    if (this.byKey.size === 0 || text.length < KEY_LENGTH) return text;
    let out = '';
    let copied = 0;
    for (let i = 0; i <= text.length - KEY_LENGTH;) {
      const candidates = this.byKey.get(text.slice(i, i + KEY_LENGTH));
      const hit = candidates?.find((c) => text.startsWith(c.text, i));
      if (!hit) {
        i++;
        continue;
      }
      out += text.slice(copied, i) + replace(hit.value);
      i += hit.text.length;
      copied = i;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }
}
