// One collection of the embedded store whose documents stay on disk: memory holds only where each
// document lies in the datafile and hashes of its `_id` and indexed fields (record-index.ts), and a
// read fetches the documents it may need by offset and checks them against the whole filter. Without
// this, 10,000 stored runs (their transcripts, agent calls and step journals above all) meant every
// one of their documents on the heap from the start.
//
// The datafile keeps nedb's format (one JSON line per document version, `$$date` dates, `$$deleted`
// tombstones), so a data directory written by either adapter loads in the other. A write is appended
// and flushed before memory changes, so a write that fails leaves nothing visible; its partial append
// is cut off, and until that succeeds every call is refused.
import { appendFile, open, rename, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import model from '@seald-io/nedb/lib/model.js';
import type { BaseDocument, Collection, Filter, FindOptions, IndexSpec, UpdateResult } from '../port.ts';
import { readField } from '../fields.ts';
import type { StoreLog } from './collection.ts';
import { datafileSize, scanDatafile } from './datafile.ts';
import { toNedbQuery, upsertDocument } from './query.ts';
import { hashText, hashValue, RecordIndex } from './record-index.ts';
import { SerialCalls } from './serial.ts';
import { flusher } from './sync.ts';

type Doc = Record<string, unknown> & { _id: string };

/** Compaction rewrites the file once history (old versions, deleted documents) outweighs this share of it. */
const GARBAGE_SHARE = 0.5;

const isDoc = (record: unknown): record is Doc =>
  typeof record === 'object' && record !== null && typeof (record as Doc)._id === 'string';

const serialize = (doc: object): string => model.serialize(doc);

// Values are cloned on the way in (so no caller's object is shared) and undefined fields dropped, as
// MongoDB ignores them.
const detached = (fields: object): Record<string, unknown> =>
  structuredClone(Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)));

export class DiskCollection implements Collection<BaseDocument> {
  private index: RecordIndex;
  /** Bytes in the datafile: where the next appended line starts. */
  private size = 0;
  private readonly flush: () => Promise<void>;
  private readonly calls: SerialCalls;

  private constructor(
    readonly name: string,
    private readonly file: string,
    fields: readonly string[],
  ) {
    this.index = new RecordIndex(fields);
    this.flush = flusher(file);
    // A failed write that could not be cut off at once: cut it, then read the file again, as the disk
    // may have been replaced meanwhile.
    this.calls = new SerialCalls(file, async () => {
      await this.rollback();
      await this.reload();
    });
  }

  /** Reads the datafile `<dir>/<name>.db` into an index of offsets, creating nothing until a write. */
  static async load(dir: string, name: string, indexes: IndexSpec[], log: StoreLog = () => undefined): Promise<DiskCollection> {
    const collection = new DiskCollection(name, join(dir, `${name}.db`), [...new Set(indexes.map((spec) => spec.field))]);
    const droppedBytes = await collection.reload();
    if (droppedBytes > 0) log('embedded_torn_record_dropped', { file: collection.file, bytes: droppedBytes });
    if (collection.index.bytes < collection.size * (1 - GARBAGE_SHARE)) await collection.compact();
    return collection;
  }

  /** Indexes a field this process did not name at load, by reading every document once. */
  ensureIndexes(specs: IndexSpec[]): Promise<void> {
    const missing = specs.map((spec) => spec.field).filter((field) => !this.index.fields.includes(field));
    if (missing.length === 0) return Promise.resolve();
    return this.calls.run('create indexes', async () => {
      const fields = [...this.index.fields, ...missing];
      await this.reload(fields);
    });
  }

  insertOne(doc: BaseDocument): Promise<'inserted' | 'duplicate'> {
    return this.calls.write(() => this.rollback(), 'insert', async () => ((await this.tryInsert(detached(doc) as Doc)) ? 'inserted' : 'duplicate'));
  }

  findOne(filter: Filter): Promise<BaseDocument | null> {
    return this.calls.run('read', async () => (await this.matching(filter, 1))[0]?.doc ?? null);
  }

  find(filter: Filter, options: FindOptions = {}): Promise<BaseDocument[]> {
    return this.calls.run('read', async () => {
      const sort = Object.entries(options.sort ?? {});
      const found = (await this.matching(filter, sort.length === 0 ? options.limit : undefined)).map((match) => match.doc);
      if (sort.length > 0) {
        found.sort((a, b) => {
          for (const [field, direction] of sort) {
            const order = model.compareThings(model.getDotValue(a, field), model.getDotValue(b, field));
            if (order !== 0) return order * direction;
          }
          return 0;
        });
      }
      return options.limit === undefined ? found : found.slice(0, options.limit);
    });
  }

  count(filter: Filter): Promise<number> {
    return this.calls.run('count', async () => (Object.keys(filter).length === 0 ? this.index.count : (await this.matching(filter)).length));
  }

  updateOne(
    filter: Filter,
    set: Partial<BaseDocument>,
    options: { upsert?: boolean; setOnInsert?: Partial<BaseDocument> } = {},
  ): Promise<UpdateResult> {
    return this.calls.write(() => this.rollback(), 'update', async () => {
      const fields = detached(set);
      const [found] = await this.matching(filter, 1);
      if (found) {
        await this.rewrite(found.slot, model.modify(found.doc, { $set: fields }));
        return { matched: true, upserted: false };
      }
      if (!options.upsert) return { matched: false, upserted: false };
      const created = upsertDocument(filter, fields, detached(options.setOnInsert ?? {})) as Doc;
      return { matched: false, upserted: await this.tryInsert(created) };
    });
  }

  increment(id: string, field: string, by = 1): Promise<number> {
    return this.calls.write(() => this.rollback(), 'increment', async () => {
      const found = await this.byId(id);
      const next = model.modify(found?.doc ?? { _id: id }, { $inc: { [field]: by } });
      if (found) await this.rewrite(found.slot, next);
      else await this.tryInsert(next);
      const value = readField(next, field);
      if (typeof value !== 'number') throw new Error(`${this.name} ${id}: ${field} is not a number`);
      return value;
    });
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.calls.write(() => this.rollback(), 'delete', async () => {
      const found = await this.matching(filter);
      if (found.length === 0) return 0;
      // One append for all the tombstones: a failure leaves every document in place.
      await this.append(found.map(({ doc }) => serialize({ $$deleted: true, _id: doc._id })));
      for (const { slot } of found) this.index.remove(slot);
      return found.length;
    });
  }

  /** Rewrites the datafile with only the current version of each document, when history dominates it. */
  compact(): Promise<void> {
    return this.calls.run('compact', async () => {
      if (this.index.bytes < this.size * (1 - GARBAGE_SHARE)) await this.rewriteFile();
    });
  }

  /** Refuses new calls once those already queued have run. */
  close(): Promise<void> {
    return this.calls.close();
  }

  /**
   * Rebuilds the index from the datafile (dropping a torn last record), optionally with new indexed
   * fields; returns the bytes dropped. Memory is replaced only once the whole file has been read.
   */
  private async reload(fields: readonly string[] = this.index.fields): Promise<number> {
    const index = new RecordIndex(fields);
    const reader = await this.reader();
    let droppedBytes: number;
    try {
      ({ droppedBytes } = await scanDatafile(
        this.file,
        async (record, offset, length) => {
          // nedb's index lines: our indexes come from the code that opens the collection.
          if (!isDoc(record)) return;
          const idHash = hashText(record._id);
          let existing: number | undefined;
          for (const slot of index.byId(idHash)) if ((await reader.read(index, slot))._id === record._id) existing = slot;
          if (record.$$deleted === true) {
            if (existing !== undefined) index.remove(existing);
            return;
          }
          const values = fields.map((field) => hashValue(model.getDotValue(record, field)));
          if (existing !== undefined) index.move(existing, offset, length, values);
          else index.add(idHash, offset, length, values);
        },
        model.deserialize,
      ));
    } finally {
      await reader.close();
    }
    this.index = index;
    this.size = await this.fileSize();
    // A last record that lost only its newline is kept; the next append must not run on from it.
    if (this.size > 0 && !(await this.endsWithNewline())) await this.append([]);
    return droppedBytes;
  }

  /** Reads documents by slot through one open handle (none while the file does not exist yet). */
  private async reader(): Promise<{ read(index: RecordIndex, slot: number): Promise<Doc>; close(): Promise<void> }> {
    const handle = await open(this.file, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    return {
      read: async (index, slot) => {
        const { offset, length } = index.location(slot);
        const bytes = Buffer.alloc(length);
        const { bytesRead } = handle ? await handle.read(bytes, 0, length, offset) : { bytesRead: 0 };
        const record: unknown = bytesRead === length ? model.deserialize(bytes.toString('utf8')) : undefined;
        if (!isDoc(record)) throw new Error(`${this.file} changed under the store: no document at byte ${offset}`);
        return record;
      },
      close: async () => handle?.close(),
    };
  }

  /**
   * The live documents that match `filter`, in file order, at most `limit`. Equality on `_id` goes
   * through the id table, equality on an indexed field narrows by hash; every candidate read from disk
   * is then matched against the whole filter, so hash collisions and other operators cost reads, never
   * wrong answers.
   */
  private async matching(filter: Filter, limit = Infinity): Promise<Array<{ slot: number; doc: Doc }>> {
    const ids = this.equalities(filter._id);
    const wanted = new Map<number, Set<number>>();
    this.index.fields.forEach((field, column) => {
      const values = this.equalities(filter[field]);
      if (values) wanted.set(column, new Set(values.map(hashValue)));
    });
    const slots = ids
      ? [...new Set(ids.flatMap((id) => (typeof id === 'string' ? [...this.index.byId(hashText(id))] : [])))].sort((a, b) => a - b)
      : this.index.scan(wanted);
    const query = toNedbQuery(filter);
    const found: Array<{ slot: number; doc: Doc }> = [];
    const reader = await this.reader();
    try {
      for (const slot of slots) {
        if (found.length >= limit) break;
        const doc = await reader.read(this.index, slot);
        if (model.match(doc, query)) found.push({ slot, doc });
      }
    } finally {
      await reader.close();
    }
    return found;
  }

  /** The values a filter entry accepts when it is plain equality or `$in`; undefined when it is anything else. */
  private equalities(value: Filter[string] | undefined): unknown[] | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || value === null || value instanceof Date) return [value];
    const operators = Object.keys(value);
    if (operators.length === 1 && operators[0] === '$in' && Array.isArray(value.$in)) return value.$in;
    return undefined;
  }

  private async byId(id: string): Promise<{ slot: number; doc: Doc } | undefined> {
    return (await this.matching({ _id: id }, 1))[0];
  }

  private async tryInsert(doc: Doc): Promise<boolean> {
    if (await this.byId(doc._id)) return false;
    const line = serialize(doc);
    const offset = this.size;
    await this.append([line]);
    this.index.add(hashText(doc._id), offset, Buffer.byteLength(line), this.valuesOf(doc));
    return true;
  }

  private async rewrite(slot: number, doc: Doc): Promise<void> {
    const line = serialize(doc);
    const offset = this.size;
    await this.append([line]);
    this.index.move(slot, offset, Buffer.byteLength(line), this.valuesOf(doc));
  }

  private valuesOf(doc: Doc): number[] {
    return this.index.fields.map((field) => hashValue(model.getDotValue(doc, field)));
  }

  /** Appends whole lines and flushes them; `size` moves only once the disk has them. */
  private async append(lines: string[]): Promise<void> {
    const text = lines.map((line) => `${line}\n`).join('');
    await appendFile(this.file, text.length === 0 ? '\n' : text);
    await this.flush();
    this.size += Buffer.byteLength(text.length === 0 ? '\n' : text);
  }

  /** Cuts off what a failed append may have left, so the file ends at the last acknowledged write. */
  private async rollback(): Promise<void> {
    if ((await this.fileSize()) > this.size) await truncate(this.file, this.size);
  }

  /**
   * Writes the live documents to a new file and renames it over the datafile (a crash leaves one or the
   * other whole), copying each document's line as it is.
   */
  private async rewriteFile(): Promise<void> {
    const next = `${this.file}~`;
    const index = new RecordIndex(this.index.fields);
    const reader = await this.reader();
    const out = await open(next, 'w');
    try {
      let offset = 0;
      for (const slot of this.index.scan()) {
        const doc = await reader.read(this.index, slot);
        const line = `${serialize(doc)}\n`;
        await out.write(line);
        index.add(hashText(doc._id), offset, Buffer.byteLength(line) - 1, this.valuesOf(doc));
        offset += Buffer.byteLength(line);
      }
      await out.sync();
    } finally {
      await out.close();
      await reader.close();
    }
    await rename(next, this.file);
    this.index = index;
    this.size = await this.fileSize();
  }

  private async endsWithNewline(): Promise<boolean> {
    const handle = await open(this.file, 'r');
    try {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, this.size - 1);
      return last[0] === 0x0a;
    } finally {
      await handle.close();
    }
  }

  private fileSize(): Promise<number> {
    return datafileSize(this.file);
  }
}
