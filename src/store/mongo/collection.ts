// One MongoDB collection behind the storage port. Every write is a single-document operation that
// MongoDB applies atomically, so no transaction is needed; the unique `_id` index settles races.
import { MongoError, MongoServerError } from 'mongodb';
import type { Document, Filter as MongoFilter, Collection as MongoCollection, UpdateFilter } from 'mongodb';
import type { BaseDocument, Collection, Filter, FindOptions, UpdateResult } from '../port.ts';
import { StoreUnavailable } from '../port.ts';
import { readField } from '../fields.ts';

const DUPLICATE_KEY = 11000;

/** How documents look to the driver: any fields, and our string `_id` rather than an ObjectId. */
export type StoredDocument = Document & BaseDocument;

// Port filters are a subset of MongoDB's query language, passed through unchanged.
const mongo = (filter: Filter) => filter as MongoFilter<StoredDocument>;

const isDuplicateKey = (err: unknown): boolean => err instanceof MongoServerError && err.code === DUPLICATE_KEY;

// The driver lets some socket failures through unwrapped: a write on a pooled connection the server
// already closed (a restart, a dropped link) rejects with node's own EPIPE, not a MongoNetworkError.
const SOCKET_FAILURES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT']);
const isSocketFailure = (err: unknown): boolean => err instanceof Error && SOCKET_FAILURES.has((err as NodeJS.ErrnoException).code ?? '');

export class MongoStoreCollection implements Collection<BaseDocument> {
  /** `where` names the server for messages, without credentials. */
  constructor(
    private readonly collection: MongoCollection<StoredDocument>,
    private readonly where: string,
  ) {}

  insertOne(doc: BaseDocument): Promise<'inserted' | 'duplicate'> {
    return this.run('insert', async () => {
      try {
        await this.collection.insertOne({ ...doc });
        return 'inserted';
      } catch (err) {
        if (isDuplicateKey(err)) return 'duplicate';
        throw err;
      }
    });
  }

  findOne(filter: Filter): Promise<BaseDocument | null> {
    return this.run('read', async () => (await this.collection.findOne(mongo(filter))) as BaseDocument | null);
  }

  find(filter: Filter, options: FindOptions = {}): Promise<BaseDocument[]> {
    return this.run('read', async () => {
      let cursor = this.collection.find(mongo(filter));
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.limit !== undefined) cursor = cursor.limit(options.limit);
      return (await cursor.toArray()) as BaseDocument[];
    });
  }

  count(filter: Filter): Promise<number> {
    return this.run('count', () => this.collection.countDocuments(mongo(filter)));
  }

  updateOne(
    filter: Filter,
    set: Partial<BaseDocument>,
    options: { upsert?: boolean; setOnInsert?: Partial<BaseDocument> } = {},
  ): Promise<UpdateResult> {
    return this.run('update', async () => {
      const update: UpdateFilter<Document> = { $set: set };
      if (options.setOnInsert) update.$setOnInsert = options.setOnInsert;
      try {
        const result = await this.collection.updateOne(mongo(filter), update, {
          upsert: options.upsert ?? false,
        });
        return { matched: result.matchedCount > 0, upserted: result.upsertedCount > 0 };
      } catch (err) {
        // Another upsert inserted this `_id` first (or it exists without matching): nothing was written.
        if (isDuplicateKey(err)) return { matched: false, upserted: false };
        throw err;
      }
    });
  }

  /**
   * A compare-and-set on the counter's value, repeated until it lands. findOneAndUpdate with `$inc`
   * would be one round trip, but jongodb (the test server) reads its result apart from the write, so
   * two concurrent increments could be told the same number; a matched filter on the old value is
   * exact on every server. The price is retries when many writers share one counter.
   */
  increment(id: string, field: string, by = 1): Promise<number> {
    return this.run('increment', async () => {
      for (;;) {
        const current = readField(await this.collection.findOne({ _id: id }), field);
        if (current !== undefined && typeof current !== 'number') {
          throw new Error(`${this.collection.collectionName} ${id}: ${field} is not a number`);
        }
        try {
          // A missing counter is upserted; `$inc` on a missing field starts it from 0.
          const result = await this.collection.updateOne(
            { _id: id, [field]: current ?? { $exists: false } },
            { $inc: { [field]: by } },
            { upsert: current === undefined },
          );
          if (result.matchedCount + result.upsertedCount > 0) return (current ?? 0) + by;
        } catch (err) {
          // Another increment created the counter first: read it again.
          if (!isDuplicateKey(err)) throw err;
        }
      }
    });
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.run('delete', async () => (await this.collection.deleteMany(mongo(filter))).deletedCount);
  }

  private async run<R>(action: string, work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof MongoError) && !isSocketFailure(err)) throw err;
      throw new StoreUnavailable(
        `MongoDB at ${this.where} could not ${action} in ${this.collection.collectionName}: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }
}
