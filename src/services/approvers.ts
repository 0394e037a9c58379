// Who may click Approve / Reject on a program's plans, besides the person who asked for the plan.
import type { Actor, ProgramRef } from '../domain/program.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import type { ServiceDeps } from './deps.ts';
import { changeProgram } from './program-state.ts';

export const MAX_APPROVERS = 50;

export async function listApprovers(deps: ServiceDeps, program: ProgramRef): Promise<string[]> {
  return (await deps.repos.programs.load(program)).state.approvers;
}

export function addApprover(deps: ServiceDeps, program: ProgramRef, actor: Actor, userId: string): Promise<Result<string[]>> {
  return changeProgram(deps, program, actor, 'approvers.add', (state) => {
    if (state.approvers.includes(userId)) return fail('conflict', `<@${userId}> is already an approver here`);
    if (state.approvers.length >= MAX_APPROVERS) return fail('invalid', `a channel can have at most ${MAX_APPROVERS} approvers`);
    const approvers = [...state.approvers, userId];
    return ok({ state: { ...state, approvers }, value: approvers, detail: { userId } });
  });
}

export function removeApprover(deps: ServiceDeps, program: ProgramRef, actor: Actor, userId: string): Promise<Result<string[]>> {
  return changeProgram(deps, program, actor, 'approvers.remove', (state) => {
    if (!state.approvers.includes(userId)) return fail('not_found', `<@${userId}> is not an approver here`);
    const approvers = state.approvers.filter((id) => id !== userId);
    return ok({ state: { ...state, approvers }, value: approvers, detail: { userId } });
  });
}
