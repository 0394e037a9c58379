// Who is working a run right now: a lease document of its own, so renewing it while an agent thinks
// never touches the run's revision (a click or a cancel must still win its compare-and-set).
import type { Collection, DocumentStore } from '../port.ts';

interface Lease {
  _id: string;
  holder: string;
  until: Date;
}

export class RunLeases {
  private constructor(private readonly docs: Collection<Lease>) {}

  static async open(store: DocumentStore): Promise<RunLeases> {
    return new RunLeases(await store.collection<Lease>('run_leases'));
  }

  /**
   * Takes the lease when it is free, expired or already ours. A holder is judged gone only by its lease
   * running out: a crashed process's runs wait out its lease, a live one keeps them by renewing.
   * Exactly one of several concurrent takers wins.
   */
  async acquire(key: string, holder: string, until: Date, now: Date): Promise<boolean> {
    const free = await this.docs.updateOne({ _id: key, until: { $lt: now } }, { holder, until }, { upsert: true });
    if (free.matched || free.upserted) return true;
    return (await this.docs.updateOne({ _id: key, holder }, { until })).matched;
  }

  /** Extends our lease; false when it was lost (taken over after running out). */
  async renew(key: string, holder: string, until: Date): Promise<boolean> {
    return (await this.docs.updateOne({ _id: key, holder }, { until })).matched;
  }

  async release(key: string, holder: string): Promise<void> {
    await this.docs.updateOne({ _id: key, holder }, { until: new Date(0) });
  }

  /** The holder of a live lease, if any. */
  async holder(key: string, now: Date): Promise<string | undefined> {
    const lease = await this.docs.findOne({ _id: key });
    return lease !== null && lease.until > now ? lease.holder : undefined;
  }
}
