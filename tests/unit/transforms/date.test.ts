import { describe, expect, it } from 'vitest';
import { formatInZone, wallTimeToEpoch, zoneOffsetMs } from '../../../shared/transforms/tz';
import { fails, run } from './helpers';

const paris = (formats: string[], extra: Record<string, unknown> = {}) => ({
  kind: 'date',
  formats,
  timezone: 'Europe/Paris',
  ...extra,
});

describe('date formats', () => {
  it('reads DD/MM/YYYY and MM/DD/YYYY differently, in the configured zone', async () => {
    expect(await run(paris(['DD/MM/YYYY']), '03/04/2024')).toBe('2024-04-02T22:00:00Z'); // 3 April, CEST midnight
    expect(await run(paris(['MM/DD/YYYY']), '03/04/2024')).toBe('2024-03-03T23:00:00Z'); // 4 March, CET midnight
  });

  it('tries formats in order and reports none matching', async () => {
    const step = paris(['YYYY-MM-DD', 'DD.MM.YYYY HH:mm']);
    expect(await run(step, '24.12.2024 18:30')).toBe('2024-12-24T17:30:00Z');
    const message = await fails(step, '2024/12/24', 'transform_error', 'no_format');
    expect(message).toContain('YYYY-MM-DD, DD.MM.YYYY HH:mm');
  });

  it('accepts 29 February in a leap year and rejects it otherwise', async () => {
    expect(await run({ kind: 'date', formats: ['DD/MM/YYYY'], output: 'date' }, '29/02/2024')).toBe('2024-02-29');
    expect(await run({ kind: 'date', formats: ['YYYY-MM-DD'], output: 'date' }, '2000-02-29')).toBe('2000-02-29'); // divisible by 400
    expect(
      await fails({ kind: 'date', formats: ['DD/MM/YYYY'] }, '29/02/2023', 'transform_error', 'invalid_date'),
    ).toMatch(/2023 is not a leap year/);
    await fails({ kind: 'date', formats: ['YYYY-MM-DD'] }, '1900-02-29', 'transform_error', 'invalid_date'); // divisible by 100
    await fails({ kind: 'date', formats: ['DD/MM/YYYY'] }, '31/04/2024', 'transform_error', 'invalid_date');
    await fails({ kind: 'date', formats: ['DD/MM/YYYY'] }, '12/13/2024', 'transform_error', 'invalid_date');
  });

  it('a date-only value with output "date" stays the same calendar day whatever the zone', async () => {
    expect(
      await run(
        { kind: 'date', formats: ['DD/MM/YYYY'], timezone: 'Pacific/Kiritimati', output: 'date' },
        '01/01/2024',
      ),
    ).toBe('2024-01-01');
  });

  it('reads month names in English, French and German, and 12-hour clocks', async () => {
    const step = { kind: 'date', formats: ['D MMMM YYYY'], output: 'date' };
    expect(await run(step, '5 März 2024')).toBe('2024-03-05');
    expect(await run(step, '14 juillet 1789')).toBe('1789-07-14');
    expect(await run(step, '1 Sept. 2023')).toBe('2023-09-01');
    expect(
      await run({ kind: 'date', formats: ['MM/DD/YYYY hh:mm A'], timezone: 'America/New_York' }, '07/04/2024 12:05 am'),
    ).toBe('2024-07-04T04:05:00Z');
    expect(await run({ kind: 'date', formats: ['MM/DD/YYYY hh:mm A'] }, '07/04/2024 12:05 PM')).toBe(
      '2024-07-04T12:05:00Z',
    );
  });

  it('ISO with and without offset; an explicit offset wins over the configured zone', async () => {
    const step = paris(['ISO']);
    expect(await run(step, '2024-07-01T10:00:00')).toBe('2024-07-01T08:00:00Z');
    expect(await run(step, '2024-07-01T10:00:00.5+05:30')).toBe('2024-07-01T04:30:00.500Z');
    expect(await run(step, '2024-07-01 10:00Z')).toBe('2024-07-01T10:00:00Z');
  });

  it('unix seconds and milliseconds, as text or numbers', async () => {
    expect(await run({ kind: 'date', formats: ['unix'] }, 1709251200)).toBe('2024-03-01T00:00:00Z');
    expect(await run({ kind: 'date', formats: ['unix_ms'] }, '1709251200123')).toBe('2024-03-01T00:00:00.123Z');
  });

  it('RFC 2822 with numeric and named zones', async () => {
    const step = { kind: 'date', formats: ['RFC2822'] };
    expect(await run(step, 'Tue, 1 Jul 2003 10:52:37 +0200')).toBe('2003-07-01T08:52:37Z');
    expect(await run(step, '01 Jul 2003 10:52 EDT')).toBe('2003-07-01T14:52:00Z');
    expect(await run(step, 'Thu, 29 Feb 2024 23:59:59 GMT')).toBe('2024-02-29T23:59:59Z');
  });

  it('outputs in a chosen zone with its offset, or as a calendar date there', async () => {
    expect(await run({ kind: 'date', formats: ['ISO'], outputZone: 'America/New_York' }, '2024-01-15T12:00:00Z')).toBe(
      '2024-01-15T07:00:00-05:00',
    );
    expect(
      await run({ kind: 'date', formats: ['ISO'], outputZone: 'Asia/Tokyo', output: 'date' }, '2024-12-31T20:00:00Z'),
    ).toBe('2025-01-01');
  });

  it('empty text is null, garbage types are typed errors', async () => {
    expect(await run({ kind: 'date' }, '  ')).toBeNull();
    await fails({ kind: 'date' }, { y: 1 }, 'transform_error');
  });
});

describe('DST gaps and overlaps', () => {
  it('Europe/Paris spring-forward: 02:30 does not exist; compatible moves it to 03:30 CEST', async () => {
    const formats = ['YYYY-MM-DD HH:mm'];
    expect(await run(paris(formats), '2024-03-31 02:30')).toBe('2024-03-31T01:30:00Z');
    expect(await run(paris(formats, { disambiguation: 'earlier' }), '2024-03-31 02:30')).toBe('2024-03-31T00:30:00Z');
    expect(
      await fails(paris(formats, { disambiguation: 'reject' }), '2024-03-31 02:30', 'transform_error', 'dst_gap'),
    ).toMatch(/skip/);
  });

  it('Europe/Paris fall-back: 02:30 happens twice; earlier = CEST, later = CET', async () => {
    const formats = ['YYYY-MM-DD HH:mm'];
    expect(await run(paris(formats), '2024-10-27 02:30')).toBe('2024-10-27T00:30:00Z');
    expect(await run(paris(formats, { disambiguation: 'later' }), '2024-10-27 02:30')).toBe('2024-10-27T01:30:00Z');
    await fails(paris(formats, { disambiguation: 'reject' }), '2024-10-27 02:30', 'transform_error', 'dst_overlap');
    // Just outside the overlap: unambiguous.
    expect(await run(paris(formats, { disambiguation: 'reject' }), '2024-10-27 03:00')).toBe('2024-10-27T02:00:00Z');
  });

  it('America/New_York: gap on 10 March 2024, overlap on 3 November 2024', async () => {
    const ny = {
      kind: 'date',
      formats: ['MM/DD/YYYY HH:mm'],
      timezone: 'America/New_York',
      outputZone: 'America/New_York',
    };
    expect(await run(ny, '03/10/2024 02:30')).toBe('2024-03-10T03:30:00-04:00');
    expect(await run(ny, '11/03/2024 01:30')).toBe('2024-11-03T01:30:00-04:00');
    expect(await run({ ...ny, disambiguation: 'later' }, '11/03/2024 01:30')).toBe('2024-11-03T01:30:00-05:00');
  });

  it('tz helpers: offsets and formatting around the transition', () => {
    expect(zoneOffsetMs('Europe/Paris', Date.UTC(2024, 2, 31, 0, 59))).toBe(3_600_000);
    expect(zoneOffsetMs('Europe/Paris', Date.UTC(2024, 2, 31, 1, 0))).toBe(7_200_000);
    expect(formatInZone(Date.UTC(2024, 2, 31, 1, 0), 'Europe/Paris')).toBe('2024-03-31T03:00:00+02:00');
    expect(wallTimeToEpoch(Date.UTC(2024, 5, 1, 12), 'Asia/Kathmandu')).toEqual({
      epochMs: Date.UTC(2024, 5, 1, 6, 15),
    });
  });
});

describe('date config errors', () => {
  it('an invalid format pattern is rejected at parse, naming the token', async () => {
    expect(await fails({ kind: 'date', formats: ['DD/QQ/YYYY'] }, 'x', 'transform_error')).toMatch(
      /Unknown token "Q" at position 3/,
    );
    expect(await fails({ kind: 'date', formats: ['MM/YYYY'] }, 'x', 'transform_error')).toMatch(
      /needs a year .* and a day/,
    );
    expect(await fails({ kind: 'date', formats: ['DD/MM/YYYY hh:mm'] }, 'x', 'transform_error')).toMatch(/AM\/PM/);
  });

  it('an unknown time zone is rejected at parse', async () => {
    expect(await fails({ kind: 'date', timezone: 'Europe/Atlantis' }, 'x', 'transform_error')).toMatch(
      /Unknown time zone "Europe\/Atlantis"/,
    );
  });
});
