// Plans of a program: created from the template, filled by the analyst, reviewed, and decided by a
// person's click. Every status change is a compare-and-set on the stored version's revision.
import type { ChecklistVerdict } from '../domain/checklist.ts';
import {
  approvePlan,
  createPlanFromTemplate,
  currentVersions,
  recordReview,
  rejectPlan,
  revisePlan,
  type Plan,
} from '../domain/plans.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { audit, type ServiceDeps } from './deps.ts';

export async function listPlans(deps: ServiceDeps, program: ProgramRef): Promise<Plan[]> {
  return currentVersions(await deps.repos.plans.list(program));
}

export async function createPlan(deps: ServiceDeps, program: ProgramRef, actor: Actor, goal: string, name?: string): Promise<Result<Plan>> {
  const now = deps.clock.now();
  const checked = createPlanFromTemplate({ sequence: 1, goal, ...(name ? { name } : {}), by: actor, now });
  if (!checked.ok) return checked;
  const sequence = await deps.repos.counters.next(program, 'plan');
  const plan = createPlanFromTemplate({ sequence, goal, ...(name ? { name } : {}), by: actor, now });
  if (!plan.ok) return plan;
  await deps.repos.plans.insert(program, plan.value);
  await audit(deps, program, actor, 'plan.create', { id: plan.value.id });
  return plan;
}

/**
 * Applies a person's Approve or Reject to the version on the clicked button. Exactly one click wins:
 * a stale version, a second click or a retried delivery gets `conflict` and changes nothing.
 */
export async function decidePlan(
  deps: ServiceDeps,
  program: ProgramRef,
  actor: Actor,
  target: { id: string; version: number },
  decision: { kind: 'approve' } | { kind: 'reject'; reason: string },
): Promise<Result<Plan>> {
  const stored = await deps.repos.plans.get(program, target.id, target.version);
  if (stored === undefined) return fail('not_found', `no plan ${target.id} v${target.version} in this channel`);
  const all = await deps.repos.plans.list(program);
  const newest = currentVersions(all).find((plan) => plan.id === target.id);
  if (newest !== undefined && newest.version !== target.version) {
    return fail('conflict', `v${target.version} of ${target.id} is outdated; v${newest.version} is current`);
  }
  const common = { version: target.version, by: actor.userId, now: deps.clock.now() };
  const next = decision.kind === 'approve' ? approvePlan(stored.value, common) : rejectPlan(stored.value, { ...common, reason: decision.reason });
  if (!next.ok) return next;
  if (!(await deps.repos.plans.replace(program, stored.rev, next.value))) {
    return fail('conflict', `${target.id} v${target.version} was decided by someone else a moment ago`);
  }
  await audit(deps, program, actor, `plan.${decision.kind}`, { id: target.id, version: target.version });
  return next;
}

/** Stores the reviewer's verdict on a draft (floored by the code-side checklist). */
export async function recordPlanReview(
  deps: ServiceDeps,
  program: ProgramRef,
  actor: Actor,
  target: { id: string; version: number },
  verdict: ChecklistVerdict,
): Promise<Result<Plan>> {
  const stored = await deps.repos.plans.get(program, target.id, target.version);
  if (stored === undefined) return fail('not_found', `no plan ${target.id} v${target.version} in this channel`);
  const next = recordReview(stored.value, verdict, deps.clock.now());
  if (!next.ok) return next;
  if (!(await deps.repos.plans.replace(program, stored.rev, next.value))) {
    return fail('conflict', `${target.id} v${target.version} changed while it was being reviewed`);
  }
  await audit(deps, program, actor, 'plan.review', { id: target.id, version: target.version, outcome: next.value.review?.outcome });
  return next;
}

/** A rejected or gated version becomes a new draft version for the analyst to revise. */
export async function newPlanVersion(deps: ServiceDeps, program: ProgramRef, actor: Actor, target: { id: string; version: number }): Promise<Result<Plan>> {
  const stored = await deps.repos.plans.get(program, target.id, target.version);
  if (stored === undefined) return fail('not_found', `no plan ${target.id} v${target.version} in this channel`);
  const revised = revisePlan(stored.value, {}, deps.clock.now());
  if (!revised.ok) return revised;
  if ((await deps.repos.plans.insert(program, revised.value.next)) === 'duplicate') {
    return fail('conflict', `${target.id} v${revised.value.next.version} already exists`);
  }
  await deps.repos.plans.replace(program, stored.rev, revised.value.superseded);
  await audit(deps, program, actor, 'plan.revise', { id: target.id, version: revised.value.next.version });
  return ok(revised.value.next);
}
