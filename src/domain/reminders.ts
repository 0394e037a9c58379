// When an approval that waits for a person is reminded in its thread (issue 16): first after the
// configured hours, then at most one a day, three in all. Pure: times come in as arguments.

export const MAX_REMINDERS = 3;
export const DEFAULT_REMINDER_HOURS = 24;
const HOUR_MS = 3_600_000;
/** "At most one a day": the shortest gap between two reminders of one approval. */
export const MIN_REMINDER_GAP_MS = 24 * HOUR_MS;

export interface ReminderHistory {
  /** When the approval started waiting (its card was posted). */
  since: Date;
  /** When each reminder already sent went out, first first. */
  sent: readonly Date[];
}

/**
 * The number (1-based) of the reminder due at `now`, or undefined when none is. A reminder missed while
 * the app was down is sent once when it is back, never several at once: each one waits for the gap
 * after the previous one.
 */
export function dueReminder(history: ReminderHistory, now: Date, hours: number): number | undefined {
  const count = history.sent.length;
  if (count >= MAX_REMINDERS) return undefined;
  if (now.getTime() - history.since.getTime() < hours * HOUR_MS) return undefined;
  const last = history.sent[count - 1];
  if (last !== undefined && now.getTime() - last.getTime() < Math.max(MIN_REMINDER_GAP_MS, hours * HOUR_MS)) return undefined;
  return count + 1;
}
