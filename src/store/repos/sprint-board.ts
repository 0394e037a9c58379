// The sprint board: one document per task, so an agent moving one task never rewrites the board.
import { z } from 'zod';
import type { ProgramRef } from '../../domain/program.ts';
import { SprintTaskSchema, type SprintTask } from '../../domain/sprint.ts';
import type { Collection, DocumentStore } from '../port.ts';
import { readStored, scope, scopedId, type Scoped } from './stored.ts';

const StoredSchema = z.object({ _id: z.string(), order: z.number().int(), task: SprintTaskSchema });
type StoredTask = Scoped & { order: number; task: SprintTask };

export class SprintBoards {
  private constructor(private readonly docs: Collection<StoredTask>) {}

  static async open(store: DocumentStore): Promise<SprintBoards> {
    return new SprintBoards(await store.collection<StoredTask>('sprint_tasks', [{ field: 'teamId' }, { field: 'channelId' }]));
  }

  /** Seeds the board of a newly started campaign; a retried seed leaves the same tasks. */
  async seed(program: ProgramRef, board: SprintTask[]): Promise<void> {
    await this.docs.deleteMany(scope(program));
    for (const [order, task] of board.entries()) {
      await this.docs.insertOne({ _id: scopedId(program, 'task', task.id), ...scope(program), order, task });
    }
  }

  async list(program: ProgramRef): Promise<SprintTask[]> {
    const docs = await this.docs.find(scope(program), { sort: { order: 1 } });
    return docs.map((doc) => readStored('sprint_tasks', StoredSchema, doc).task);
  }

  async save(program: ProgramRef, task: SprintTask): Promise<void> {
    await this.docs.updateOne({ _id: scopedId(program, 'task', task.id) }, { task });
  }
}
