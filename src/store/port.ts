// The storage port: a minimal document-collection contract that both adapters (MongoDB and the
// embedded nedb store) honour identically, so repositories are written once on top of it.
// Uniqueness is always expressed through `_id` (composite keys built by the repositories), which
// every backend enforces atomically without compound or partial indexes.

/** Equality on fields, plus the comparison operators both backends share. */
export type FilterValue =
  | string
  | number
  | boolean
  | null
  | Date
  | { $gt?: unknown; $gte?: unknown; $lt?: unknown; $lte?: unknown; $in?: unknown[]; $ne?: unknown };

export type Filter = Record<string, FilterValue>;

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  limit?: number;
}

export interface UpdateResult {
  /** An existing document matched the filter and was updated. */
  matched: boolean;
  /** No document matched and a new one was inserted (only with `upsert`). */
  upserted: boolean;
}

export interface BaseDocument {
  _id: string;
}

export interface Collection<T extends BaseDocument> {
  /** Inserts the document; a document with the same `_id` already present yields `duplicate`. */
  insertOne(doc: T): Promise<'inserted' | 'duplicate'>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /**
   * Sets fields on the first document matching `filter`, atomically. Putting a version field in the
   * filter makes this a compare-and-set: `matched: false` means someone else won.
   * With `upsert`, a missing document is created from the equality fields of the filter, `set` and
   * `setOnInsert`; a concurrent upsert of the same `_id` yields `matched: false, upserted: false`.
   */
  updateOne(
    filter: Filter,
    set: Partial<T>,
    options?: { upsert?: boolean; setOnInsert?: Partial<T> },
  ): Promise<UpdateResult>;
  /** Atomically adds `by` to a numeric field of the document `_id` (created at 0 when missing); returns the new value. */
  increment(id: string, field: string, by?: number): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
}

export interface IndexSpec {
  field: string;
  /** Documents expire this many seconds after the Date in `field` (TTL). */
  expireAfterSeconds?: number;
}

export interface DocumentStore {
  /** Opens (creating when needed) a collection and its secondary indexes; idempotent. */
  collection<T extends BaseDocument>(name: string, indexes?: IndexSpec[]): Promise<Collection<T>>;
  /** Resolves when the backend answers; rejects with a StoreUnavailable error otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'mongo' | 'embedded';
}

/** The backend could not be reached or answered with an error; retryable. */
export class StoreUnavailable extends Error {
  readonly code = 'storage_unavailable';
  readonly retryable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}

/** A stored document failed validation when read back: reported, never read as empty. */
export class StoreCorrupt extends Error {
  readonly code = 'storage_corrupt';
  readonly retryable = false;
  constructor(collection: string, id: string, problem: string) {
    super(`Stored ${collection} document ${id} is corrupt: ${problem}`);
    this.name = 'StoreCorrupt';
  }
}
