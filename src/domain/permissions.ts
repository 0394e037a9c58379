// Who may do what in a program (rules §14): ONE table, read by every surface that changes state, and
// the refusal it gives names who may. Pure: whether someone is an admin or an approver is decided by
// the caller (Slack's users.info, OHMYMKT_ADMINS, the channel's approver list) and passed in.
import { fail, ok, type Result } from './result.ts';

export const ROLES = ['admin', 'approver', 'requester', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSION_ACTIONS = [
  'run.start',
  'run.answer',
  'plan.decide',
  'asset.decide',
  'run.cancel',
  'run.retry',
  'gates.set',
  'metrics.set',
  'incident.resolve',
  'cycle.run',
  'campaign.start',
  'asset.publish',
  'playbook.set',
  'policy.set',
  'approvers.change',
  'provider.settings',
  'incident.open',
  'incident.update',
  'read',
] as const;
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

export interface Permission {
  /** What the action is, in the words of a refusal: "only … may <what>". */
  what: string;
  who: readonly Role[];
}

const ANYONE: readonly Role[] = ['member', 'requester', 'approver', 'admin'];
const REQUESTER_OR_APPROVER: readonly Role[] = ['requester', 'approver'];
const STEWARDS: readonly Role[] = ['approver', 'admin'];

/** The table. README's "Who may do what" section is this table in words; a test reads it row by row. */
export const PERMISSIONS: Readonly<Record<PermissionAction, Permission>> = {
  'run.start': { what: 'start a run', who: ANYONE },
  'run.answer': { what: "answer a run's questions", who: REQUESTER_OR_APPROVER },
  // Four-eyes narrows this for a high-impact plan: see decidePlanPermission.
  'plan.decide': { what: 'approve or reject this plan', who: REQUESTER_OR_APPROVER },
  'asset.decide': { what: 'approve or send back this asset', who: REQUESTER_OR_APPROVER },
  'run.cancel': { what: 'cancel this run', who: REQUESTER_OR_APPROVER },
  'run.retry': { what: 'retry this run', who: REQUESTER_OR_APPROVER },
  'gates.set': { what: 'set gates', who: STEWARDS },
  'metrics.set': { what: 'set metrics or targets', who: STEWARDS },
  'incident.resolve': { what: 'resolve incidents', who: STEWARDS },
  'cycle.run': { what: 'record a cycle', who: STEWARDS },
  // The Start campaign button on an approved plan's card; an agent's ohmymkt_start_campaign answers to the review gate.
  'campaign.start': { what: 'start the campaign', who: STEWARDS },
  // The Publish button on an approved asset's card: whoever may sign an asset off, and admins.
  'asset.publish': { what: 'publish this asset', who: ['requester', 'approver', 'admin'] },
  'playbook.set': { what: "change the channel's playbook", who: STEWARDS },
  'policy.set': { what: "change the channel's policy", who: STEWARDS },
  // The first and the last approver are an admin's call: see approversChangePermission.
  'approvers.change': { what: 'add or remove approvers', who: STEWARDS },
  'provider.settings': { what: 'change provider settings', who: STEWARDS },
  'incident.open': { what: 'open incidents', who: ANYONE },
  'incident.update': { what: 'update incidents', who: ANYONE },
  read: { what: 'read the program', who: ANYONE },
};

/** What the caller knows about the person acting. */
export interface Person {
  userId: string;
  isAdmin: boolean;
  /** The channel's approver list. */
  approvers: readonly string[];
  /** The run's requester, for actions on a run. */
  requesterId?: string;
}

export function rolesOf(person: Person): Role[] {
  const roles: Role[] = ['member'];
  if (person.requesterId !== undefined && person.requesterId === person.userId) roles.push('requester');
  if (person.approvers.includes(person.userId)) roles.push('approver');
  if (person.isAdmin) roles.push('admin');
  return roles;
}

const ROLE_WORDS: Record<Exclude<Role, 'member'>, string> = {
  requester: 'the person who asked',
  approver: 'an approver of this channel (`/ohmymkt approvers`)',
  admin: 'a workspace admin',
};

// Roles in words: how a person is mentioned in Slack is the Slack edge's to write.
function whoMay(who: readonly Role[]): string {
  const named = who.filter((role): role is Exclude<Role, 'member'> => role !== 'member').map((role) => ROLE_WORDS[role]);
  return named.length <= 1 ? (named[0] ?? 'nobody') : `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}`;
}

function refuse(what: string, who: readonly Role[], why?: string): Result<void> {
  return fail('forbidden', `only ${whoMay(who)} may ${what}${why ? `: ${why}` : ''}`);
}

/** The plain table lookup. */
export function permit(action: PermissionAction, person: Person): Result<void> {
  const { what, who } = PERMISSIONS[action];
  if (who.includes('member')) return ok(undefined);
  const roles = rolesOf(person);
  return roles.some((role) => who.includes(role)) ? ok(undefined) : refuse(what, who);
}

export interface PlanDecision {
  /** Commits budget, a paid channel, a launch date or a revenue target (the router's impact, or a high-cost action). */
  highImpact: boolean;
  /** The channel's four-eyes policy (on by default). */
  fourEyes: boolean;
  approve: boolean;
}

/** Whether four-eyes applies: high impact, policy on, and someone other than the requester can approve. */
export function fourEyesApplies(decision: Omit<PlanDecision, 'approve'>, requesterId: string, approvers: readonly string[]): boolean {
  return decision.highImpact && decision.fourEyes && approvers.some((id) => id !== requesterId);
}

/** Approve / Reject: the table, then four-eyes — a high-impact plan is not approved by its own requester alone. */
export function decidePlanPermission(person: Person, decision: PlanDecision): Result<void> {
  const allowed = permit('plan.decide', person);
  if (!allowed.ok || !decision.approve) return allowed;
  const requesterId = person.requesterId;
  if (requesterId === undefined || person.userId !== requesterId) return allowed;
  if (!fourEyesApplies(decision, requesterId, person.approvers)) return allowed;
  return fail(
    'forbidden',
    'this plan commits budget, a paid channel, a launch date or a revenue target, so it needs the approval of another approver of this channel (four-eyes; `/ohmymkt approvers` lists them, `/ohmymkt policy four-eyes off` turns it off)',
  );
}

/**
 * Whose click a plan card waits for: `approvers` are the people who may decide besides the requester;
 * with four-eyes in force the requester's own click does not count.
 */
export interface ApprovalNeed {
  requesterId: string;
  requesterMay: boolean;
  approvers: string[];
  /** A user group the channel named to be told instead of each approver (its id); who may click is unchanged. */
  group?: string;
}

export function approvalNeeded(requesterId: string, approvers: readonly string[], decision: Omit<PlanDecision, 'approve'>): ApprovalNeed {
  return { requesterId, requesterMay: !fourEyesApplies(decision, requesterId, approvers), approvers: approvers.filter((id) => id !== requesterId) };
}

/**
 * Adding or removing an approver: admins always; approvers once the channel has one; the first
 * approver and the removal of the last one only by an admin.
 */
export function approversChangePermission(person: Person, change: { kind: 'add' | 'remove'; target: string }): Result<void> {
  if (person.isAdmin) return ok(undefined);
  const { approvers } = person;
  if (approvers.length === 0) return refuse('add the first approver of a channel', ['admin'], 'after that, approvers may add and remove approvers too');
  const last = change.kind === 'remove' && approvers.length === 1 && approvers[0] === change.target;
  if (last) return refuse("remove a channel's last approver", ['admin']);
  return permit('approvers.change', person);
}
