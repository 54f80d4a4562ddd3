import type { Timers } from '../../electron/core/schedule/timers';

/** Timers whose time moves only when the test says so; due timers fire, in order, on advance(). */
export class FakeTimers implements Timers {
  private timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;

  constructor(public t = Date.parse('2025-06-01T00:00:00Z')) {}

  now(): number {
    return this.t;
  }

  setTimer(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }

  clearTimer(handle: unknown): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  /** How many timers are waiting (a stopped scheduler leaves none). */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward, firing timers in due order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
    }
    this.t = end;
  }

  /** The wall clock jumps (the computer slept): timers armed before do not fire until time moves on. */
  jump(ms: number): void {
    for (const timer of this.timers.values()) timer.at += ms;
    this.t += ms;
  }
}
