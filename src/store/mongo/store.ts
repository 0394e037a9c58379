// The MongoDB store, shared by every replica: one client, one database, secondary and TTL indexes
// created idempotently when a collection is opened. No multi-document transactions are used.
import { MongoClient, MongoServerError } from 'mongodb';
import type { Collection as MongoCollection, Db, MongoClientOptions } from 'mongodb';
import type { BaseDocument, Collection, DocumentStore, IndexSpec } from '../port.ts';
import { StoreUnavailable } from '../port.ts';
import { assertCollectionName } from '../names.ts';
import { MongoStoreCollection } from './collection.ts';
import type { StoredDocument } from './collection.ts';
import { describeMongoUri, maskCredentials } from './uri.ts';

const INDEX_OPTIONS_CONFLICT = 85;

export interface MongoStoreOptions {
  /** Defaults to the database named in the URI. */
  dbName?: string;
  serverSelectionTimeoutMS?: number;
}

async function ensureIndex(db: Db, collection: MongoCollection<StoredDocument>, spec: IndexSpec): Promise<void> {
  const key = { [spec.field]: 1 };
  const { expireAfterSeconds } = spec;
  try {
    await collection.createIndex(key, expireAfterSeconds === undefined ? {} : { expireAfterSeconds });
  } catch (err) {
    // The index exists with another TTL: MongoDB changes a TTL in place, it will not create the index twice.
    if (!(err instanceof MongoServerError && err.code === INDEX_OPTIONS_CONFLICT) || expireAfterSeconds === undefined) {
      throw err;
    }
    await db.command({ collMod: collection.collectionName, index: { keyPattern: key, expireAfterSeconds } });
  }
}

class MongoStore implements DocumentStore {
  readonly kind = 'mongo';
  private closing: Promise<void> | null = null;

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly where: string,
  ) {}

  async collection<T extends BaseDocument>(name: string, indexes: IndexSpec[] = []): Promise<Collection<T>> {
    assertCollectionName(name);
    const collection = this.db.collection<StoredDocument>(name);
    try {
      for (const spec of indexes) await ensureIndex(this.db, collection, spec);
    } catch (err) {
      const reason = (err as Error).message;
      throw new StoreUnavailable(`MongoDB at ${this.where} could not create the indexes of ${name}: ${reason}`, { cause: err });
    }
    return new MongoStoreCollection(collection, this.where) as unknown as Collection<T>;
  }

  async ping(): Promise<void> {
    try {
      await this.db.command({ ping: 1 });
    } catch (err) {
      throw new StoreUnavailable(`MongoDB at ${this.where} does not answer: ${(err as Error).message}`, { cause: err });
    }
  }

  close(): Promise<void> {
    this.closing ??= this.client.close();
    return this.closing;
  }
}

/** Connects to `uri`; rejects with StoreUnavailable, saying what to check, when the server cannot be reached. */
export async function openMongoStore(uri: string, options: MongoStoreOptions = {}): Promise<DocumentStore> {
  const where = describeMongoUri(uri);
  // The embedded store drops undefined fields; without this the driver would store them as null.
  const clientOptions: MongoClientOptions = { ignoreUndefined: true };
  // Only when given, so a serverSelectionTimeoutMS in the URI is not overridden.
  if (options.serverSelectionTimeoutMS !== undefined) {
    clientOptions.serverSelectionTimeoutMS = options.serverSelectionTimeoutMS;
  }
  let client: MongoClient;
  try {
    client = new MongoClient(uri, clientOptions);
  } catch (err) {
    throw new StoreUnavailable(
      `The MongoDB URI is not usable: ${maskCredentials((err as Error).message, uri)}. ` +
        'Expected the form mongodb://user:password@host:27017/database or mongodb+srv://user:password@cluster/database.',
      { cause: err },
    );
  }
  try {
    await client.connect();
  } catch (err) {
    await client.close().catch(() => undefined);
    throw new StoreUnavailable(
      `Cannot connect to MongoDB at ${where}: ${maskCredentials((err as Error).message, uri)}. ` +
        'Check that the server is running and reachable from here (host, port, firewall, Atlas IP access list) ' +
        'and that the user and password in the URI are right.',
      { cause: err },
    );
  }
  return new MongoStore(client, client.db(options.dbName), where);
}
