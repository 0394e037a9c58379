// Starting a campaign: refused on failing gates, a missing or unapproved plan (the review gate lives
// here in code, not in a prompt), or a high incident; otherwise execution is recorded and the
// sprint board seeded from the program's playbook.
import { startCampaign as decideStart, type Execution } from '../domain/campaign.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { ok, type Result } from '../domain/result.ts';
import type { ServiceDeps } from './deps.ts';
import { playbookFor } from './playbooks.ts';
import { changeProgram } from './program-state.ts';

export async function startCampaign(deps: ServiceDeps, program: ProgramRef, actor: Actor, planId?: string): Promise<Result<Execution>> {
  const [plans, incidents] = await Promise.all([deps.repos.plans.list(program), deps.repos.incidents.list(program)]);
  let board: Parameters<typeof deps.repos.sprint.seed>[1] = [];
  const started = await changeProgram(deps, program, actor, 'campaign.start', (state) => {
    const decided = decideStart({
      playbook: playbookFor(deps, state),
      gates: state.gates,
      plans,
      ...(planId ? { planId } : {}),
      incidents,
      execution: state.execution,
      by: actor,
      now: deps.clock.now(),
    });
    if (!decided.ok) return decided;
    board = decided.value.board;
    const { execution } = decided.value;
    return ok({ state: { ...state, execution }, value: execution, detail: { planId: execution.planId, version: execution.planVersion } });
  });
  if (started.ok) await deps.repos.sprint.seed(program, board);
  return started;
}
