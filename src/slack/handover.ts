// The one door from an acked Slack delivery to the work it asks for: claim the delivery (so retries,
// replays and other replicas do nothing), then run the work off the request path.
import type { Clock } from '../clock.ts';
import type { Logger } from '../logging.ts';
import type { DeliveryReceipts } from '../store/repos/deliveries.ts';
import { deliveryKey } from './delivery-key.ts';
import type { JobRunner } from './jobs.ts';

export interface HandoverDeps {
  jobs: JobRunner;
  deliveries: DeliveryReceipts;
  clock: Clock;
  logger: Logger;
}

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
