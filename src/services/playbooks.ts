// The playbook a program runs: read it with the program's state, list the choices, switch to another.
// A switch keeps every gate value, KPI value and target already recorded (gates and KPIs are keyed by
// name, so nothing of the old playbook is overwritten and switching back finds it all again).
import { BUILT_IN_CATALOG, findPlaybook, playbookOf, type PlaybookCatalog } from '../domain/playbook-catalog.ts';
import type { Playbook } from '../domain/playbook.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import type { ProgramState } from '../store/repos/program-state.ts';
import type { ServiceDeps } from './deps.ts';
import { changeProgram } from './program-state.ts';

/** A program whose stored playbook is no longer loaded: every read of its rules needs one, so it stops here. */
export class PlaybookMissing extends Error {
  readonly code = 'playbook_missing';
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'PlaybookMissing';
  }
}

export function catalog(deps: ServiceDeps): PlaybookCatalog {
  return deps.playbooks ?? BUILT_IN_CATALOG;
}

/** The program's playbook from its loaded state; throws PlaybookMissing (its message says what to do). */
export function playbookFor(deps: ServiceDeps, state: Pick<ProgramState, 'playbook'>): Playbook {
  const found = playbookOf(catalog(deps), state.playbook);
  if (!found.ok) throw new PlaybookMissing(found.message);
  return found.value;
}

export async function loadWithPlaybook(deps: ServiceDeps, program: ProgramRef): Promise<{ state: ProgramState; book: Playbook }> {
  const { state } = await deps.repos.programs.load(program);
  return { state, book: playbookFor(deps, state) };
}

export interface PlaybookView {
  current: Playbook;
  /** True when the channel never chose one and runs the default. */
  isDefault: boolean;
  available: Playbook[];
}

export async function showPlaybook(deps: ServiceDeps, program: ProgramRef): Promise<PlaybookView> {
  const { state, book } = await loadWithPlaybook(deps, program);
  return { current: book, isDefault: state.playbook === undefined, available: [...catalog(deps).values()] };
}

/** Switches the channel's playbook; refused while a campaign runs, since its board and gates came from the old one. */
export async function setPlaybook(deps: ServiceDeps, program: ProgramRef, actor: Actor, name: string): Promise<Result<{ from: string; to: Playbook }>> {
  const found = findPlaybook(catalog(deps), name);
  if (!found.ok) return found;
  const book = found.value;
  return changeProgram(deps, program, actor, 'playbook.set', (state) => {
    const from = state.playbook ?? playbookFor(deps, state).name;
    if (state.execution !== undefined && from !== book.name) {
      return fail('conflict', `a campaign is running on the ${from} playbook (${state.execution.planId} v${state.execution.planVersion}); its board and gates come from it, so the playbook changes only when no campaign runs`);
    }
    return ok({ state: { ...state, playbook: book.name }, value: { from, to: book }, detail: { from, to: book.name } });
  });
}

/** An approved plan's playbook takes effect when the channel never chose one; its targets, approved with it, set the KPI targets. */
export async function adoptPlanChoice(deps: ServiceDeps, program: ProgramRef, actor: Actor, plan: { playbook?: string; kpiTargets?: Record<string, number> }): Promise<void> {
  if (plan.playbook === undefined && plan.kpiTargets === undefined) return;
  const proposed = plan.playbook === undefined ? undefined : catalog(deps).get(plan.playbook);
  await changeProgram(deps, program, actor, 'plan.adopt', (state) => {
    const playbook = state.playbook ?? proposed?.name;
    const kpiTargets = { ...state.kpiTargets, ...plan.kpiTargets };
    const detail = { playbook, targets: Object.keys(plan.kpiTargets ?? {}) };
    return ok({ state: { ...state, ...(playbook ? { playbook } : {}), ...(Object.keys(kpiTargets).length > 0 ? { kpiTargets } : {}) }, value: undefined, detail });
  });
}
