import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { businessDayOnOrBefore, isBusinessDay } from '../../../electron/sandbox/rates/calendar';
import { rateFor } from '../../../electron/sandbox/rates/rates';

let sb: Sandbox;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
type Day = { time: string; Cube: Array<{ currency: string; rate: string }> };
const days = (xml: string): Day[] => {
  const env = parser.parse(xml)['gesmes:Envelope'];
  const c = env.Cube.Cube;
  return Array.isArray(c) ? c : [c];
};

beforeAll(async () => {
  // 2024-03-30 is Holy Saturday: Good Friday 29 March is a TARGET holiday.
  sb = await startSandbox({ ratesAsOf: '2024-03-30' });
});
afterAll(() => sb.stop());

describe('Rates sandbox (ECB eurofxref feeds)', () => {
  it('daily feed holds the previous business day (skipping a weekend and Good Friday)', async () => {
    const xml = await (await fetch(sb.endpoints.ratesDaily)).text();
    expect(xml).toContain('<gesmes:Envelope');
    const [d] = days(xml);
    expect(d!.time).toBe('2024-03-28');
    const usd = d!.Cube.find((c) => c.currency === 'USD')!;
    expect(usd.rate).toBe(rateFor(sb.seed, 'USD', '2024-03-28'));
    expect(d!.Cube.find((c) => c.currency === 'BGN')!.rate).toBe('1.9558');
  });

  it('history has business days only, newest first', async () => {
    const all = days(await (await fetch(`${sb.urls.rates}/eurofxref-hist-90d.xml`)).text());
    expect(all.length).toBeGreaterThan(55);
    expect(all.every((d) => isBusinessDay(d.time))).toBe(true);
    expect(all.map((d) => d.time)).toEqual([...all.map((d) => d.time)].sort().reverse());
    expect(all.some((d) => d.time === '2024-03-29' || d.time === '2024-01-01')).toBe(false);
    expect(businessDayOnOrBefore('2024-04-01')).toBe('2024-03-28'); // Easter Monday too
  });
});
