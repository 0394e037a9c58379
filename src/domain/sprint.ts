// The sprint board seeded when a campaign starts (rules §8): every pool task gets an owner, a due
// date staggered by core, its KPI impact and the condition that rolls it back.
import { z } from 'zod';
import { TrackSchema } from './metrics.ts';
import { KPI_IMPACT, MODULES, ModuleNameSchema, type Core } from './modules.ts';
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
});
export type SprintTask = z.infer<typeof SprintTaskSchema>;

// The base is built before it is optimised and optimised before it is scaled; eight weeks in all,
// the horizon the capacity gate asks the team to prove.
const FIRST_DUE_WEEK: Record<Core, number> = { structure: 1, performance: 3, acceleration: 5 };

export interface SeedOptions {
  /** People (or roles) to spread the modules over; empty means each module's lead specialist. */
  owners: string[];
  start: Date;
}

export function seedSprintBoard(pool: readonly PoolTask[], options: SeedOptions): SprintTask[] {
  const owners = options.owners.map((owner) => owner.trim()).filter((owner) => owner !== '');
  const moduleOrder = [...new Set(pool.map((task) => task.module))];
  const seen = new Map<string, number>();
  return pool.map((task) => {
    const spec = MODULES[task.module];
    const position = seen.get(task.module) ?? 0;
    seen.set(task.module, position + 1);
    const owner = owners.length === 0 ? spec.lead : (owners[moduleOrder.indexOf(task.module) % owners.length] ?? spec.lead);
    const dueWeek = FIRST_DUE_WEEK[spec.core] + position;
    return {
      ...task,
      status: 'pending',
      owner,
      due: new Date(options.start.getTime() + dueWeek * 7 * DAY_MS),
      kpiImpact: KPI_IMPACT[task.track],
      rollbackCondition: `roll back if ${spec.rollbackWhen}`,
      updatedAt: options.start,
    };
  });
}

export function setTaskStatus(board: SprintTask[], taskId: string, status: TaskStatus, now: Date): Result<SprintTask[]> {
  const id = taskId.trim().toUpperCase();
  if (!board.some((task) => task.id === id)) return fail('not_found', `no sprint task ${taskId.trim()} on the board`);
  return ok(board.map((task) => (task.id === id ? { ...task, status, updatedAt: now } : task)));
}

/** Tasks someone worked on since `since`: the "sprint work of the period" the balance check reads. */
export function sprintWorkSince(board: SprintTask[], since: Date): SprintTask[] {
  return board.filter((task) => (task.status === 'in_progress' || task.status === 'done') && task.updatedAt.getTime() >= since.getTime());
}
