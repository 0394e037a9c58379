// Keyed records of a program (research briefs, competitor profiles, positioning, assets): one document
// per key, changed by compare-and-set on a revision, listed in the order they were first stored.
import { z } from 'zod';
import type { ProgramRef } from '../../domain/program.ts';
import type { Collection, DocumentStore } from '../port.ts';
import type { StoredRevision } from './stored.ts';
import { readStored, scope, scopedId, type Scoped } from './stored.ts';

type StoredRecord<T> = Scoped & { key: string; seq: number; rev: number; value: T };

interface Sequence {
  _id: string;
  value: number;
}

export class Records<T> {
  private readonly stored;

  private constructor(
    private readonly name: string,
    schema: z.ZodType<T>,
    private readonly docs: Collection<StoredRecord<T>>,
    private readonly sequences: Collection<Sequence>,
  ) {
    this.stored = z.object({ _id: z.string(), rev: z.number().int().min(1), value: schema });
  }

  static async open<T>(store: DocumentStore, name: string, schema: z.ZodType<T>): Promise<Records<T>> {
    const docs = await store.collection<StoredRecord<T>>(name, [{ field: 'teamId' }, { field: 'channelId' }]);
    return new Records(name, schema, docs, await store.collection<Sequence>(`${name}_sequence`));
  }

  /** The program's next number for this kind of record (RB-1, AST-2, …), drawn atomically. */
  nextSequence(program: ProgramRef): Promise<number> {
    return this.sequences.increment(scopedId(program), 'value');
  }

  async insert(program: ProgramRef, key: string, seq: number, value: T): Promise<'inserted' | 'duplicate'> {
    return this.docs.insertOne({ _id: scopedId(program, this.name, key), ...scope(program), key, seq, rev: 1, value });
  }

  async get(program: ProgramRef, key: string): Promise<StoredRevision<T> | undefined> {
    const doc = await this.docs.findOne({ _id: scopedId(program, this.name, key) });
    if (doc === null) return undefined;
    const parsed = readStored(this.name, this.stored, doc) as { rev: number; value: T };
    return { value: parsed.value, rev: parsed.rev };
  }

  /** Replaces the value when its revision is still `rev`; false means someone changed it first. */
  async replace(program: ProgramRef, key: string, rev: number, value: T): Promise<boolean> {
    return (await this.docs.updateOne({ _id: scopedId(program, this.name, key), rev }, { rev: rev + 1, value })).matched;
  }

  /**
   * Records of any program (of one workspace when `teamId` is given) whose value has these fields, with
   * their program: assets waiting in review, for App Home and approval reminders.
   */
  async acrossPrograms(match: Record<string, string>, teamId?: string): Promise<Array<{ program: ProgramRef; value: T }>> {
    const filter = Object.fromEntries(Object.entries(match).map(([field, value]) => [`value.${field}`, value]));
    const docs = await this.docs.find({ ...(teamId ? { teamId } : {}), ...filter }, { sort: { seq: 1 } });
    return docs.map((doc) => ({ program: { teamId: doc.teamId, channelId: doc.channelId }, value: (readStored(this.name, this.stored, doc) as { value: T }).value }));
  }

  async list(program: ProgramRef): Promise<T[]> {
    const docs = await this.docs.find(scope(program), { sort: { seq: 1 } });
    return docs.map((doc) => (readStored(this.name, this.stored, doc) as { value: T }).value);
  }
}
