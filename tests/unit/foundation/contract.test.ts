import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, events } from '../../../shared/contract';
import { buildApi } from '../../../shared/contract/bridge';

describe('IPC contract', () => {
  it('gives every channel a <feature>:<verb> name, an object input schema and an output schema', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
      expect(spec.input).toBeInstanceOf(z.ZodType);
      expect(spec.output).toBeInstanceOf(z.ZodType);
      expect(spec.summary.length).toBeGreaterThan(5);
      // Object inputs only: a bare value can never be mistaken for a valid payload.
      expect((spec.input as z.ZodType).safeParse(42).success, name).toBe(false);
      expect((spec.input as z.ZodType).safeParse('x').success, name).toBe(false);
      expect((spec.input as z.ZodType).safeParse(null).success, name).toBe(false);
    }
  });

  it('builds exactly one named method per channel and no generic invoke', () => {
    const invoked: string[] = [];
    const api = buildApi(
      Object.keys(contract),
      Object.keys(events),
      async (channel) => (invoked.push(channel), { ok: true, value: null }),
      () => () => {},
    );
    const methods = Object.entries(api)
      .filter(([key]) => key !== 'on')
      .flatMap(([group, value]) => Object.keys(value as object).map((m) => `${group}:${m}`));
    expect(methods.sort()).toEqual(Object.keys(contract).sort());
    expect(api).not.toHaveProperty('invoke');
  });

  it('routes a method to its own channel and refuses unknown events', async () => {
    const invoked: { channel: string; input: unknown }[] = [];
    const api = buildApi(
      Object.keys(contract),
      Object.keys(events),
      async (channel, input) => (invoked.push({ channel, input }), { ok: true, value: null }),
      () => () => {},
    );
    await api.app.info();
    expect(invoked).toEqual([{ channel: 'app:info', input: {} }]);
    expect(() => (api.on as (e: string, l: () => void) => void)('nope:event', () => {})).toThrow(/Unknown event/);
  });
});
