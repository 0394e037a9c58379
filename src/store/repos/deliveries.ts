// Delivery receipts: each Slack delivery is processed once, across retries, restarts and replicas.
// The first replica to insert the key wins; receipts expire after a day, longer than Slack retries for.
import type { Collection, DocumentStore } from '../port.ts';

export const DELIVERY_TTL_SECONDS = 24 * 60 * 60;

interface Receipt {
  _id: string;
  at: Date;
}

export class DeliveryReceipts {
  private constructor(private readonly receipts: Collection<Receipt>) {}

  static async open(store: DocumentStore): Promise<DeliveryReceipts> {
    return new DeliveryReceipts(
      await store.collection<Receipt>('deliveries', [{ field: 'at', expireAfterSeconds: DELIVERY_TTL_SECONDS }]),
    );
  }

  /** Whether `key` was claimed already: a delivery that is claimed only once its work is stored looks first. */
  async seen(key: string): Promise<boolean> {
    return (await this.receipts.findOne({ _id: key })) !== null;
  }

  /** True for the first claim of `key`; false for every later delivery of the same thing. */
  async claim(key: string, now: Date): Promise<boolean> {
    return (await this.receipts.insertOne({ _id: key, at: now })) === 'inserted';
  }
}
