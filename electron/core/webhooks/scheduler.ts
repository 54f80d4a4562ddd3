/**
 * Time as the outbox sees it. Injected so tests can run a day-long retry schedule in
 * milliseconds (tests/helpers/webhook-fake-clock.ts) while production uses the real timers.
 */
export interface Scheduler {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
};
