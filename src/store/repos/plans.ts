// Plan versions, one document per (plan, version). A version's status changes only by
// compare-and-set on its revision, so a double click or a second replica causes one transition.
import { z } from 'zod';
import { PlanSchema, type Plan } from '../../domain/plans.ts';
import type { ProgramRef } from '../../domain/program.ts';
import type { Collection, DocumentStore } from '../port.ts';
import { readStored, scope, scopedId, type Scoped } from './stored.ts';
import type { StoredRevision } from './stored.ts';

const StoredSchema = z.object({ _id: z.string(), rev: z.number().int().min(1), plan: PlanSchema });
type StoredPlan = Scoped & { rev: number; planSeq: number; version: number; plan: Plan };

const idOf = (program: ProgramRef, plan: Pick<Plan, 'id' | 'version'>) => scopedId(program, plan.id, `v${plan.version}`);

export class Plans {
  private constructor(private readonly docs: Collection<StoredPlan>) {}

  static async open(store: DocumentStore): Promise<Plans> {
    return new Plans(await store.collection<StoredPlan>('plans', [{ field: 'teamId' }, { field: 'channelId' }]));
  }

  /** Stores a new version; 'duplicate' when that version already exists (someone revised first). */
  async insert(program: ProgramRef, plan: Plan): Promise<'inserted' | 'duplicate'> {
    return this.docs.insertOne({
      _id: idOf(program, plan),
      ...scope(program),
      rev: 1,
      planSeq: Number(plan.id.slice('PLAN-'.length)),
      version: plan.version,
      plan,
    });
  }

  async get(program: ProgramRef, id: string, version: number): Promise<StoredRevision<Plan> | undefined> {
    const doc = await this.docs.findOne({ _id: idOf(program, { id, version }) });
    if (doc === null) return undefined;
    const stored = readStored('plans', StoredSchema, doc);
    return { value: stored.plan, rev: stored.rev };
  }

  async replace(program: ProgramRef, rev: number, plan: Plan): Promise<boolean> {
    return (await this.docs.updateOne({ _id: idOf(program, plan), rev }, { rev: rev + 1, plan })).matched;
  }

  /** Every stored version of every plan of the program. */
  async list(program: ProgramRef): Promise<Plan[]> {
    const docs = await this.docs.find({ ...scope(program) }, { sort: { planSeq: 1, version: 1 } });
    return docs.map((doc) => readStored('plans', StoredSchema, doc).plan);
  }
}
