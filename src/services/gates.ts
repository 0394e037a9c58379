// Startup gates of a program, as its playbook defines them: evaluate them, or set one field from
// `<gate>.<field>=<value>`.
import { applyGateAssignment, evaluateGates, parseGateAssignment, type GateEvaluation } from '../domain/gates.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { ok, type Result } from '../domain/result.ts';
import type { ServiceDeps } from './deps.ts';
import { loadWithPlaybook, playbookFor } from './playbooks.ts';
import { changeProgram } from './program-state.ts';

export async function checkGates(deps: ServiceDeps, program: ProgramRef): Promise<GateEvaluation[]> {
  const { state, book } = await loadWithPlaybook(deps, program);
  return evaluateGates(state.gates, book);
}

export async function setGate(deps: ServiceDeps, program: ProgramRef, actor: Actor, text: string): Promise<Result<GateEvaluation[]>> {
  return changeProgram(deps, program, actor, 'gates.set', (state) => {
    const book = playbookFor(deps, state);
    const assignment = parseGateAssignment(text, book);
    if (!assignment.ok) return assignment;
    const gates = applyGateAssignment(state.gates, assignment.value);
    return ok({ state: { ...state, gates }, value: evaluateGates(gates, book), detail: { ...assignment.value } });
  });
}
