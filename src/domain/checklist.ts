// The planned-mode checklist (rules §2): six items with stable keys, a verdict with a reason per item,
// and a structural floor so a reviewer's "pass" can never cover a field the plan leaves empty.
import { z } from 'zod';
import type { Requirements } from './requirements.ts';

export const CHECKLIST = [
  { key: 'measurable_objective', text: 'the objective has a measurable outcome' },
  { key: 'channels_and_boundaries', text: 'channels and boundaries are explicit' },
  { key: 'timeline_and_budget', text: 'timeline and budget are explicit' },
  { key: 'testable_acceptance_criteria', text: 'acceptance criteria are testable' },
  { key: 'rollback_route', text: 'a rollback / incident route exists' },
  { key: 'owner_per_deliverable', text: 'an owner is assigned per deliverable' },
] as const;

export const CHECKLIST_KEYS = CHECKLIST.map((item) => item.key) as [ChecklistKey, ...ChecklistKey[]];
export type ChecklistKey = (typeof CHECKLIST)[number]['key'];
export const ChecklistKeySchema = z.enum(CHECKLIST_KEYS);

export const ChecklistItemVerdictSchema = z.object({
  key: ChecklistKeySchema,
  pass: z.boolean(),
  reason: z.string().trim().min(1),
});
export type ChecklistItemVerdict = z.infer<typeof ChecklistItemVerdictSchema>;

/** Exactly one verdict per item, in any order. */
export const ChecklistVerdictSchema = z
  .array(ChecklistItemVerdictSchema)
  .refine((items) => CHECKLIST_KEYS.every((key) => items.filter((item) => item.key === key).length === 1) && items.length === CHECKLIST_KEYS.length, {
    message: `a verdict needs exactly one entry for each of: ${CHECKLIST_KEYS.join(', ')}`,
  });
export type ChecklistVerdict = z.infer<typeof ChecklistVerdictSchema>;

export function overallVerdict(verdict: ChecklistVerdict): 'approve' | 'reject' {
  return verdict.every((item) => item.pass) ? 'approve' : 'reject';
}

export function failingItems(verdict: ChecklistVerdict): ChecklistItemVerdict[] {
  return verdict.filter((item) => !item.pass);
}

const filled = (text: string | undefined): boolean => (text ?? '').trim() !== '';

// A measurable outcome names a quantity: a number, a percentage, or a multiple.
const MEASURABLE = /\d|\b(double|triple|halve|twice)\b/i;

function check(key: ChecklistKey, problem: string | undefined, passed: string): ChecklistItemVerdict {
  return problem === undefined ? { key, pass: true, reason: passed } : { key, pass: false, reason: problem };
}

/** What code can judge without reading for meaning; the plan-reviewer judges the rest. */
export function structuralChecklist(requirements: Requirements): ChecklistVerdict {
  const r = requirements;
  const unowned = r.owners.filter((owner) => !filled(owner.owner)).map((owner) => owner.deliverable);
  return [
    check(
      'measurable_objective',
      !filled(r.objective) ? 'no objective yet' : MEASURABLE.test(r.objective) ? undefined : 'the objective names no number to measure it by',
      'the objective names a quantity',
    ),
    check(
      'channels_and_boundaries',
      r.channels.length === 0 ? 'no channels named' : r.boundaries.length === 0 ? 'no boundaries named' : undefined,
      'channels and boundaries are listed',
    ),
    check(
      'timeline_and_budget',
      !filled(r.timeline) ? 'no timeline given' : !filled(r.budget) ? 'no budget given (write "none" when nothing is spent)' : undefined,
      'timeline and budget are given',
    ),
    check(
      'testable_acceptance_criteria',
      r.acceptanceCriteria.filter(filled).length === 0 ? 'no acceptance criteria' : undefined,
      'acceptance criteria are listed',
    ),
    check('rollback_route', filled(r.rollbackRoute) ? undefined : 'no rollback or incident route', 'a rollback route is written'),
    check(
      'owner_per_deliverable',
      r.owners.length === 0 ? 'no deliverables with owners' : unowned.length > 0 ? `no owner for: ${unowned.join(', ')}` : undefined,
      'every deliverable has an owner',
    ),
  ];
}

/** An item passes only when both verdicts pass it; a failing item keeps the reason that failed it. */
export function combineVerdicts(reviewer: ChecklistVerdict, structural: ChecklistVerdict): ChecklistVerdict {
  return CHECKLIST_KEYS.map((key) => {
    const fromReviewer = reviewer.find((item) => item.key === key);
    const fromCode = structural.find((item) => item.key === key);
    if (fromReviewer === undefined || fromCode === undefined) throw new Error(`checklist verdict without ${key}`);
    if (!fromCode.pass) return fromCode;
    return fromReviewer;
  });
}
