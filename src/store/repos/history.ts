// Append-only histories of a program — cycles, growth reports, audit entries — one document per
// entry (never an ever-growing array), read back by time window.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ProgramRef } from '../../domain/program.ts';
import type { Collection, DocumentStore } from '../port.ts';
import { readStored, scope, scopedId, type Scoped } from './stored.ts';

type Entry<T> = Scoped & { at: Date; entry: T };

export class History<T> {
  private readonly stored;

  private constructor(
    private readonly name: string,
    schema: z.ZodType<T>,
    private readonly docs: Collection<Entry<T>>,
  ) {
    this.stored = z.object({ _id: z.string(), at: z.date(), entry: schema });
  }

  static async open<T>(store: DocumentStore, name: string, schema: z.ZodType<T>): Promise<History<T>> {
    return new History(name, schema, await store.collection<Entry<T>>(name, [{ field: 'teamId' }, { field: 'at' }]));
  }

  /** `key` makes the append idempotent (a retried write of the same entry stores it once). */
  async append(program: ProgramRef, at: Date, entry: T, key: string = randomUUID()): Promise<'inserted' | 'duplicate'> {
    return this.docs.insertOne({ _id: scopedId(program, key), ...scope(program), at, entry });
  }

  /** Entries at or after `since`, oldest first (all of them without `since`). */
  async list(program: ProgramRef, since?: Date): Promise<Array<{ at: Date; entry: T }>> {
    const filter = since === undefined ? scope(program) : { ...scope(program), at: { $gte: since } };
    const docs = await this.docs.find(filter, { sort: { at: 1 } });
    return docs.map((doc) => {
      const parsed = readStored(this.name, this.stored, doc) as { at: Date; entry: T };
      return { at: parsed.at, entry: parsed.entry };
    });
  }

  async latest(program: ProgramRef): Promise<{ at: Date; entry: T } | undefined> {
    const [doc] = await this.docs.find(scope(program), { sort: { at: -1 }, limit: 1 });
    if (doc === undefined) return undefined;
    const parsed = readStored(this.name, this.stored, doc) as { at: Date; entry: T };
    return { at: parsed.at, entry: parsed.entry };
  }
}
