import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type HandlerTable } from '../../../electron/core/ipc/dispatch';
import { FILE_WRITING_CHANNELS, FileGrants } from '../../../electron/core/ipc/file-grants';
import { contract } from '../../../shared/contract';
import { AppError, ERROR_CODES } from '../../../shared/errors';
import type { z } from 'zod';
import { makeTestCore, type TestCore } from '../../helpers/core';

/**
 * Random malformed payloads on every channel, as a compromised renderer could send them over IPC
 * (structured clone: also BigInt, Date, Map, typed arrays, cycles) or browser mode (JSON). The
 * properties: dispatch never throws, every refusal is a typed error (never `internal`), a handler
 * only ever sees input its schema accepts, and a file-writing channel without a dialog grant never
 * runs. Seeded, so a failure names the payload that caused it and reruns the same way.
 */
const SEED = Number(process.env.PATCHBAY_FUZZ_SEED ?? 20_261_201);
const PER_CHANNEL = 40;
const channels = Object.keys(contract) as (keyof typeof contract)[];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The top-level keys a channel's input declares, so deep values also land where the schema descends. */
function inputKeys(schema: unknown): string[] {
  let s = schema as { shape?: Record<string, unknown>; _zod?: { def?: { innerType?: unknown; in?: unknown } } };
  for (let i = 0; i < 5 && s && !s.shape; i++) s = (s._zod?.def?.innerType ?? s._zod?.def?.in) as typeof s;
  return s?.shape ? Object.keys(s.shape) : [];
}

function makeGenerator(random: () => number, dataDir: string, channel: () => string) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const keys = ['id', 'path', 'name', 'source', 'format', '__proto__', 'constructor', 'prototype', 'then', 'x'];
  const strings = [
    '',
    'x'.repeat(5000),
    '../../etc/passwd',
    '/etc/passwd',
    join(dataDir, 'logs.db'),
    join(dataDir, 'config.json'),
    'file:///etc/passwd',
    'http://169.254.169.254/latest/meta-data',
    '\u0000\uffff\ud800',
    "'; DROP TABLE runs; --",
    '{{constructor.constructor("return process")()}}',
  ];
  const scalar = (): unknown =>
    pick<() => unknown>([
      () => pick(strings),
      () => pick([0, -0, -1, 1.5, 2 ** 53, NaN, Infinity, -Infinity]),
      () => pick([true, false, null, undefined]),
      () => BigInt(Math.floor(random() * 1e6)),
      () => new Date(pick([0, NaN, 8.64e15])),
      () => new Map([['id', 'x']]),
      () => new Uint8Array(8),
    ])();
  const value = (depth: number): unknown => {
    const r = random();
    if (depth > 4 || r < 0.4) return scalar();
    if (r < 0.7)
      return Object.fromEntries(
        Array.from({ length: 1 + Math.floor(random() * 4) }, () => [pick(keys), value(depth + 1)]),
      );
    return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
  };
  const deep = (levels: number): unknown => {
    let v: unknown = scalar();
    for (let i = 0; i < levels; i++) v = random() < 0.5 ? [v] : { [pick(keys)]: v };
    return v;
  };
  const next = (): unknown =>
    pick<() => unknown>([
      () => value(0),
      () => scalar(),
      () => ({ path: pick(strings), format: pick(['jsonl', 'csv', 'har']), source: pick(strings) }),
      () => ({ id: pick(strings), extra: deep(65 + Math.floor(random() * 3000)) }),
      () => deep(65 + Math.floor(random() * 5_000)),
      () => {
        const cyclic: Record<string, unknown> = { id: 'x' };
        cyclic.self = cyclic;
        return cyclic;
      },
    ])();
  /** Valid JSON all the way down (no key a schema refuses early), so a schema that takes any JSON walks it. */
  const deepJson = (levels: number): unknown => {
    let v: unknown = 'leaf';
    for (let i = 0; i < levels; i++) v = random() < 0.5 ? [v] : { a: v };
    return v;
  };
  /** For each declared field of the channel's input, the other fields random and this one far too deep. */
  const deepInEachField = (): unknown[] => {
    const keys = inputKeys(contract[channel() as keyof typeof contract].input);
    return keys.map((key) =>
      Object.fromEntries([...keys.map((k) => [k, value(3)]), [key, deepJson(10_000 + Math.floor(random() * 10_000))]]),
    );
  };
  return { next, deepInEachField };
}

const describePayload = (p: unknown) => {
  try {
    return JSON.stringify(p, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))?.slice(0, 300) ?? String(p);
  } catch {
    return '(cyclic)';
  }
};

describe('IPC fuzz: random malformed payloads on every channel', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeTestCore();
  });
  afterAll(() => t.close());

  it(`never throws, refuses with typed errors and hands handlers only valid input (seed ${SEED})`, async () => {
    const reached: { channel: string; input: unknown }[] = [];
    // Stand-in handlers record what reached them and run nothing: the property is about dispatch.
    // A handler that takes anything and never returns fits every channel's handler type.
    const standIns = Object.fromEntries(
      channels.map((c) => [
        c,
        (input: unknown): never => {
          reached.push({ channel: c, input });
          throw new AppError('unsupported', 'fuzz: not executed');
        },
      ]),
    ) as Record<(typeof channels)[number], (input: unknown) => never>;
    const recording: HandlerTable = standIns;
    let current = '';
    const { next, deepInEachField } = makeGenerator(prng(SEED), t.dataDir, () => current);
    let refused = 0;
    for (const channel of channels) {
      current = channel;
      const payloads = [...Array.from({ length: PER_CHANNEL }, next), ...deepInEachField()];
      for (const payload of payloads) {
        const result = await dispatch(recording, channel, payload, {
          validateOutput: true,
          fileGrants: new FileGrants(),
        });
        const where = `${channel} with ${describePayload(payload)}`;
        expect(result.ok, where).toBe(false);
        if (result.ok) continue;
        expect(ERROR_CODES, where).toContain(result.error.code);
        expect(result.error.code, where).not.toBe('internal');
        if (result.error.code !== 'unsupported') refused++;
      }
    }
    for (const { channel, input } of reached) {
      const schema = contract[channel as keyof typeof contract].input as z.ZodType;
      expect(schema.safeParse(input).success, `${channel} got ${describePayload(input)}`).toBe(true);
      expect(FILE_WRITING_CHANNELS.has(channel), `${channel} ran without a grant`).toBe(false);
    }
    // The generator is malformed enough to be worth running: most payloads never reach a handler.
    expect(refused).toBeGreaterThan(channels.length * PER_CHANNEL * 0.8);
  });

  it('through the real handlers: deep and path payloads on every channel change nothing on disk', async () => {
    let current = '';
    const { next } = makeGenerator(prng(SEED + 1), t.dataDir, () => current);
    const victims = ['pwned.jsonl', 'pwned.csv', 'pwned.zip', 'pwned-folder'].map((f) => join(t.dataDir, f));
    for (const channel of channels) {
      current = channel;
      for (let i = 0; i < 10; i++) {
        const payload =
          i % 2
            ? { path: victims[i % victims.length], format: 'csv', extra: next() }
            : { path: victims[i % victims.length], deep: next() };
        const result = await t.rawUntrusted(channel, payload);
        const where = `${channel} with ${describePayload(payload)}`;
        expect(result.ok, where).toBe(false);
        if (!result.ok) expect(result.error.code, where).not.toBe('internal');
      }
      // Only what the user picked is written: nothing here was picked.
      if (FILE_WRITING_CHANNELS.has(channel)) {
        for (const path of victims) {
          const result = await t.rawUntrusted(channel, { path, format: 'csv', id: 'x', series: 'kpis' });
          expect(result, channel).toMatchObject({ ok: false });
        }
      }
    }
    for (const path of victims) expect(existsSync(path), path).toBe(false);
  });
});
