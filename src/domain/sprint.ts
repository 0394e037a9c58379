// The sprint board seeded from the playbook's pool when a campaign starts (rules §8, §13): every
// task gets an owner, a due date staggered by core, its KPI impact and the condition that rolls it
// back; agents and people then move tasks through pending → in progress → done (or blocked).
import { z } from 'zod';
import { TrackSchema } from './metrics.ts';
import { ModuleNameSchema } from './modules.ts';
import { SEO_AEO } from './playbook-catalog.ts';
import type { Playbook } from './playbook.ts';
import { fail, ok, type Result } from './result.ts';
import type { PoolTask } from './sprint-pool.ts';

const DAY_MS = 86_400_000;

export const TASK_STATUSES = ['pending', 'in_progress', 'done', 'blocked'] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

export const SprintTaskSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  track: TrackSchema,
  module: ModuleNameSchema,
  status: TaskStatusSchema,
  owner: z.string().min(1),
  due: z.date(),
  kpiImpact: z.string().min(1),
  rollbackCondition: z.string().min(1),
  updatedAt: z.date(),
  /** The latest word on the task from whoever moved it (why it is blocked, what was shipped). */
  note: z.string().max(500).optional(),
});
export type SprintTask = z.infer<typeof SprintTaskSchema>;

export interface SeedOptions {
  /** People (or roles) to spread the modules over; empty means each module's lead specialist. */
  owners: string[];
  start: Date;
}

// The base is built before it is optimised and optimised before it is scaled: each core's first
// task is due in the week the playbook gives it (seo-aeo: 1, 3, 5 — eight weeks in all).
export function seedSprintBoard(pool: readonly PoolTask[], options: SeedOptions, book: Playbook = SEO_AEO): SprintTask[] {
  const owners = options.owners.map((owner) => owner.trim()).filter((owner) => owner !== '');
  const moduleOrder = [...new Set(pool.map((task) => task.module))];
  const seen = new Map<string, number>();
  return pool.map((task) => {
    const spec = book.modules.find((module) => module.name === task.module);
    const firstWeek = book.cores.find((core) => core.name === spec?.core)?.firstDueWeek ?? 1;
    const lead = spec?.lead ?? 'execution-manager';
    const position = seen.get(task.module) ?? 0;
    seen.set(task.module, position + 1);
    const owner = owners.length === 0 ? lead : (owners[moduleOrder.indexOf(task.module) % owners.length] ?? lead);
    const dueWeek = firstWeek + position;
    return {
      ...task,
      status: 'pending',
      owner,
      due: new Date(options.start.getTime() + dueWeek * 7 * DAY_MS),
      kpiImpact: book.tracks.find((track) => track.name === task.track)?.kpiImpact ?? task.track,
      rollbackCondition: `roll back if ${spec?.rollbackWhen ?? 'the task hurts a quality KPI'}`,
      updatedAt: options.start,
    };
  });
}

/** Tasks someone worked on since `since`: the "sprint work of the period" the balance check reads. */
export function sprintWorkSince(board: SprintTask[], since: Date): SprintTask[] {
  return board.filter((task) => (task.status === 'in_progress' || task.status === 'done') && task.updatedAt.getTime() >= since.getTime());
}

export interface TaskChange {
  status?: TaskStatus;
  owner?: string;
  note?: string;
}

/** Finds a task by its id in any case ("t03", " T03 "). */
export function findTask(board: readonly SprintTask[], taskId: string): Result<SprintTask> {
  const id = taskId.trim().toUpperCase();
  const task = board.find((candidate) => candidate.id === id);
  if (task !== undefined) return ok(task);
  if (board.length === 0) return fail('not_found', 'the sprint board is empty: it is seeded when a campaign starts');
  return fail('not_found', `no sprint task ${taskId.trim()} on the board (tasks ${board[0]?.id}–${board.at(-1)?.id})`);
}

/**
 * One move of one task. A blocked task says why, so whoever picks it up knows what to unblock;
 * an empty change is refused rather than stamped as work.
 */
export function updateTask(task: SprintTask, change: TaskChange, now: Date): Result<SprintTask> {
  const owner = change.owner?.trim();
  const note = change.note?.trim();
  if (change.status === undefined && !owner && !note) return fail('usage', `say what changes on ${task.id}: a status, an owner or a note`);
  const status = change.status ?? task.status;
  if (status === 'blocked' && !note) return fail('invalid', `${task.id} cannot be blocked without a note saying what blocks it`);
  const next = {
    ...task,
    status,
    ...(owner ? { owner } : {}),
    ...(note ? { note } : status !== task.status ? { note: undefined } : {}),
    updatedAt: now,
  };
  if (next.note === undefined) delete next.note;
  return ok(SprintTaskSchema.parse(next));
}
