// What a run has already posted in its thread, by a key the poster derives (the run, its revision and the
// post's content; or the run's progress message), with the message's ts. Kept in the store rather than in
// one process, so a replica that takes a run over and replays its step edits or skips what the dead one
// posted instead of posting it again. Documents of their own, like leases: never touching the run's revision.
import type { Collection, DocumentStore } from '../port.ts';

interface ThreadMessage {
  _id: string;
  ts: string;
}

export class ThreadMessages {
  private constructor(private readonly docs: Collection<ThreadMessage>) {}

  static async open(store: DocumentStore): Promise<ThreadMessages> {
    return new ThreadMessages(await store.collection<ThreadMessage>('run_thread_messages'));
  }

  /** The ts of the message posted under `key`, if any. */
  async get(key: string): Promise<string | undefined> {
    return (await this.docs.findOne({ _id: key }))?.ts;
  }

  /** Idempotent: remembering a key again names the newer ts (a progress message posted anew after a delete). */
  async remember(key: string, ts: string): Promise<void> {
    await this.docs.updateOne({ _id: key }, { ts }, { upsert: true });
  }
}
