// Plans of a program: created from the template, filled by the analyst, reviewed, and decided by a
// person's click. Every status change is a compare-and-set on the stored version's revision.
import type { ChecklistVerdict } from '../domain/checklist.ts';
import {
  applyPlanChoice,
  approvePlan,
  createPlanFromTemplate,
  currentVersions,
  recordReview,
  rejectPlan,
  revisePlan,
  type Plan,
  type PlanChoice,
} from '../domain/plans.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import type { StoredRevision } from '../store/repos/stored.ts';
import { audit, type ServiceDeps } from './deps.ts';
import { adoptPlanChoice, loadWithPlaybook } from './playbooks.ts';

export async function listPlans(deps: ServiceDeps, program: ProgramRef): Promise<Plan[]> {
  return currentVersions(await deps.repos.plans.list(program));
}

/** A plan from the proposed playbook's template (else the channel's), with any KPI targets proposed. */
export async function createPlan(deps: ServiceDeps, program: ProgramRef, actor: Actor, goal: string, name?: string, choice: PlanChoice = {}): Promise<Result<Plan>> {
  const now = deps.clock.now();
  const playbook = choice.playbook ?? (await loadWithPlaybook(deps, program)).book;
  const input = { goal, ...(name ? { name } : {}), by: actor, now, playbook };
  const checked = createPlanFromTemplate({ sequence: 1, ...input });
  if (!checked.ok) return checked;
  const sequence = await deps.repos.counters.next(program, 'plan');
  const plan = createPlanFromTemplate({ sequence, ...input });
  if (!plan.ok) return plan;
  // The template's playbook is recorded only when the analyst proposed one, so the card shows a proposal, not the default.
  const proposed = applyPlanChoice(choice.playbook ? plan.value : { ...plan.value, playbook: undefined }, { ...(choice.kpiTargets ? { kpiTargets: choice.kpiTargets } : {}) });
  if (proposed.playbook === undefined) delete proposed.playbook;
  plan.value = proposed;
  await deps.repos.plans.insert(program, plan.value);
  await audit(deps, program, actor, 'plan.create', { id: plan.value.id });
  return plan;
}

interface PlanTarget {
  id: string;
  version: number;
}

async function storedPlan(deps: ServiceDeps, program: ProgramRef, target: PlanTarget): Promise<Result<StoredRevision<Plan>>> {
  const stored = await deps.repos.plans.get(program, target.id, target.version);
  return stored === undefined ? fail('not_found', `no plan ${target.id} v${target.version} in this channel`) : ok(stored);
}

/** One compare-and-set change of a stored plan version, audited; losing a race is a `conflict`. */
async function changePlan(
  deps: ServiceDeps,
  program: ProgramRef,
  actor: Actor,
  target: PlanTarget,
  action: string,
  change: (plan: Plan) => Result<Plan>,
): Promise<Result<Plan>> {
  const stored = await storedPlan(deps, program, target);
  if (!stored.ok) return stored;
  const next = change(stored.value.value);
  if (!next.ok) return next;
  if (!(await deps.repos.plans.replace(program, stored.value.rev, next.value))) {
    return fail('conflict', `${target.id} v${target.version} was changed by someone else a moment ago`);
  }
  await audit(deps, program, actor, action, { id: target.id, version: target.version, status: next.value.status });
  return next;
}

/**
 * Applies a person's Approve or Reject to the version on the clicked button. Exactly one click wins:
 * a stale version, a second click or a retried delivery gets `conflict` and changes nothing.
 */
export async function decidePlan(
  deps: ServiceDeps,
  program: ProgramRef,
  actor: Actor,
  target: PlanTarget,
  decision: { kind: 'approve' } | { kind: 'reject'; reason: string },
): Promise<Result<Plan>> {
  const newest = currentVersions(await deps.repos.plans.list(program)).find((plan) => plan.id === target.id);
  if (newest !== undefined && newest.version !== target.version) {
    return fail('conflict', `v${target.version} of ${target.id} is outdated; v${newest.version} is current`);
  }
  const common = { version: target.version, by: actor.userId, now: deps.clock.now() };
  const decided = await changePlan(deps, program, actor, target, `plan.${decision.kind}`, (plan) =>
    decision.kind === 'approve' ? approvePlan(plan, common) : rejectPlan(plan, { ...common, reason: decision.reason }),
  );
  // An approved proposal becomes the channel's: its playbook if it has none yet, and its KPI targets.
  if (decided.ok && decided.value.status === 'approved') await adoptPlanChoice(deps, program, actor, decided.value);
  return decided;
}

/** Stores the reviewer's verdict on a draft (floored by the code-side checklist). */
export function recordPlanReview(deps: ServiceDeps, program: ProgramRef, actor: Actor, target: PlanTarget, verdict: ChecklistVerdict): Promise<Result<Plan>> {
  return changePlan(deps, program, actor, target, 'plan.review', (plan) => recordReview(plan, verdict, deps.clock.now()));
}

/** A rejected or gated version becomes a new draft version for the analyst to revise. */
export async function newPlanVersion(deps: ServiceDeps, program: ProgramRef, actor: Actor, target: PlanTarget): Promise<Result<Plan>> {
  const found = await storedPlan(deps, program, target);
  if (!found.ok) return found;
  const stored = found.value;
  const revised = revisePlan(stored.value, {}, deps.clock.now());
  if (!revised.ok) return revised;
  if ((await deps.repos.plans.insert(program, revised.value.next)) === 'duplicate') {
    return fail('conflict', `${target.id} v${revised.value.next.version} already exists`);
  }
  await deps.repos.plans.replace(program, stored.rev, revised.value.superseded);
  await audit(deps, program, actor, 'plan.revise', { id: target.id, version: revised.value.next.version });
  return ok(revised.value.next);
}
