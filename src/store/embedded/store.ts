// The embedded store: a directory of datafiles, one per collection, for a single process that runs
// without MongoDB (a lock file keeps a second process out). A collection's documents stay on disk
// (disk-collection.ts: memory holds their offsets), so stored runs cost memory by the few bytes of
// their index entries, not by their transcripts. Collections with a TTL index keep theirs in memory
// in nedb: they hold one TTL's worth of data by construction, and nedb expires it. A timer compacts
// the files while the store is open, so they do not grow without bound.
import { access, constants, mkdir } from 'node:fs/promises';
import type { BaseDocument, Collection, DocumentStore, IndexSpec } from '../port.ts';
import { StoreUnavailable } from '../port.ts';
import { assertCollectionName } from '../names.ts';
import { EmbeddedCollection, type StoreLog } from './collection.ts';
import { DiskCollection } from './disk-collection.ts';
import { lockDirectory, type DirectoryLock } from './lock.ts';

const COMPACTION_INTERVAL_MS = 10 * 60 * 1000;

type Loaded = EmbeddedCollection | DiskCollection;

export interface EmbeddedOptions {
  log?: StoreLog;
  /** Every collection in nedb, documents in memory (the adapter before disk-collection.ts; tested on its own). */
  allInMemory?: boolean;
}

class EmbeddedStore implements DocumentStore {
  readonly kind = 'embedded';
  private readonly collections = new Map<string, Promise<Loaded>>();
  private readonly timer: NodeJS.Timeout;
  private compacting: Promise<void> = Promise.resolve();
  private closing: Promise<void> | null = null;

  constructor(
    private readonly dir: string,
    private readonly lock: DirectoryLock,
    private readonly log: StoreLog,
    private readonly allInMemory: boolean,
  ) {
    this.timer = setInterval(() => {
      this.compacting = this.compacting.then(() => this.compactAll());
    }, COMPACTION_INTERVAL_MS);
    // The timer only tidies files; it must not keep an otherwise finished process alive.
    this.timer.unref();
  }

  async collection<T extends BaseDocument>(name: string, indexes: IndexSpec[] = []): Promise<Collection<T>> {
    this.assertOpen();
    assertCollectionName(name);
    let loading = this.collections.get(name);
    if (!loading) {
      const inMemory = this.allInMemory || indexes.some((spec) => spec.expireAfterSeconds !== undefined);
      loading = inMemory ? EmbeddedCollection.load(this.dir, name, this.log) : DiskCollection.load(this.dir, name, indexes, this.log);
      this.collections.set(name, loading);
      // A failed load is forgotten, so the next call tries again.
      loading.catch(() => this.collections.delete(name));
    }
    const collection = await loading;
    await collection.ensureIndexes(indexes);
    return collection as unknown as Collection<T>;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    try {
      await access(this.dir, constants.W_OK);
    } catch (err) {
      throw new StoreUnavailable(`The embedded store directory ${this.dir} is not writable any more`, { cause: err });
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.compacting;
    const loaded = await Promise.allSettled(this.collections.values());
    try {
      for (const result of loaded) if (result.status === 'fulfilled') await result.value.close();
    } finally {
      await this.lock.release();
    }
  }

  private async compactAll(): Promise<void> {
    for (const loading of this.collections.values()) {
      // A failed compaction leaves the datafile as it was (both adapters write a copy, then rename it),
      // and the next round tries again.
      await loading.then((collection) => collection.compact()).catch(() => undefined);
    }
  }

  private assertOpen(): void {
    if (this.closing) throw new StoreUnavailable(`The embedded store in ${this.dir} is closed`);
  }
}

/**
 * Opens the store in `dir`, creating the directory when missing. Refuses (StoreUnavailable) while
 * another process holds the directory.
 */
export async function openEmbeddedStore(dir: string, options: EmbeddedOptions = {}): Promise<DocumentStore> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (err) {
    throw new StoreUnavailable(
      `Cannot use ${dir} for the embedded store: ${(err as Error).message}. Check the path and its permissions.`,
      { cause: err },
    );
  }
  return new EmbeddedStore(dir, await lockDirectory(dir), options.log ?? (() => undefined), options.allInMemory ?? false);
}
