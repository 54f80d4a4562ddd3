import { describe, expect, it } from 'vitest';
import { bucketKey, isoWeekKey } from '../../../electron/core/datasets/normalize/buckets';
import { localDateParser } from '../../../electron/core/datasets/normalize/local-date';

describe('ISO week buckets', () => {
  it('puts the turn of 2026/2027 in 2026-W53', () => {
    expect(isoWeekKey('2026-12-31')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-03')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-04')).toBe('2027-W01');
  });

  it('starts a year in the previous year when January begins on Friday–Sunday, and ends one in the next', () => {
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53');
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
    expect(isoWeekKey('2026-01-26')).toBe('2026-W05');
    expect(isoWeekKey('2026-02-01')).toBe('2026-W05');
  });

  it('keys days and months', () => {
    expect(bucketKey('2026-12-31', 'day')).toBe('2026-12-31');
    expect(bucketKey('2026-12-31', 'month')).toBe('2026-12');
    expect(bucketKey('2027-01-01', 'week')).toBe('2026-W53');
  });
});

describe('dates into the dataset time zone', () => {
  it('moves an instant to the local day (late evening UTC is the next day in Paris)', () => {
    const paris = localDateParser('Europe/Paris');
    expect(paris('2026-12-31T23:30:00Z')).toEqual({ datetime: '2027-01-01T00:30:00+01:00', date: '2027-01-01' });
    expect(paris('1640995200')?.date).toBe('2022-01-01');
  });

  it('keeps a bare calendar date on its day, whatever the zone', () => {
    expect(localDateParser('America/Los_Angeles')('2027-01-01')).toEqual({
      datetime: '2027-01-01',
      date: '2027-01-01',
    });
    expect(localDateParser('America/Los_Angeles')('2027-01-01T05:00:00Z')?.date).toBe('2026-12-31');
  });
});
