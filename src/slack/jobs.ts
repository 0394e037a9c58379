// Work handed over after a Slack ack. Listeners return at once; the job runs in this process and
// its failure is logged, never thrown back into Bolt (which has already answered Slack).
import type { Logger } from '../logging.ts';

export class JobRunner {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(label: string, work: () => Promise<void>): void {
    // Starting on the next turn of the event loop lets Bolt write the ack before any of the work runs.
    const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => this.logger.error('job_failed', { job: label, error }))
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  /** Resolves once every job, including those started by other jobs, has settled. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
