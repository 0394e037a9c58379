// Changes to the program document: load, apply a pure change, compare-and-set, retry on a lost race,
// then audit. A business "no" from the change is returned as is and nothing is written.
import type { Actor, ProgramRef } from '../domain/program.ts';
import { ok, type Result } from '../domain/result.ts';
import type { ProgramState } from '../store/repos/program-state.ts';
import { MAX_CAS_ATTEMPTS, StorageConflict } from '../store/repos/stored.ts';
import { audit, type ServiceDeps } from './deps.ts';

export interface StateChange<T> {
  state: ProgramState;
  value: T;
  detail: Record<string, unknown>;
}

export async function changeProgram<T>(
  deps: ServiceDeps,
  program: ProgramRef,
  actor: Actor,
  action: string,
  change: (state: ProgramState) => Result<StateChange<T>>,
): Promise<Result<T>> {
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt += 1) {
    const { state, version } = await deps.repos.programs.load(program);
    const changed = change(state);
    if (!changed.ok) return changed;
    if (await deps.repos.programs.save(program, version, changed.value.state, deps.clock.now())) {
      await audit(deps, program, actor, action, changed.value.detail);
      return ok(changed.value.value);
    }
  }
  throw new StorageConflict(`the state of channel ${program.channelId}`);
}
