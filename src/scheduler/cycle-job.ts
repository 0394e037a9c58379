// One scheduled pass of a cadence: for every program with a campaign, take the period's lock, run the
// cycle, build the report from stored state and post it with the cycle's actions as next priorities.
import { CADENCE_DAYS, type Cadence } from '../domain/decisions.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import type { Logger } from '../logging.ts';
import * as cycles from '../services/cycles.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { growthReport } from '../services/reports.ts';
import type { Message } from '../slack/blocks/kit.ts';
import { reportMessage } from '../slack/blocks/report.ts';
import { MAX_ATTEMPTS, PeriodLocks } from './locks.ts';
import type { Period } from './periods.ts';

/**
 * Posts a top-level message in the program's channel (chat.postMessage in production, whose client retries
 * 429s), with the token of the program's workspace.
 */
export type PostMessage = (program: ProgramRef, message: Message) => Promise<void>;

export interface CycleJobDeps {
  services: ServiceDeps;
  locks: PeriodLocks;
  post: PostMessage;
  logger: Logger;
  /** Who claims the locks: this scheduler instance. */
  holder: string;
  /** False for a workspace that uninstalled the app (OAuth mode): its programs are skipped, not failed. */
  installed?: (teamId: string) => Promise<boolean>;
}

export interface PassSummary {
  posted: number;
  skipped: number;
  failed: number;
}

const CRON_ACTOR: Actor = { userId: 'ohmymkt', surface: 'cron' };

// Programs are worked a few at a time: each posts one message to its own channel, so this bounds load
// on the store and on the workspace's Slack quota without waiting on any one channel's rate.
const CONCURRENCY = 4;

const CADENCE_TITLE: Record<Cadence, string> = { weekly: 'Weekly', monthly: 'Monthly', quarterly: 'Quarterly' };

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

type Outcome = 'posted' | 'skipped' | 'failed';

const where = (period: Period, program: ProgramRef) => ({
  cadence: period.cadence,
  period: period.key,
  team: program.teamId,
  channel: program.channelId,
});

async function runForProgram(deps: CycleJobDeps, period: Period, program: ProgramRef, dueAt: Date): Promise<Outcome> {
  const { services, locks, holder } = deps;
  const { state } = await services.repos.programs.load(program);
  // A campaign started after the scheduled time was not due this period: no report was missed.
  if (state.execution === undefined || state.execution.startedAt > dueAt) return 'skipped';
  if (deps.installed && !(await deps.installed(program.teamId))) return 'skipped';
  const claim = await locks.claim(period.cadence, program, period.key, holder, services.clock.now());
  if (!claim.claimed) return 'skipped';
  try {
    const outcome = await cycles.run(services, program, CRON_ACTOR, period.cadence, period.key);
    const report = await growthReport(services, program, CADENCE_DAYS[period.cadence]);
    const title = `${CADENCE_TITLE[period.cadence]} growth report · ${period.key} · cycle: ${outcome.cycle.decision}`;
    await deps.post(program, reportMessage(report, title, outcome.cycle.actions));
  } catch (error) {
    // The claim stays; once stale, a later pass takes it over, up to MAX_ATTEMPTS in all.
    const { attempts } = claim.lock;
    deps.logger.error('scheduled_report_failed', { ...where(period, program), attempts, willRetry: attempts < MAX_ATTEMPTS, error });
    return 'failed';
  }
  await locks.done(claim.lock, services.clock.now());
  deps.logger.info('scheduled_report_posted', { ...where(period, program), takeover: claim.takeover });
  return 'posted';
}

/**
 * Reports `period` for every program whose campaign had started by `dueAt` (the period's scheduled
 * instant). A failing program is logged and the others go on.
 */
export async function runCycleJob(deps: CycleJobDeps, period: Period, dueAt: Date): Promise<PassSummary> {
  const [programs, finished] = await Promise.all([
    deps.services.repos.programs.withCampaign(),
    deps.locks.finished(period.cadence, period.key),
  ]);
  const pending = programs.filter((program) => !finished.has(PeriodLocks.id(period.cadence, program, period.key)));
  const summary: PassSummary = { posted: 0, skipped: programs.length - pending.length, failed: 0 };
  await eachLimited(pending, CONCURRENCY, async (program) => {
    try {
      summary[await runForProgram(deps, period, program, dueAt)] += 1;
    } catch (error) {
      // The store failed around the claim; a later pass retries from whatever the lock then says.
      summary.failed += 1;
      deps.logger.error('scheduled_report_failed', { ...where(period, program), error });
    }
  });
  return summary;
}
