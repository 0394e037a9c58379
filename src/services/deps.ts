// What every application service needs: the repositories and the clock.
import type { Clock } from '../clock.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import type { Repositories } from '../store/repos/index.ts';

export interface ServiceDeps {
  repos: Repositories;
  clock: Clock;
}

/** Records who changed what, when and from which surface (the actor carries the surface). */
export async function audit(deps: ServiceDeps, program: ProgramRef, actor: Actor, action: string, detail: Record<string, unknown>): Promise<void> {
  await deps.repos.audit.append(program, deps.clock.now(), { actor, action, detail });
}
