// Plans and their lifecycle: draft → in_review (checklist passed) → approved | rejected, and a
// revision that supersedes the old version. Only a person's click approves (rules §6).
import { z } from 'zod';
import { ChecklistVerdictSchema, combineVerdicts, failingItems, overallVerdict, structuralChecklist, type ChecklistVerdict } from './checklist.ts';
import { KpiTargetsSchema, type KpiTargets } from './kpis.ts';
import { PlanSectionsSchema, templateSections } from './plan-template.ts';
import type { Playbook } from './playbook.ts';
import { ActorSchema, type Actor } from './program.ts';
import { emptyRequirements, RequirementsSchema, type RequirementsPatch } from './requirements.ts';
import { fail, ok, type Result } from './result.ts';

export const PLAN_STATUSES = ['draft', 'in_review', 'approved', 'rejected', 'superseded'] as const;
export const PlanStatusSchema = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatusSchema>;

export const PlanIdSchema = z.string().regex(/^PLAN-[1-9]\d*$/);
export const MAX_GOAL_LENGTH = 2000;
export const MAX_PLAN_NAME_LENGTH = 80;

export const PlanSchema = z.object({
  id: PlanIdSchema,
  version: z.number().int().min(1),
  goal: z.string().min(1).max(MAX_GOAL_LENGTH),
  // Graphemes are capped by planName; the schema bounds storage, in UTF-16 units.
  name: z.string().min(1).max(MAX_PLAN_NAME_LENGTH * 8),
  status: PlanStatusSchema,
  sections: PlanSectionsSchema,
  /** The playbook the analyst proposed for the program (absent on plans stored before playbooks). */
  playbook: z.string().min(1).optional(),
  /** KPI targets the acceptance criteria set; applied to the program when the plan is approved. */
  kpiTargets: KpiTargetsSchema.optional(),
  requirements: RequirementsSchema,
  review: z.object({ verdict: ChecklistVerdictSchema, outcome: z.enum(['approve', 'reject']), at: z.date() }).optional(),
  decision: z
    .object({ status: z.enum(['approved', 'rejected']), by: z.string().min(1), at: z.date(), reason: z.string().optional() })
    .optional(),
  createdBy: ActorSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Plan = z.infer<typeof PlanSchema>;

export function planId(sequence: number): string {
  return `PLAN-${sequence}`;
}

export function planLabel(plan: Pick<Plan, 'id' | 'version'>): string {
  return `${plan.id} v${plan.version}`;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A readable name from the person's own words, in any script: whitespace collapsed and cut on a
 * grapheme (never inside a character or an emoji) at the last word break that fits.
 */
export function planName(goal: string, name?: string): string {
  const source = (name?.trim() ? name : goal).normalize('NFC').replace(/\s+/g, ' ').trim();
  const parts = Array.from(graphemes.segment(source), (part) => part.segment);
  if (parts.length <= MAX_PLAN_NAME_LENGTH) return source;
  const head = parts.slice(0, MAX_PLAN_NAME_LENGTH).join('');
  const lastSpace = head.lastIndexOf(' ');
  return `${lastSpace > MAX_PLAN_NAME_LENGTH / 2 ? head.slice(0, lastSpace) : head}…`;
}

export interface NewPlanInput {
  /** The program's next plan number, drawn from an atomic counter by the caller. */
  sequence: number;
  goal: string;
  name?: string;
  by: Actor;
  now: Date;
  /** The proposed playbook: its gates, tracks and checklist fill the plan's sections. */
  playbook?: Playbook;
}

export function createPlanFromTemplate(input: NewPlanInput): Result<Plan> {
  const goal = input.goal.trim();
  if (goal === '') return fail('usage', 'a plan needs a goal');
  if (goal.length > MAX_GOAL_LENGTH) return fail('invalid', `the goal is too long (${goal.length} characters, at most ${MAX_GOAL_LENGTH})`);
  return ok({
    id: planId(input.sequence),
    version: 1,
    goal,
    name: planName(goal, input.name),
    status: 'draft',
    sections: templateSections(input.playbook),
    ...(input.playbook ? { playbook: input.playbook.name } : {}),
    requirements: emptyRequirements(),
    createdBy: input.by,
    createdAt: input.now,
    updatedAt: input.now,
  });
}

/** The analyst's proposal of a playbook and KPI targets; a new playbook rebuilds the template sections. */
export interface PlanChoice {
  playbook?: Playbook;
  /** Already checked against the playbook's KPIs; merged over the plan's earlier targets. */
  kpiTargets?: KpiTargets;
}

export function applyPlanChoice(plan: Plan, choice: PlanChoice): Plan {
  const targets = choice.kpiTargets === undefined ? plan.kpiTargets : { ...plan.kpiTargets, ...choice.kpiTargets };
  const book = choice.playbook;
  return {
    ...plan,
    ...(book && book.name !== plan.playbook ? { playbook: book.name, sections: templateSections(book) } : {}),
    ...(targets !== undefined && Object.keys(targets).length > 0 ? { kpiTargets: targets } : {}),
  };
}

function applyPatch(plan: Plan, patch: RequirementsPatch): Result<Plan['requirements']> {
  const parsed = RequirementsSchema.safeParse({ ...plan.requirements, ...patch });
  if (!parsed.success) return fail('invalid', 'the requirements are not valid', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  return ok(parsed.data);
}

/** The analyst fills a draft in place; anything already shown for review changes through `revisePlan`. */
export function updateRequirements(plan: Plan, patch: RequirementsPatch, now: Date): Result<Plan> {
  if (plan.status !== 'draft') return fail('conflict', `${planLabel(plan)} is ${plan.status}; revise it to change its requirements`);
  const requirements = applyPatch(plan, patch);
  if (!requirements.ok) return requirements;
  const { review: _staleReview, ...rest } = plan;
  return ok({ ...rest, requirements: requirements.value, updatedAt: now });
}

export function revisePlan(plan: Plan, patch: RequirementsPatch, now: Date): Result<{ superseded: Plan; next: Plan }> {
  if (plan.status === 'superseded') return fail('conflict', `${planLabel(plan)} is superseded; revise the current version`);
  const requirements = applyPatch(plan, patch);
  if (!requirements.ok) return requirements;
  // Keys are dropped rather than set to undefined: a store may write undefined back as null.
  const { review: _review, decision: _decision, ...rest } = plan;
  const next: Plan = { ...rest, version: plan.version + 1, status: 'draft', requirements: requirements.value, createdAt: now, updatedAt: now };
  return ok({ superseded: { ...plan, status: 'superseded', updatedAt: now }, next });
}

/**
 * Records the plan-reviewer's verdict, floored by what code can check. Passing sends the plan to a
 * person for approval; failing keeps it a draft for the analyst, with the reasons.
 */
export function recordReview(plan: Plan, reviewer: ChecklistVerdict, now: Date): Result<Plan> {
  if (plan.status !== 'draft') return fail('conflict', `${planLabel(plan)} is ${plan.status}; only a draft is reviewed`);
  const verdict = combineVerdicts(reviewer, structuralChecklist(plan.requirements));
  const outcome = overallVerdict(verdict);
  return ok({ ...plan, status: outcome === 'approve' ? 'in_review' : 'draft', review: { verdict, outcome, at: now }, updatedAt: now });
}

export function reviewFailures(plan: Plan): string[] {
  return plan.review === undefined ? [] : failingItems(plan.review.verdict).map((item) => `${item.key}: ${item.reason}`);
}

interface HumanDecision {
  /** The version on the button that was clicked. */
  version: number;
  by: string;
  now: Date;
}

function decidable(plan: Plan, version: number): Result<Plan> {
  if (version !== plan.version) return fail('conflict', `v${version} of ${plan.id} is outdated; v${plan.version} is current`);
  if (plan.status !== 'in_review') return fail('conflict', `${planLabel(plan)} is ${plan.status}, not waiting for a decision`);
  return ok(plan);
}

export function approvePlan(plan: Plan, decision: HumanDecision): Result<Plan> {
  const open = decidable(plan, decision.version);
  if (!open.ok) return open;
  return ok({ ...plan, status: 'approved', decision: { status: 'approved', by: decision.by, at: decision.now }, updatedAt: decision.now });
}

export function rejectPlan(plan: Plan, decision: HumanDecision & { reason: string }): Result<Plan> {
  const reason = decision.reason.trim();
  if (reason === '') return fail('usage', 'a rejection needs a reason for the analyst');
  const open = decidable(plan, decision.version);
  if (!open.ok) return open;
  return ok({ ...plan, status: 'rejected', decision: { status: 'rejected', by: decision.by, at: decision.now, reason }, updatedAt: decision.now });
}

const sequenceOf = (plan: Plan): number => Number(plan.id.slice('PLAN-'.length));

/** The newest version of each plan, newest plan first. */
export function currentVersions(plans: Plan[]): Plan[] {
  const latest = new Map<string, Plan>();
  for (const plan of plans) {
    const seen = latest.get(plan.id);
    if (seen === undefined || plan.version > seen.version) latest.set(plan.id, plan);
  }
  return [...latest.values()].sort((a, b) => sequenceOf(b) - sequenceOf(a));
}
