// Runs, one document per thread, changed only by compare-and-set on `rev`: a click, a reply, a
// worker and a second replica can race, and exactly one of them moves the run.
import { z } from 'zod';
import type { ProgramRef } from '../../domain/program.ts';
import { isWorking, RunStateSchema } from '../../domain/runs.ts';
import type { Collection, DocumentStore } from '../port.ts';
import { readStored, scope, scopedId } from './stored.ts';

export const MAX_RUN_ANSWERS = 20;
export const MAX_RUN_FEEDBACK = 10;

export const MAX_PROVIDER_ISSUES = 10;

/** A generation or publishing call that hit a missing or broken provider: fixed by a person, retried once. */
export const ProviderIssueSchema = z.object({
  agent: z.string().min(1),
  tool: z.string().min(1),
  /** The call's input as JSON, to run it again unchanged after the fix. */
  input: z.string(),
  category: z.enum(['image', 'video', 'video_template', 'publish']),
  provider: z.string().min(1),
  code: z.enum(['not_configured', 'misconfigured', 'rejected', 'unavailable']),
  message: z.string(),
  status: z.enum(['waiting', 'retrying', 'resolved', 'failed']),
  incidentId: z.string().optional(),
});
export type ProviderIssue = z.infer<typeof ProviderIssueSchema>;

export const RunSchema = z.object({
  teamId: z.string().min(1),
  channelId: z.string().min(1),
  threadTs: z.string().min(1),
  requesterId: z.string().min(1),
  request: z.string(),
  route: z.enum(['ultrawork', 'planned']),
  impact: z.enum(['high', 'low']),
  evidence: z.array(z.string()),
  /** The first reply's "Route: … — why" sentence, decided when the run was created. */
  routeNote: z.string(),
  offerUltrawork: z.boolean(),
  state: RunStateSchema,
  failedIn: RunStateSchema.optional(),
  error: z.string().optional(),
  planId: z.string().optional(),
  planVersion: z.number().int().optional(),
  reviewRounds: z.number().int().min(0),
  feedback: z.array(z.string()).max(MAX_RUN_FEEDBACK),
  answers: z.array(z.object({ userId: z.string(), text: z.string(), at: z.date() })).max(MAX_RUN_ANSWERS),
  question: z.string().optional(),
  /** The asker's conversation while the run waits for an answer, so the answer continues it. */
  waiting: z.string().optional(),
  approval: z
    .object({ kind: z.enum(['plan', 'high_cost']), planId: z.string(), version: z.number().int(), messageTs: z.string().optional(), action: z.string().optional() })
    .optional(),
  approvedPlan: z.object({ planId: z.string(), version: z.number().int() }).optional(),
  summary: z.string().optional(),
  providerIssues: z.array(ProviderIssueSchema).max(MAX_PROVIDER_ISSUES).default([]),
  rev: z.number().int().min(1),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Run = z.infer<typeof RunSchema>;

// The run is kept whole in one field, so setting it replaces every key (cleared ones included).
type StoredRun = { _id: string; teamId: string; channelId: string; rev: number; working: boolean; createdAt: Date; run: Run };
const StoredSchema = z.object({ _id: z.string(), run: RunSchema });

export function runProgram(run: Pick<Run, 'teamId' | 'channelId'>): ProgramRef {
  return { teamId: run.teamId, channelId: run.channelId };
}

export class Runs {
  private constructor(private readonly docs: Collection<StoredRun>) {}

  static async open(store: DocumentStore): Promise<Runs> {
    return new Runs(await store.collection<StoredRun>('runs', [{ field: 'working' }, { field: 'teamId' }]));
  }

  private read(doc: StoredRun): Run {
    return readStored('runs', StoredSchema, doc).run;
  }

  async create(run: Run): Promise<'inserted' | 'duplicate'> {
    return this.docs.insertOne({
      _id: scopedId(runProgram(run), run.threadTs),
      ...scope(runProgram(run)),
      rev: run.rev,
      working: isWorking(run.state),
      createdAt: run.createdAt,
      run,
    });
  }

  async get(program: ProgramRef, threadTs: string): Promise<Run | undefined> {
    const doc = await this.docs.findOne({ _id: scopedId(program, threadTs) });
    return doc === null ? undefined : this.read(doc);
  }

  /** Writes `next` when the stored run is still at `next.rev - 1`; false means someone else moved it. */
  async replace(next: Run): Promise<boolean> {
    const { rev } = next;
    const result = await this.docs.updateOne(
      { _id: scopedId(runProgram(next), next.threadTs), rev: rev - 1 },
      { rev, working: isWorking(next.state), run: next },
    );
    return result.matched;
  }

  /** Runs a worker should be moving (after a restart, those whose worker died). */
  async working(): Promise<Run[]> {
    return (await this.docs.find({ working: true }, { sort: { createdAt: 1 } })).map((doc) => this.read(doc));
  }

  async ofProgram(program: ProgramRef): Promise<Run[]> {
    return (await this.docs.find(scope(program), { sort: { createdAt: 1 } })).map((doc) => this.read(doc));
  }
}
