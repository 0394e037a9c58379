// The sprint board of a program: read it (with the playbook that orders it), or move one task —
// status, owner, note — as an agent or a person working it. One document per task, so two agents
// moving two tasks never overwrite each other.
import type { Playbook } from '../domain/playbook.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { ok, type Result } from '../domain/result.ts';
import { findTask, updateTask, type SprintTask, type TaskChange } from '../domain/sprint.ts';
import { audit, type ServiceDeps } from './deps.ts';
import { loadWithPlaybook } from './playbooks.ts';

export async function listBoard(deps: ServiceDeps, program: ProgramRef): Promise<{ tasks: SprintTask[]; book: Playbook }> {
  const [{ book }, tasks] = await Promise.all([loadWithPlaybook(deps, program), deps.repos.sprint.list(program)]);
  return { tasks, book };
}

export async function moveTask(deps: ServiceDeps, program: ProgramRef, actor: Actor, taskId: string, change: TaskChange): Promise<Result<SprintTask>> {
  const found = findTask(await deps.repos.sprint.list(program), taskId);
  if (!found.ok) return found;
  const next = updateTask(found.value, change, deps.clock.now());
  if (!next.ok) return next;
  await deps.repos.sprint.save(program, next.value);
  await audit(deps, program, actor, 'task.update', { id: next.value.id, status: next.value.status, owner: next.value.owner, ...(next.value.note ? { note: next.value.note } : {}) });
  return ok(next.value);
}
