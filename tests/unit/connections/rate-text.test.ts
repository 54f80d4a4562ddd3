import { describe, expect, it } from 'vitest';
import { rateText } from '../../../shared/rate-text';

describe("the connection panel's rate line", () => {
  it('says what a run learned and how', () => {
    const at = '2026-01-01T00:00:00Z';
    expect(rateText({ learnedRate: { requestsPerSecond: 18.3, source: 'learned', at } })).toBe(
      '~18 requests/s learned from 429s',
    );
    expect(
      rateText({
        learnedRate: { requestsPerSecond: 2.5, source: 'headers', at },
        rateSettings: { requestsPerSecond: 4 },
      }),
    ).toBe("~2.5 requests/s stated by the API's rate-limit headers (your setting: 4/s)");
    expect(rateText({ rateSettings: { requestsPerSecond: 100 } })).toBe('100 requests/s (your setting)');
    expect(rateText({})).toBeNull();
  });
});
