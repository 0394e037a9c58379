// The analyst's writes to a plan's requirements: a draft is filled in place; a version already shown
// for review or decided is revised into the next version, so what a person approved never changes.
import { applyPlanChoice, currentVersions, planLabel, revisePlan, updateRequirements, type Plan, type PlanChoice } from '../domain/plans.ts';
import type { Actor, ProgramRef } from '../domain/program.ts';
import type { RequirementsPatch } from '../domain/requirements.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { audit, type ServiceDeps } from './deps.ts';

export async function writeRequirements(
  deps: ServiceDeps,
  program: ProgramRef,
  actor: Actor,
  planId: string,
  patch: RequirementsPatch,
  choice: PlanChoice = {},
): Promise<Result<Plan>> {
  const id = planId.trim().toUpperCase();
  const current = currentVersions(await deps.repos.plans.list(program)).find((plan) => plan.id === id);
  if (current === undefined) return fail('not_found', `no plan ${id} in this channel; list the plans to find it`);
  const stored = await deps.repos.plans.get(program, current.id, current.version);
  if (stored === undefined) return fail('not_found', `no plan ${planLabel(current)} in this channel`);
  const now = deps.clock.now();
  if (current.status === 'draft') {
    const updated = updateRequirements(stored.value, patch, now);
    if (!updated.ok) return updated;
    const next = ok(applyPlanChoice(updated.value, choice));
    if (!(await deps.repos.plans.replace(program, stored.rev, next.value))) {
      return fail('conflict', `${planLabel(current)} changed a moment ago; read it again and retry`);
    }
    await audit(deps, program, actor, 'plan.requirements', { id, version: current.version });
    return next;
  }
  const revision = revisePlan(stored.value, patch, now);
  if (!revision.ok) return revision;
  const revised = ok({ ...revision.value, next: applyPlanChoice(revision.value.next, choice) });
  // The new version goes in first: if it loses a race, the old version is left untouched.
  if ((await deps.repos.plans.insert(program, revised.value.next)) === 'duplicate') {
    return fail('conflict', `${id} was revised by someone else a moment ago; read it again and retry`);
  }
  await deps.repos.plans.replace(program, stored.rev, revised.value.superseded);
  await audit(deps, program, actor, 'plan.revise', { id, version: revised.value.next.version });
  return ok(revised.value.next);
}
