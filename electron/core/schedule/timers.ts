/**
 * Time as a scheduler sees it: the wall clock and one-shot timers. Injected so tests run a day of
 * cron slots or a day-long retry schedule in milliseconds (tests/helpers/fake-timers.ts), while
 * production uses the real clock and Node's timers.
 */
export interface Timers {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    // A pending timer never keeps a CLI process alive.
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
};
