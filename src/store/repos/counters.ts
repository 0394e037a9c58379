// Per-program sequences (INC-1, INC-2, PLAN-1, …): short ids a person can type, drawn atomically.
import type { ProgramRef } from '../../domain/program.ts';
import type { Collection, DocumentStore } from '../port.ts';
import { scopedId } from './stored.ts';

interface Counter {
  _id: string;
  value: number;
}

export class Counters {
  private constructor(private readonly docs: Collection<Counter>) {}

  static async open(store: DocumentStore): Promise<Counters> {
    return new Counters(await store.collection<Counter>('counters'));
  }

  next(program: ProgramRef, sequence: 'incident' | 'plan'): Promise<number> {
    return this.docs.increment(scopedId(program, sequence), 'value');
  }
}
