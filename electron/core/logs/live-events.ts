import type { CoreEvents } from '../events';
import { realTimers, type Timers } from '../schedule/timers';
import type { LogStore } from './log-store';

/** At most four `logs:appended` per second: a sync logging thousands of calls must not flood the window. */
export const APPENDED_MIN_INTERVAL_MS = 250;

/**
 * Push `logs:appended` when the store flushes rows, coalescing bursts: the first flush after a quiet
 * period is announced at once, later ones are summed and announced when the interval has passed.
 * Returns a disposer (stops listening and drops a pending announcement) for core.close().
 */
export function wireLiveLogEvents(
  logs: LogStore,
  events: CoreEvents,
  intervalMs = APPENDED_MIN_INTERVAL_MS,
  timers: Timers = realTimers,
): () => void {
  let pending = 0;
  let lastEmit = 0;
  let timer: unknown = null;
  let stopped = false;

  const emit = () => {
    timer = null;
    if (stopped || pending === 0) return;
    const count = pending;
    pending = 0;
    lastEmit = timers.now();
    let headCursor: string;
    try {
      headCursor = logs.headCursor();
    } catch {
      return; // the store closed between the flush and this timer
    }
    events.emit('logs:appended', { count, headCursor });
  };

  const unsubscribe = logs.onAppended(({ count }) => {
    pending += count;
    if (timer) return;
    const wait = lastEmit + intervalMs - timers.now();
    if (wait <= 0) emit();
    // A pending announcement alone must not keep a CLI process alive (real timers are unref'd).
    else timer = timers.setTimer(emit, wait);
  });

  return () => {
    stopped = true;
    unsubscribe();
    if (timer) timers.clearTimer(timer);
  };
}
