// Runs, one document per thread, changed only by compare-and-set on `rev`: a click, a reply, a
// worker and a second replica can race, and exactly one of them moves the run.
import { z } from 'zod';
import type { ProgramRef } from '../../domain/program.ts';
import { isWorking, runProgram, RunSchema, type Run, type RunState } from '../../domain/runs.ts';
import type { Collection, DocumentStore } from '../port.ts';
import { readStored, scope, scopedId } from './stored.ts';

// The run is kept whole in one field, so setting it replaces every key (cleared ones included).
type StoredRun = { _id: string; teamId: string; channelId: string; rev: number; working: boolean; createdAt: Date; run: Run };
const StoredSchema = z.object({ _id: z.string(), run: RunSchema });

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

  /** The program's newest runs first, at most `limit` (`/ohmymkt runs`). */
  async recent(program: ProgramRef, limit: number): Promise<Run[]> {
    return (await this.docs.find(scope(program), { sort: { createdAt: -1 }, limit })).map((doc) => this.read(doc));
  }

  /**
   * Runs in one of `states`, in one workspace or in all of them, oldest first: what waits for a person
   * (App Home, approval reminders). The state is read inside the stored run, so every stored run counts.
   */
  async inStates(states: readonly RunState[], teamId?: string): Promise<Run[]> {
    const filter = { ...(teamId ? { teamId } : {}), 'run.state': { $in: [...states] } };
    return (await this.docs.find(filter, { sort: { createdAt: 1 } })).map((doc) => this.read(doc));
  }

  /** One person's newest runs in a workspace, newest first (their App Home). */
  async ofRequester(teamId: string, requesterId: string, limit: number): Promise<Run[]> {
    const docs = await this.docs.find({ teamId, 'run.requesterId': requesterId }, { sort: { createdAt: -1 }, limit });
    return docs.map((doc) => this.read(doc));
  }
}
