// The one door from an acked Slack delivery to the work it asks for: claim the delivery (so retries,
// replays and other replicas do nothing), then run the work off the request path.
import type { Clock } from '../clock.ts';
import type { Logger } from '../logging.ts';
import { StoreUnavailable } from '../store/port.ts';
import type { DeliveryReceipts } from '../store/repos/deliveries.ts';
import { deliveryKey } from './delivery-key.ts';
import type { JobRunner } from './jobs.ts';

export interface HandoverDeps {
  jobs: JobRunner;
  deliveries: DeliveryReceipts;
  clock: Clock;
  logger: Logger;
  /** How long a delivery that met an unreachable store is kept and retried (10 minutes by default). */
  storeWaitMs?: number;
}

const DEFAULT_STORE_WAIT_MS = 10 * 60_000;
const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 30_000;

/**
 * `failed` hears about anything that stopped the work, the delivery claim included (a store outage),
 * so the person who asked is told rather than left waiting.
 */
export function handOver(
  deps: HandoverDeps,
  body: Parameters<typeof deliveryKey>[0],
  label: string,
  work: () => Promise<void>,
  failed?: (error: unknown) => Promise<void>,
): void {
  const key = deliveryKey(body);
  deps.jobs.run(label, async () => {
    try {
      if (key !== undefined && !(await deps.deliveries.claim(key, deps.clock.now()))) {
        deps.logger.info('delivery_duplicate', { job: label, key });
        return;
      }
      await work();
    } catch (error) {
      if (!failed) throw error;
      deps.logger.error('job_failed', { job: label, error });
      await failed(error);
    }
  });
}

/** What the person who asked is told while their delivery waits for the store, and if it gives up. */
export interface StoreOutageNotices {
  waiting(forMs: number): Promise<void>;
  gaveUp(): Promise<void>;
}

/**
 * For work whose own record makes it idempotent (a mention creates its run once per thread): the
 * delivery is claimed only once `work` says its record is stored, so a crash before that loses
 * nothing (Slack's retry, or the next replica, does the work). While the store is unreachable the
 * delivery stays in this process and is retried with backoff for `storeWaitMs`; the person is told
 * it will start when storage is back, and told again if it never did.
 */
export function handOverOnceStored(
  deps: HandoverDeps,
  body: Parameters<typeof deliveryKey>[0],
  label: string,
  work: (stored: () => Promise<void>) => Promise<void>,
  notices: StoreOutageNotices,
): void {
  const key = deliveryKey(body);
  const windowMs = deps.storeWaitMs ?? DEFAULT_STORE_WAIT_MS;
  let stored = false;
  const claim = async () => {
    stored = true;
    if (key !== undefined) await deps.deliveries.claim(key, deps.clock.now());
  };
  const attempt = async () => {
    if (key !== undefined && (await deps.deliveries.seen(key))) {
      deps.logger.info('delivery_duplicate', { job: label, key });
      return;
    }
    await work(claim);
    if (!stored) await claim();
  };
  deps.jobs.run(label, async () => {
    const giveUpAt = Date.now() + windowMs;
    let told = false;
    for (let wait = FIRST_RETRY_MS; ; wait = Math.min(wait * 2, LONGEST_RETRY_MS)) {
      try {
        await attempt();
        if (told) deps.logger.info('delivery_recovered', { job: label, key });
        return;
      } catch (error) {
        // Past the stored record the work's own failure handling (Retry in the thread) takes over.
        if (!(error instanceof StoreUnavailable) || stored) throw error;
        deps.logger.warn('delivery_waiting_for_store', { job: label, key, reason: error.message });
        if (Date.now() + wait > giveUpAt) {
          deps.logger.error('delivery_dropped', { job: label, key, waitedMs: windowMs });
          await notices.gaveUp().catch((notice: unknown) => deps.logger.warn('notice_failed', { job: label, error: notice }));
          return;
        }
        if (!told) {
          told = true;
          await notices.waiting(windowMs).catch((notice: unknown) => deps.logger.warn('notice_failed', { job: label, error: notice }));
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  });
}
