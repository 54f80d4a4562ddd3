import { describe, expect, it } from 'vitest';
import { apiTimeMs, formatJsonDate, parseJsonDate } from '../../../shared/mapping/json-date';
import { fromWire, toWire } from '../../../shared/mapping/wire-values';

describe('Microsoft JSON dates (Xero)', () => {
  it('reads the instant and ignores the zone offset written beside it', () => {
    expect(parseJsonDate('/Date(1573755038314+0000)/')).toBe(1573755038314);
    expect(parseJsonDate('/Date(1573755038314+1300)/')).toBe(1573755038314);
    expect(parseJsonDate('/Date(-86400000)/')).toBe(-86400000);
    expect(parseJsonDate('2019-11-14T18:10:38Z')).toBeUndefined();
    expect(formatJsonDate(1573755038314.7)).toBe('/Date(1573755038314+0000)/');
  });

  it('apiTimeMs reads every timestamp shape a connector meets', () => {
    expect(apiTimeMs('/Date(1573755038314+0000)/')).toBe(1573755038314);
    expect(apiTimeMs('2019-11-14T18:10:38.314Z')).toBe(1573755038314);
    expect(apiTimeMs(1573755038)).toBe(1573755038000);
    expect(apiTimeMs('1573755038314')).toBe(1573755038314);
    expect(apiTimeMs('soon')).toBeNaN();
    expect(apiTimeMs(undefined)).toBeNaN();
  });

  it('json_date fields read as ISO text and are written as ISO, the way Xero takes them', () => {
    const datetime = { type: 'datetime' as const, wire: 'json_date' as const };
    const date = { type: 'date' as const, wire: 'json_date' as const };
    expect(fromWire('/Date(1573755038314+0000)/', datetime)).toBe('2019-11-14T18:10:38.314Z');
    expect(fromWire('/Date(1573689600000+0000)/', date)).toBe('2019-11-14');
    expect(toWire('/Date(1573755038314+0000)/', datetime)).toBe('2019-11-14T18:10:38');
    expect(toWire(new Date(Date.UTC(2024, 2, 1, 12)), date)).toBe('2024-03-01');
    // Anything else passes unchanged (a mapping that already produced ISO text).
    expect(toWire('2024-03-01', date)).toBe('2024-03-01');
    expect(fromWire('not a date', datetime)).toBe('not a date');
  });
});
