import { describe, expect, it } from 'vitest';
import { judge } from '../../../electron/core/sync/brake';
import { emptyCounters } from '../../../electron/core/sync/state-store';
import { DEFAULT_BRAKE } from '../../../shared/models/sync';

const counters = (updated: number, ambiguous = 0) => ({ ...emptyCounters(), updated, ambiguous });

describe('the brake threshold', () => {
  it('holds above 20% of the synced records, not at it', () => {
    expect(judge(DEFAULT_BRAKE, counters(40), 200).held).toBe(false);
    expect(judge(DEFAULT_BRAKE, counters(41), 200)).toMatchObject({ held: true, changes: 41, synced: 200 });
  });

  it('holds above 500 changes whatever the share, also on a first run with nothing synced yet', () => {
    expect(judge(DEFAULT_BRAKE, counters(500), 10_000).held).toBe(false);
    expect(judge(DEFAULT_BRAKE, counters(501), 10_000).held).toBe(true);
    expect(judge(DEFAULT_BRAKE, counters(400), 0).held).toBe(false);
    expect(judge(DEFAULT_BRAKE, counters(501), 0).held).toBe(true);
  });

  it('lets small runs through (fewer than minChanges), but never an ambiguous match', () => {
    expect(judge(DEFAULT_BRAKE, counters(19), 19).held).toBe(false);
    expect(judge(DEFAULT_BRAKE, counters(20), 20).held).toBe(true);
    expect(judge(DEFAULT_BRAKE, counters(0, 1), 10)).toMatchObject({ held: true, ambiguous: 1 });
    expect(judge({ ...DEFAULT_BRAKE, minChanges: 0 }, counters(1), 1).held).toBe(true);
  });
});
