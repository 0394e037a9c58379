// One pass of the approval reminders: every plan or asset waiting for a decision longer than the
// configured hours gets a reminder in its thread, at most one a day and three in all. Each reminder is a
// once-per-period lock (job `reminder`, period = the decision asked for and the reminder's number), so
// replicas and restarts send it once; a reminder missed while the app was down goes out once when back.
import { dueReminder } from '../domain/reminders.ts';
import type { ProgramRef } from '../domain/program.ts';
import type { Logger } from '../logging.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { pendingItems, type PendingItem } from '../services/pending.ts';
import type { Message } from '../slack/blocks/kit.ts';
import { reminderMessage } from '../slack/blocks/reminder.ts';
import { MAX_REMINDERS } from '../domain/reminders.ts';
import type { PeriodLocks } from './locks.ts';

export const REMINDER_JOB = 'reminder';

/** Posts in a run's thread, with the token of the program's workspace. */
export type PostInThread = (program: ProgramRef, threadTs: string, message: Message) => Promise<void>;

export interface ReminderJobDeps {
  services: ServiceDeps;
  locks: PeriodLocks;
  post: PostInThread;
  logger: Logger;
  holder: string;
  hours: number;
  installed?: (teamId: string) => Promise<boolean>;
}

export interface ReminderSummary {
  sent: number;
  failed: number;
}

const periodOf = (item: PendingItem, n: number) => `${item.threadTs}:${item.key}#${n}`;

async function sentSoFar(deps: ReminderJobDeps, item: PendingItem): Promise<Date[]> {
  const sent: Date[] = [];
  for (let n = 1; n <= MAX_REMINDERS; n += 1) {
    const at = await deps.locks.doneAt(REMINDER_JOB, item.program, periodOf(item, n));
    if (at === undefined) break;
    sent.push(at);
  }
  return sent;
}

async function remind(deps: ReminderJobDeps, item: PendingItem): Promise<'sent' | 'skipped' | 'failed'> {
  const now = deps.services.clock.now();
  const n = dueReminder({ since: item.since, sent: await sentSoFar(deps, item) }, now, deps.hours);

  if (n === undefined) return 'skipped';
  if (deps.installed && !(await deps.installed(item.program.teamId))) return 'skipped';
  const claim = await deps.locks.claim(REMINDER_JOB, item.program, periodOf(item, n), deps.holder, now);
  if (!claim.claimed) return 'skipped';
  try {
    await deps.post(item.program, item.threadTs, reminderMessage(item, n, now));
  } catch (error) {
    // The claim stays; once stale, a later pass takes it over (up to the lock's attempts).
    deps.logger.error('reminder_failed', { team: item.program.teamId, channel: item.program.channelId, thread: item.threadTs, reminder: n, error });
    return 'failed';
  }
  await deps.locks.done(claim.lock, deps.services.clock.now());
  deps.logger.info('reminder_sent', { team: item.program.teamId, channel: item.program.channelId, thread: item.threadTs, item: item.key, reminder: n });
  return 'sent';
}

export async function runReminderJob(deps: ReminderJobDeps): Promise<ReminderSummary> {
  const summary: ReminderSummary = { sent: 0, failed: 0 };
  for (const item of await pendingItems(deps.services, { decisionsOnly: true })) {
    const outcome = await remind(deps, item).catch((error: unknown) => {
      deps.logger.error('reminder_failed', { team: item.program.teamId, channel: item.program.channelId, thread: item.threadTs, error });
      return 'failed' as const;
    });
    if (outcome === 'sent') summary.sent += 1;
    if (outcome === 'failed') summary.failed += 1;
  }
  return summary;
}
