import { describe, expect, it } from 'vitest';
import { KeyOrder, Lanes, PageWindow, type PageSlot } from '../../../electron/core/sync/pipeline';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every queued promise callback run. */
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

const slot = (cursor: string): PageSlot => ({ cursor, unchanged: 0, maxUpdatedAt: null, settled: null });

describe('Lanes', () => {
  it('runs at most `limit` tasks at once, in the order they were queued', async () => {
    const lanes = new Lanes(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      lanes.run(async () => {
        started.push(i);
        await g.promise;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect(await Promise.all(runs)).toEqual([true, true, true, true]);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('never starts a queued task after halt (what runs finishes)', async () => {
    const lanes = new Lanes(1);
    const gate = deferred();
    let ran = 0;
    const first = lanes.run(async () => {
      ran++;
      await gate.promise;
    });
    const second = lanes.run(async () => void ran++);
    await settle();
    lanes.halt();
    gate.resolve();
    expect(await first).toBe(true);
    expect(await second).toBe(false);
    expect(ran).toBe(1);
  });
});

describe('KeyOrder', () => {
  it('runs tasks sharing a key one after the other, others at once', async () => {
    const order = new KeyOrder();
    const gate = deferred();
    const log: string[] = [];
    const a = order.run(['key:x'], async () => {
      log.push('a');
      await gate.promise;
      log.push('a done');
    });
    const b = order.run(['key:x', 'id:2'], async () => void log.push('b'));
    const c = order.run(['key:y'], async () => void log.push('c'));
    await settle();
    expect(log).toEqual(['a', 'c']);
    gate.resolve();
    await Promise.all([a, b, c]);
    expect(log).toEqual(['a', 'c', 'a done', 'b']);
  });

  it('a failed task still lets the next one with its key run', async () => {
    const order = new KeyOrder();
    const a = order.run(['k'], async () => {
      throw new Error('boom');
    });
    const b = order.run(['k'], async () => 'ran');
    await expect(a).rejects.toThrow('boom');
    expect(await b).toBe('ran');
  });
});

describe('PageWindow', () => {
  it('checkpoints pages strictly in read order, even when a later one finishes first', async () => {
    const retired: string[] = [];
    const win = new PageWindow(3, (s) => void retired.push(s.cursor!));
    const p1 = deferred();
    const p2 = deferred();
    win.add(
      slot('1'),
      p1.promise.then(() => [true]),
    );
    win.add(
      slot('2'),
      p2.promise.then(() => [true, true]),
    );
    p2.resolve();
    await settle();
    expect(retired).toEqual([]);
    p1.resolve();
    await win.drain();
    expect(retired).toEqual(['1', '2']);
    expect(win.size).toBe(0);
  });

  it('a page with work not done stops the checkpoint there: later pages are redone on resume', async () => {
    const retired: string[] = [];
    const win = new PageWindow(3, (s) => void retired.push(s.cursor!));
    win.add(slot('1'), Promise.resolve([true]));
    win.add(slot('2'), Promise.resolve([true, false]));
    win.add(slot('3'), Promise.resolve([true]));
    await win.drain();
    expect(retired).toEqual(['1']);
  });

  it('room() waits while the window is full and returns once the oldest page is checkpointed', async () => {
    const win = new PageWindow(2, () => undefined);
    const p1 = deferred();
    win.add(
      slot('1'),
      p1.promise.then(() => [true]),
    );
    win.add(slot('2'), new Promise<boolean[]>(() => undefined));
    let roomy = false;
    void win.room().then(() => (roomy = true));
    await settle();
    expect(roomy).toBe(false);
    p1.resolve();
    await settle();
    expect(roomy).toBe(true);
  });

  it('a checkpoint that throws ends retirement and is reported', async () => {
    const win = new PageWindow(2, () => {
      throw new Error('disk full');
    });
    win.add(slot('1'), Promise.resolve([true]));
    win.add(slot('2'), Promise.resolve([true]));
    await win.drain();
    expect((win.failure as Error).message).toBe('disk full');
    expect(win.size).toBe(1);
  });
});
