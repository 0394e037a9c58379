// Once-per-period locks: one document per (job, program, period), claimed by inserting it, so exactly
// one replica posts a period's report even across restarts. A claim left by a crashed holder expires.
import { z } from 'zod';
import { programKey, type ProgramRef } from '../domain/program.ts';
import type { Collection, DocumentStore } from '../store/port.ts';
import { readStored, scope } from '../store/repos/stored.ts';

/** Far longer than one report takes (a cycle, a report, one post with Slack's retries). */
export const STALE_CLAIM_MS = 15 * 60_000;
/** A program that keeps failing is given up for the period after this many claims. */
export const MAX_ATTEMPTS = 3;
// Past any period a lock can still matter for (a quarter is at most 92 days).
const LOCK_TTL_SECONDS = 180 * 24 * 60 * 60;

const LockSchema = z.object({
  _id: z.string(),
  job: z.string(),
  teamId: z.string(),
  channelId: z.string(),
  period: z.string(),
  state: z.enum(['claimed', 'done']),
  holder: z.string(),
  claimedAt: z.date(),
  attempts: z.number().int().min(1),
  doneAt: z.date().optional(),
});
type LockDocument = z.infer<typeof LockSchema>;

export interface HeldLock {
  id: string;
  holder: string;
  attempts: number;
}

export type ClaimResult =
  | { claimed: true; lock: HeldLock; takeover: boolean }
  | { claimed: false; reason: 'done' | 'held' | 'exhausted' };

export class PeriodLocks {
  private constructor(private readonly docs: Collection<LockDocument>) {}

  static async open(store: DocumentStore): Promise<PeriodLocks> {
    return new PeriodLocks(
      await store.collection<LockDocument>('period_locks', [
        { field: 'period' },
        { field: 'claimedAt', expireAfterSeconds: LOCK_TTL_SECONDS },
      ]),
    );
  }

  static id(job: string, program: ProgramRef, period: string): string {
    return `${job}:${programKey(program)}:${period}`;
  }

  async claim(job: string, program: ProgramRef, period: string, holder: string, now: Date): Promise<ClaimResult> {
    const id = PeriodLocks.id(job, program, period);
    const fresh: LockDocument = { _id: id, job, ...scope(program), period, state: 'claimed', holder, claimedAt: now, attempts: 1 };
    if ((await this.docs.insertOne(fresh)) === 'inserted') return { claimed: true, lock: { id, holder, attempts: 1 }, takeover: false };

    const doc = await this.docs.findOne({ _id: id });
    // Gone between the insert and the read (expired): the next pass inserts it again.
    if (doc === null) return { claimed: false, reason: 'held' };
    const current = readStored('period_locks', LockSchema, doc);
    if (current.state === 'done') return { claimed: false, reason: 'done' };
    if (now.getTime() - current.claimedAt.getTime() < STALE_CLAIM_MS) return { claimed: false, reason: 'held' };
    if (current.attempts >= MAX_ATTEMPTS) return { claimed: false, reason: 'exhausted' };
    // The attempt count is the version: of several replicas taking over the same stale claim, one wins.
    const attempts = current.attempts + 1;
    const taken = await this.docs.updateOne({ _id: id, state: 'claimed', attempts: current.attempts }, { holder, claimedAt: now, attempts });
    return taken.matched ? { claimed: true, lock: { id, holder, attempts }, takeover: true } : { claimed: false, reason: 'held' };
  }

  /** The report went out: no later tick, restart or replica may post it again. */
  async done(lock: HeldLock, now: Date): Promise<void> {
    await this.docs.updateOne({ _id: lock.id }, { state: 'done', holder: lock.holder, doneAt: now });
  }

  /** When the job was done for this program and period; undefined while it is not (approval reminders space themselves by it). */
  async doneAt(job: string, program: ProgramRef, period: string): Promise<Date | undefined> {
    const doc = await this.docs.findOne({ _id: PeriodLocks.id(job, program, period) });
    if (doc === null) return undefined;
    const lock = readStored('period_locks', LockSchema, doc);
    return lock.state === 'done' ? (lock.doneAt ?? lock.claimedAt) : undefined;
  }

  /** Lock ids already done for `period`, so a pass skips them with one query instead of one per program. */
  async finished(job: string, period: string): Promise<Set<string>> {
    const docs = await this.docs.find({ job, period, state: 'done' });
    return new Set(docs.map((doc) => doc._id));
  }
}
