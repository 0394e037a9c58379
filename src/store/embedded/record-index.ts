// Where each document of an on-disk collection lies in its datafile, in a few bytes per document: typed
// arrays hold its offset, length, a hash of its `_id` and a hash of each indexed field's value, and an
// open-addressing table finds a slot by `_id` hash. Hashes can collide, so every answer is a superset
// that the caller confirms against the document read from disk; what this saves is holding documents
// (or even their `_id` strings) on the heap, which for 10,000 runs' transcripts is hundreds of MB.

/** Marks an indexed value that equality cannot narrow (an array or object): never filtered out. */
export const ANY_VALUE = 0;

/** FNV-1a over the UTF-16 code units, never 0 (kept for ANY_VALUE). */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0 || 1;
}

/**
 * The hash a field value is filed under. Null and missing share one hash, because a filter on null
 * matches both (MongoDB's meaning); a value equality cannot narrow gets ANY_VALUE.
 */
export function hashValue(value: unknown): number {
  if (value === undefined || value === null) return hashText('null');
  if (value instanceof Date) return hashText(`d${value.getTime()}`);
  switch (typeof value) {
    case 'string':
      return hashText(`s${value}`);
    case 'number':
      return hashText(`n${value}`);
    case 'boolean':
      return hashText(`b${value}`);
    default:
      return ANY_VALUE;
  }
}

const EMPTY = 0;

export class RecordIndex {
  private slots = 0;
  private live = 0;
  private liveBytes = 0;
  private offsets: Float64Array;
  private lengths: Uint32Array;
  private idHashes: Uint32Array;
  private readonly columns: Uint32Array[];
  /** Slot + 1 per entry, EMPTY when free; a deleted slot keeps its entry (length 0) until a rebuild. */
  private table: Uint32Array;
  private tableEntries = 0;

  constructor(
    readonly fields: readonly string[],
    capacity = 1024,
  ) {
    this.offsets = new Float64Array(capacity);
    this.lengths = new Uint32Array(capacity);
    this.idHashes = new Uint32Array(capacity);
    this.columns = fields.map(() => new Uint32Array(capacity));
    this.table = new Uint32Array(capacity * 2);
  }

  get count(): number {
    return this.live;
  }

  /** Bytes of the datafile that hold live documents (the rest is history compaction may drop). */
  get bytes(): number {
    return this.liveBytes;
  }

  /** Slots of live documents whose `_id` hashes to `idHash`. */
  *byId(idHash: number): Generator<number> {
    const mask = this.table.length - 1;
    for (let at = idHash & mask; this.table[at] !== EMPTY; at = (at + 1) & mask) {
      const slot = (this.table[at] as number) - 1;
      if (this.idHashes[slot] === idHash && this.lengths[slot] !== 0) yield slot;
    }
  }

  /** Live slots, in the order they were added, whose indexed fields may equal `wanted` (field → hashes). */
  *scan(wanted: ReadonlyMap<number, ReadonlySet<number>> = new Map()): Generator<number> {
    for (let slot = 0; slot < this.slots; slot += 1) {
      if (this.lengths[slot] === 0) continue;
      let possible = true;
      for (const [column, hashes] of wanted) {
        const hash = (this.columns[column] as Uint32Array)[slot] as number;
        if (hash !== ANY_VALUE && !hashes.has(hash)) {
          possible = false;
          break;
        }
      }
      if (possible) yield slot;
    }
  }

  location(slot: number): { offset: number; length: number } {
    return { offset: this.offsets[slot] as number, length: this.lengths[slot] as number };
  }

  /** Files a new document; `values` are the hashes of `fields`, in order. */
  add(idHash: number, offset: number, length: number, values: readonly number[]): number {
    if (this.slots === this.offsets.length) this.grow();
    if ((this.tableEntries + 1) * 2 > this.table.length) this.rehash(this.table.length * 2);
    const slot = this.slots;
    this.slots += 1;
    this.idHashes[slot] = idHash;
    this.place(slot, offset, length, values);
    this.live += 1;
    const mask = this.table.length - 1;
    let at = idHash & mask;
    while (this.table[at] !== EMPTY) at = (at + 1) & mask;
    this.table[at] = slot + 1;
    this.tableEntries += 1;
    return slot;
  }

  /** Points a live slot at a newer version of its document. */
  move(slot: number, offset: number, length: number, values: readonly number[]): void {
    this.liveBytes -= this.lengths[slot] as number;
    this.place(slot, offset, length, values);
  }

  remove(slot: number): void {
    this.liveBytes -= this.lengths[slot] as number;
    this.lengths[slot] = 0;
    this.live -= 1;
  }

  private place(slot: number, offset: number, length: number, values: readonly number[]): void {
    // A document is at least `{"_id":""}`, so a live slot never has length 0.
    this.offsets[slot] = offset;
    this.lengths[slot] = length;
    this.liveBytes += length;
    values.forEach((hash, column) => ((this.columns[column] as Uint32Array)[slot] = hash));
  }

  private grow(): void {
    const capacity = Math.ceil(this.offsets.length * 1.5);
    const widen = <A extends Float64Array | Uint32Array>(old: A, make: (n: number) => A): A => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.offsets = widen(this.offsets, (n) => new Float64Array(n));
    this.lengths = widen(this.lengths, (n) => new Uint32Array(n));
    this.idHashes = widen(this.idHashes, (n) => new Uint32Array(n));
    this.columns.forEach((column, i) => (this.columns[i] = widen(column, (n) => new Uint32Array(n))));
  }

  /** Rebuilds the table at `size` entries, dropping those of deleted slots. */
  private rehash(size: number): void {
    let capacity = 2;
    while (capacity < size || capacity < (this.live + 1) * 2) capacity *= 2;
    this.table = new Uint32Array(capacity);
    this.tableEntries = 0;
    const mask = capacity - 1;
    for (let slot = 0; slot < this.slots; slot += 1) {
      if (this.lengths[slot] === 0) continue;
      let at = (this.idHashes[slot] as number) & mask;
      while (this.table[at] !== EMPTY) at = (at + 1) & mask;
      this.table[at] = slot + 1;
      this.tableEntries += 1;
    }
  }
}
