// Registers the weekly, monthly and quarterly cycle reports with node-cron in the configured time
// zone, and makes up at start (and every quarter hour) for a period whose run was missed or failed.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config.ts';
import type { Cadence } from '../domain/decisions.ts';
import type { Logger } from '../logging.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { DocumentStore } from '../store/port.ts';
import { runCycleJob, type PassSummary, type PostMessage } from './cycle-job.ts';
import { PeriodLocks } from './locks.ts';
import { firstScheduledInstant, periodOf } from './periods.ts';
import { runReminderJob, type PostInThread, type ReminderSummary } from './reminder-job.ts';

export const MONTHLY_CRON = '0 9 1 * *';
export const QUARTERLY_CRON = '0 9 1 1,4,7,10 *';
// Locks make every pass idempotent, so re-checking often is cheap; it is what retries a failed post
// and takes over a claim whose holder died, without waiting for the next restart.
export const CATCH_UP_CRON = '*/15 * * * *';
// Reminders are due to the hour; a quarter-hour pass sends each within 15 minutes of its time.
export const REMINDER_CRON = '*/15 * * * *';

export interface SchedulerOptions {
  config: Pick<Config, 'timezone' | 'weeklyCron'>;
  deps: ServiceDeps;
  store: DocumentStore;
  post: PostMessage;
  logger: Logger;
  /** OAuth mode: whether a workspace still has the app installed; its jobs stop when not. */
  installed?: (teamId: string) => Promise<boolean>;
  /** Approval reminders: after `hours` without a decision, posted in the thread with `post`. */
  reminders?: { hours: number; post: PostInThread };
}

export interface Scheduler {
  /** What a cron tick does: report the period `deps.clock` is in now, for every program not yet reported. */
  tick(cadence: Cadence): Promise<PassSummary>;
  /** Reports each cadence's current period when its scheduled time has passed and it is not done yet. */
  catchUp(): Promise<void>;
  /** What a reminder tick does: remind every decision waiting past its time (none without reminders configured). */
  remind(): Promise<ReminderSummary>;
  /** Resolves when every pass started so far (by cron, at start or by a call) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startScheduler(options: SchedulerOptions): Promise<Scheduler> {
  const { config, deps, logger } = options;
  const locks = await PeriodLocks.open(options.store);
  const jobDeps = {
    services: deps,
    locks,
    post: options.post,
    logger,
    holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    ...(options.installed ? { installed: options.installed } : {}),
  };
  const pending = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    pending.add(work);
    void work.finally(() => pending.delete(work)).catch(() => undefined);
    return work;
  };

  const pass = (cadence: Cadence, at: Date, dueAt: Date) =>
    track(
      runCycleJob(jobDeps, periodOf(cadence, at, config.timezone), dueAt).then((summary) => {
        // Most quarter-hour passes find everything done; only passes that did something are news.
        (summary.posted + summary.failed > 0 ? logger.info : logger.debug)('scheduled_pass', { cadence, ...summary });
        return summary;
      }),
    );

  const cronLogger = {
    info: (message: string) => logger.info('cron', { message }),
    warn: (message: string) => logger.warn('cron', { message }),
    error: (message: string | Error) => logger.error('cron', { error: message }),
    debug: (message: string | Error) => logger.debug('cron', { message: String(message) }),
  };
  const schedule = (expression: string, run: () => Promise<unknown>) =>
    cron.schedule(
      expression,
      () =>
        run().catch((error: unknown) => {
          logger.error('scheduled_pass_failed', { expression, error });
        }),
      // A tick delayed past node-cron's default one-second tolerance would be dropped; ours are idempotent.
      { timezone: config.timezone, noOverlap: true, missedExecutionTolerance: 60_000, logger: cronLogger },
    );

  const cadenceTasks: Record<Cadence, ScheduledTask> = {
    weekly: schedule(config.weeklyCron, () => tick('weekly')),
    monthly: schedule(MONTHLY_CRON, () => tick('monthly')),
    quarterly: schedule(QUARTERLY_CRON, () => tick('quarterly')),
  };

  function tick(cadence: Cadence): Promise<PassSummary> {
    const now = deps.clock.now();
    return pass(cadence, now, now);
  }

  async function catchUp(): Promise<void> {
    const now = deps.clock.now();
    for (const [cadence, task] of Object.entries(cadenceTasks) as Array<[Cadence, ScheduledTask]>) {
      const dueAt = firstScheduledInstant(periodOf(cadence, now, config.timezone), task, config.timezone);
      if (dueAt !== undefined && dueAt <= now) await pass(cadence, now, dueAt);
    }
  }

  const reminders = options.reminders;
  function remind(): Promise<ReminderSummary> {
    if (!reminders) return Promise.resolve({ sent: 0, failed: 0 });
    return track(runReminderJob({ ...jobDeps, hours: reminders.hours, post: reminders.post }));
  }

  const tasks = [...Object.values(cadenceTasks), schedule(CATCH_UP_CRON, catchUp), ...(reminders ? [schedule(REMINDER_CRON, remind)] : [])];
  track(catchUp()).catch((error: unknown) => logger.error('scheduled_pass_failed', { expression: 'start', error }));
  remind().catch((error: unknown) => logger.error('scheduled_pass_failed', { expression: 'reminders at start', error }));

  async function idle(): Promise<void> {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  }

  return {
    tick,
    catchUp: () => track(catchUp()),
    remind,
    idle,
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
      await idle();
    },
  };
}
