// The review gate in code (rules §6) and the pause of risky work (§5): which actions need an
// approved, current plan version, which ones wait while a high incident is open, and who may approve.
import { isPaused, openHighIncidents, type Incident } from './incidents.ts';
import { currentVersions, planLabel, type Plan } from './plans.ts';
import { fail, ok, type Result } from './result.ts';
import { isHighCost, type RiskyAction } from './tool-risk.ts';

function whyNotApproved(plan: Plan, versions: Plan[]): string {
  const earlier = versions.find((version) => version.id === plan.id && version.version < plan.version && version.decision?.status === 'approved');
  const history = earlier === undefined ? '' : ` (v${earlier.version} was approved, but v${plan.version} is current)`;
  switch (plan.status) {
    case 'draft':
      return `${planLabel(plan)} is a draft${history}: the plan-reviewer has to pass all six checklist items before it can be approved`;
    case 'in_review':
      return `${planLabel(plan)} is waiting for approval${history}: an allowed approver clicks Approve on it in its thread`;
    case 'rejected':
      return `${planLabel(plan)} was rejected${plan.decision?.reason ? ` ("${plan.decision.reason}")` : ''}: revise it and get the new version approved`;
    case 'approved':
    case 'superseded':
      return `${planLabel(plan)} is ${plan.status}`;
  }
}

/**
 * The approved, current version of a plan: of `planId` when given, else the most recently approved
 * plan of the program. `plans` holds every stored version of the program's plans.
 */
export function requireApprovedPlan(plans: Plan[], planId?: string): Result<Plan> {
  const current = currentVersions(plans);
  if (planId !== undefined) {
    const id = planId.trim().toUpperCase();
    const plan = current.find((candidate) => candidate.id === id);
    if (plan === undefined) return fail('not_found', `no plan ${id} in this channel; \`plans\` lists the existing ones`);
    if (plan.status === 'approved') return ok(plan);
    return fail('review_required', `this needs an approved plan: ${whyNotApproved(plan, plans)}`);
  }
  // No plan at all is the review gate too: the run reviews one made from the request and asks a person.
  if (current.length === 0) return fail('review_required', 'this needs an approved plan, and this channel has no plan yet (one is reviewed and approved before anything high-cost runs)');
  const approved = current
    .filter((plan) => plan.status === 'approved')
    .sort((a, b) => (b.decision?.at.getTime() ?? 0) - (a.decision?.at.getTime() ?? 0));
  const [latest] = approved;
  if (latest !== undefined) return ok(latest);
  return fail(
    'review_required',
    'this needs an approved plan, and no current plan version of this channel is approved',
    current.map((plan) => whyNotApproved(plan, plans)),
  );
}

export interface ActionContext {
  plans: Plan[];
  planId?: string;
  incidents: Incident[];
}

export function ensureNotPaused(action: RiskyAction, incidents: Incident[]): Result<void> {
  if (!isPaused(incidents)) return ok(undefined);
  const open = openHighIncidents(incidents).map((incident) => `${incident.id}: ${incident.summary}`);
  return fail('paused', `risky work (${action}) is paused until every high incident is resolved`, open);
}

/** Pause first (nothing risky runs during a high incident), then the review gate for high-cost actions. */
export function authorizeAction(action: RiskyAction, context: ActionContext): Result<Plan | undefined> {
  const notPaused = ensureNotPaused(action, context.incidents);
  if (!notPaused.ok) return notPaused;
  return isHighCost(action) ? requireApprovedPlan(context.plans, context.planId) : ok(undefined);
}
