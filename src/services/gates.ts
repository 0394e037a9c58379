// Startup gates of a program: evaluate them, or set one field from `<gate>.<field>=<value>`.
import { applyGateAssignment, evaluateGates, parseGateAssignment, type GateEvaluation } from '../domain/gates.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { ok, type Result } from '../domain/result.ts';
import type { ServiceDeps } from './deps.ts';
import { changeProgram } from './program-state.ts';

export async function checkGates(deps: ServiceDeps, program: ProgramRef): Promise<GateEvaluation[]> {
  const { state } = await deps.repos.programs.load(program);
  return evaluateGates(state.gates);
}

export async function setGate(deps: ServiceDeps, program: ProgramRef, actor: Actor, text: string): Promise<Result<GateEvaluation[]>> {
  const assignment = parseGateAssignment(text);
  if (!assignment.ok) return assignment;
  return changeProgram(deps, program, actor, 'gates.set', (state) => {
    const gates = applyGateAssignment(state.gates, assignment.value);
    return ok({ state: { ...state, gates }, value: evaluateGates(gates), detail: { ...assignment.value } });
  });
}
