// One collection of the embedded store held in memory: a nedb datastore over its own append-only
// datafile. Every call runs through one queue (serial.ts), so each update, including a compare-and-set
// filter and the `$inc` of an increment, reads and writes without interleaving. nedb changes its
// in-memory copy before appending to the file, so a write whose append or flush fails is rolled back:
// the file is cut back to its length before the write and the collection reloaded from it.
import { truncate } from 'node:fs/promises';
import { join } from 'node:path';
import nedb from '@seald-io/nedb';
import type { BaseDocument, Collection, Filter, FindOptions, IndexSpec, UpdateResult } from '../port.ts';
import { StoreUnavailable } from '../port.ts';
import { readField } from '../fields.ts';
import { checkDatafile, datafileSize } from './datafile.ts';
import { toNedbQuery, upsertDocument } from './query.ts';
import { SerialCalls } from './serial.ts';
import { flusher } from './sync.ts';

/** What the store reports while it works (a torn record dropped at load). */
export type StoreLog = (event: string, fields: Record<string, unknown>) => void;

type Doc = Record<string, unknown>;
type Datastore = nedb.default<Doc>;
// nedb is CommonJS with typings that declare an ES default export; imported from an ES module, the
// default export already is the class.
const Datastore = nedb as unknown as typeof nedb.default;

const isUniqueViolation = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { errorType?: unknown }).errorType === 'uniqueViolated';

// nedb copies documents on the way in and out but keeps Date objects shared with its cache, and `$set`
// stores values as given: everything crossing the boundary is cloned, so no caller can change the store
// by mutating an object it holds.
const detached = (fields: object): Doc =>
  structuredClone(Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)));

export class EmbeddedCollection implements Collection<BaseDocument> {
  /** Index settings applied in this process, by field (the TTL, or undefined for a plain index). */
  private readonly indexed = new Map<string, number | undefined>();
  private indexing: Promise<void> = Promise.resolve();
  private readonly flush: () => Promise<void>;
  private readonly calls: SerialCalls;
  /** The file's length before the last write that failed: what a rollback cuts it back to. */
  private restoreTo = 0;

  private constructor(
    readonly name: string,
    private readonly file: string,
    private readonly db: Datastore,
  ) {
    this.flush = flusher(file);
    this.calls = new SerialCalls(file, () => this.restore());
  }

  /** Loads (and thereby compacts) the datafile `<dir>/<name>.db`, creating it when missing. */
  static async load(dir: string, name: string, log: StoreLog = () => undefined): Promise<EmbeddedCollection> {
    const file = join(dir, `${name}.db`);
    const { droppedBytes } = await checkDatafile(file);
    if (droppedBytes > 0) log('embedded_torn_record_dropped', { file, bytes: droppedBytes });
    // Every line was checked above, so nedb's own tolerance (it skips up to 10% unreadable lines
    // silently) is set to none. With no onload handler nedb rethrows a failed load as an unhandled
    // rejection; we await it instead.
    const db = new Datastore<Doc>({ filename: file, autoload: true, onload: () => undefined, corruptAlertThreshold: 0 });
    try {
      await db.autoloadPromise;
    } catch (err) {
      throw new StoreUnavailable(
        `Cannot load the embedded store file ${file}: ${(err as Error).message}. ` +
          'Check that the directory is writable; if the file is damaged, restore it from a backup.',
        { cause: err },
      );
    }
    return new EmbeddedCollection(name, file, db);
  }

  /** Applies index settings one call at a time, so concurrent opens of a collection cannot interleave. */
  async ensureIndexes(specs: IndexSpec[]): Promise<void> {
    const apply = async () => {
      for (const { field, expireAfterSeconds } of specs) {
        if (this.indexed.has(field) && this.indexed.get(field) === expireAfterSeconds) continue;
        // The datafile records an index but not its TTL, so an index loaded from it would never
        // expire anything: rebuild it with this process's settings.
        await this.db.removeIndexAsync(field);
        await this.db.ensureIndexAsync(
          expireAfterSeconds === undefined ? { fieldName: field } : { fieldName: field, expireAfterSeconds },
        );
        this.indexed.set(field, expireAfterSeconds);
      }
    };
    await this.write('create indexes', () => (this.indexing = this.indexing.catch(() => undefined).then(apply)));
  }

  insertOne(doc: BaseDocument): Promise<'inserted' | 'duplicate'> {
    return this.write('insert', async () => {
      if (await this.tryInsert(doc)) return 'inserted';
      // nedb drops an expired document only when a read meets it, so a TTL-expired holder of this
      // `_id` still blocks the insert: one read lets it go, then the insert is tried once more.
      if ((await this.db.findOneAsync({ _id: doc._id })) !== null) return 'duplicate';
      return (await this.tryInsert(doc)) ? 'inserted' : 'duplicate';
    });
  }

  findOne(filter: Filter): Promise<BaseDocument | null> {
    return this.run('read', async () => {
      const doc = (await this.db.findOneAsync(toNedbQuery(filter))) as BaseDocument | null;
      return structuredClone(doc);
    });
  }

  find(filter: Filter, options: FindOptions = {}): Promise<BaseDocument[]> {
    return this.run('read', async () => {
      let cursor = this.db.findAsync(toNedbQuery(filter));
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.limit !== undefined) cursor = cursor.limit(options.limit);
      return structuredClone((await cursor) as unknown as BaseDocument[]);
    });
  }

  count(filter: Filter): Promise<number> {
    return this.run('count', async () => (await this.db.countAsync(toNedbQuery(filter))) as unknown as number);
  }

  updateOne(
    filter: Filter,
    set: Partial<BaseDocument>,
    options: { upsert?: boolean; setOnInsert?: Partial<BaseDocument> } = {},
  ): Promise<UpdateResult> {
    return this.write('update', async () => {
      const fields = detached(set);
      const { numAffected } = await this.db.updateAsync(toNedbQuery(filter), { $set: fields });
      if (numAffected > 0) {
        await this.flush();
        return { matched: true, upserted: false };
      }
      // nedb's own upsert would build the new document differently from MongoDB; inserting it
      // ourselves keeps MongoDB's meaning, and the unique `_id` settles a race with another upsert.
      if (!options.upsert) return { matched: false, upserted: false };
      const upserted = await this.tryInsert(upsertDocument(filter, fields, detached(options.setOnInsert ?? {})));
      return { matched: false, upserted };
    });
  }

  increment(id: string, field: string, by = 1): Promise<number> {
    return this.write('increment', async () => {
      const { affectedDocuments } = await this.db.updateAsync(
        { _id: id },
        { $inc: { [field]: by } },
        { upsert: true, returnUpdatedDocs: true },
      );
      await this.flush();
      const value = readField(affectedDocuments, field);
      if (typeof value !== 'number') throw new Error(`${this.name} ${id}: ${field} is not a number`);
      return value;
    });
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.write('delete', async () => {
      const removed = await this.db.removeAsync(toNedbQuery(filter), { multi: true });
      if (removed > 0) await this.flush();
      return removed;
    });
  }

  /** Drops expired documents and rewrites the datafile one line per document. */
  compact(): Promise<void> {
    // A failed compaction leaves the file as it was (nedb writes a copy, then renames it).
    return this.run('compact', async () => {
      // nedb expires documents only when a read meets them; counting them all lets TTL'd data go.
      if ([...this.indexed.values()].some((ttl) => ttl !== undefined)) await this.db.countAsync({});
      await this.db.compactDatafileAsync();
    });
  }

  /** Refuses new calls, then waits for queued ones by compacting behind them. */
  close(): Promise<void> {
    return this.calls.close(() => this.db.compactDatafileAsync());
  }

  private async tryInsert(doc: BaseDocument): Promise<boolean> {
    try {
      await this.db.insertAsync(structuredClone({ ...doc }));
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
    await this.flush();
    return true;
  }

  private run<R>(action: string, work: () => Promise<R>): Promise<R> {
    return this.calls.run(action, work);
  }

  /** A call that changes the file: when it fails, what it changed in memory is undone. */
  private write<R>(action: string, work: () => Promise<R>): Promise<R> {
    let size = 0;
    const undo = async () => {
      this.restoreTo = size;
      await this.restore();
    };
    return this.calls.write(undo, action, async () => {
      size = await this.fileSize();
      return work();
    });
  }

  /** Cuts the file back to before the failed write and reloads memory from it. */
  private async restore(): Promise<void> {
    if ((await this.fileSize()) > this.restoreTo) await truncate(this.file, this.restoreTo);
    // Read once ourselves first: nedb's loader lets a read error escape as an uncaught exception.
    await checkDatafile(this.file);
    await this.db.loadDatabaseAsync();
  }

  private fileSize(): Promise<number> {
    return datafileSize(this.file);
  }
}
