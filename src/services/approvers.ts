// Who may click Approve / Reject on a program's plans besides the person who asked, and the channel's
// four-eyes policy. Every change is checked against the permission table inside the same
// compare-and-set that writes it, so "the last approver" is the last one at the moment of writing.
import { approvalNeeded, approversChangePermission, permit, type ApprovalNeed } from '../domain/permissions.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import type { ServiceDeps } from './deps.ts';
import { changeProgram } from './program-state.ts';

export const MAX_APPROVERS = 50;

/** What the edge found out about the person acting: only Slack (users.info) and the environment know. */
export interface ActorRole {
  isAdmin: boolean;
}

export async function listApprovers(deps: ServiceDeps, program: ProgramRef): Promise<string[]> {
  return (await deps.repos.programs.load(program)).state.approvers;
}

export function addApprover(deps: ServiceDeps, program: ProgramRef, actor: Actor, role: ActorRole, userId: string): Promise<Result<string[]>> {
  return changeProgram(deps, program, actor, 'approvers.add', (state) => {
    const allowed = approversChangePermission({ userId: actor.userId, isAdmin: role.isAdmin, approvers: state.approvers }, { kind: 'add', target: userId });
    if (!allowed.ok) return allowed;
    if (state.approvers.includes(userId)) return fail('conflict', 'that person is already an approver here');
    if (state.approvers.length >= MAX_APPROVERS) return fail('invalid', `a channel can have at most ${MAX_APPROVERS} approvers`);
    const approvers = [...state.approvers, userId];
    return ok({ state: { ...state, approvers }, value: approvers, detail: { userId } });
  });
}

export function removeApprover(deps: ServiceDeps, program: ProgramRef, actor: Actor, role: ActorRole, userId: string): Promise<Result<string[]>> {
  return changeProgram(deps, program, actor, 'approvers.remove', (state) => {
    const allowed = approversChangePermission({ userId: actor.userId, isAdmin: role.isAdmin, approvers: state.approvers }, { kind: 'remove', target: userId });
    if (!allowed.ok) return allowed;
    if (!state.approvers.includes(userId)) return fail('not_found', 'that person is not an approver here');
    const approvers = state.approvers.filter((id) => id !== userId);
    return ok({ state: { ...state, approvers }, value: approvers, detail: { userId } });
  });
}

/** `/ohmymkt policy four-eyes on|off`: approvers and admins only; setting the current value is a no-op answer. */
export function setFourEyes(deps: ServiceDeps, program: ProgramRef, actor: Actor, role: ActorRole, on: boolean): Promise<Result<boolean>> {
  return changeProgram(deps, program, actor, 'policy.four_eyes', (state) => {
    const allowed = permit('policy.set', { userId: actor.userId, isAdmin: role.isAdmin, approvers: state.approvers });
    if (!allowed.ok) return allowed;
    if (state.fourEyes === on) return fail('conflict', `four-eyes is already ${on ? 'on' : 'off'} in this channel`);
    return ok({ state: { ...state, fourEyes: on }, value: on, detail: { fourEyes: on } });
  });
}

/** Whose click a run's plan card waits for, from the channel's approvers and four-eyes policy now. */
export async function approvalNote(
  deps: ServiceDeps,
  run: ProgramRef & { requesterId: string; impact: 'high' | 'low'; approval?: { kind: 'plan' | 'high_cost' } | undefined },
): Promise<ApprovalNeed> {
  const { state } = await deps.repos.programs.load({ teamId: run.teamId, channelId: run.channelId });
  const highImpact = run.impact === 'high' || run.approval?.kind === 'high_cost';
  const need = approvalNeeded(run.requesterId, state.approvers, { highImpact, fourEyes: state.fourEyes });
  return state.approverGroup ? { ...need, group: state.approverGroup.id } : need;
}

/** Whose click an asset card waits for: the requester or an approver (four-eyes is for plans only). */
export async function assetApprovalNote(deps: ServiceDeps, run: ProgramRef & { requesterId: string }): Promise<ApprovalNeed> {
  return approvalNote(deps, { ...run, impact: 'low' });
}

/**
 * `/ohmymkt approvers group @group` (or `off`): the user group plan and asset cards and reminders mention.
 * The same people may set it as may change the approvers once the channel has one.
 */
export function setApproverGroup(
  deps: ServiceDeps,
  program: ProgramRef,
  actor: Actor,
  role: ActorRole,
  group: { id: string; handle: string } | undefined,
): Promise<Result<{ id: string; handle: string } | undefined>> {
  return changeProgram(deps, program, actor, group ? 'approvers.group' : 'approvers.group_off', (state) => {
    const allowed = permit('approvers.change', { userId: actor.userId, isAdmin: role.isAdmin, approvers: state.approvers });
    if (!allowed.ok) return allowed;
    if (!group && !state.approverGroup) return fail('conflict', 'no group is named here; cards mention the approvers');
    if (group && state.approverGroup?.id === group.id) return fail('conflict', 'that group is already the one cards mention here');
    return ok({ state: { ...state, approverGroup: group ?? null }, value: group, detail: group ? { group: group.id } : {} });
  });
}
