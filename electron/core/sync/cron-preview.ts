import { Cron } from 'croner';
import cronstrue from 'cronstrue';
import { AppError } from '../../../shared/errors';
import type { SyncSchedule } from '../../../shared/models/sync';
import { errorMessage } from '../../../shared/error-message';

/** "every weekday at 07:00": what the Syncs page and `patchbay sync list` show next to a cron. */
export function describeCron(expr: string): string {
  try {
    const text = cronstrue.toString(expr, { use24HourTimeFormat: true, verbose: false });
    // cronstrue says "At 07:00, Monday through Friday"; lower-case the first letter to read inline.
    return text.charAt(0).toLowerCase() + text.slice(1);
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `The schedule "${expr}" is not a cron expression: ${errorMessage(error)}. Example: "0 7 * * 1-5" (every weekday at 07:00).`,
    );
  }
}

/** Throws invalid_input with a readable reason when croner cannot parse the schedule. */
export function checkSchedule(schedule: SyncSchedule): void {
  try {
    new Cron(schedule.cron, { paused: true, timezone: schedule.timezone }).stop();
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `The schedule "${schedule.cron}" cannot be used: ${errorMessage(error).replace(/\.+$/, '')}. Example: "0 7 * * 1-5".`,
    );
  }
  describeCron(schedule.cron);
}

/** The next time the schedule fires after `from`, or null if it never will. */
export function nextRun(schedule: SyncSchedule, from: Date = new Date()): Date | null {
  const cron = new Cron(schedule.cron, { paused: true, timezone: schedule.timezone });
  try {
    return cron.nextRun(from);
  } finally {
    cron.stop();
  }
}
