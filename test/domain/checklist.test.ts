import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CHECKLIST_KEYS,
  ChecklistVerdictSchema,
  combineVerdicts,
  overallVerdict,
  structuralChecklist,
  type ChecklistKey,
} from '../../src/domain/checklist.ts';
import type { Requirements } from '../../src/domain/requirements.ts';
import { completeRequirements, reviewerVerdict } from './support.ts';

describe('planned-mode checklist', () => {
  test('has six items with stable keys, in the rules order', () => {
    assert.deepEqual(CHECKLIST_KEYS, [
      'measurable_objective',
      'channels_and_boundaries',
      'timeline_and_budget',
      'testable_acceptance_criteria',
      'rollback_route',
      'owner_per_deliverable',
    ]);
  });

  test('approves only when all six pass', () => {
    assert.equal(overallVerdict(reviewerVerdict()), 'approve');
    for (const key of CHECKLIST_KEYS) assert.equal(overallVerdict(reviewerVerdict(true, [key])), 'reject', key);
  });

  test('a verdict needs exactly one entry per item, each with a reason', () => {
    assert.equal(ChecklistVerdictSchema.safeParse(reviewerVerdict()).success, true);
    assert.equal(ChecklistVerdictSchema.safeParse(reviewerVerdict().slice(1)).success, false);
    assert.equal(ChecklistVerdictSchema.safeParse([...reviewerVerdict(), reviewerVerdict()[0]]).success, false);
    assert.equal(ChecklistVerdictSchema.safeParse(reviewerVerdict().map((item) => ({ ...item, reason: ' ' }))).success, false);
  });
});

describe('structural floor', () => {
  test('a complete plan passes every item', () => {
    assert.equal(overallVerdict(structuralChecklist(completeRequirements())), 'approve');
  });

  const gaps: Array<[string, Partial<Requirements>, ChecklistKey, RegExp]> = [
    ['no objective', { objective: '' }, 'measurable_objective', /no objective/],
    ['an objective without a number', { objective: 'grow awareness' }, 'measurable_objective', /no number/],
    ['no channels', { channels: [] }, 'channels_and_boundaries', /no channels/],
    ['no boundaries', { boundaries: [] }, 'channels_and_boundaries', /no boundaries/],
    ['no timeline', { timeline: ' ' }, 'timeline_and_budget', /no timeline/],
    ['no budget', { budget: '' }, 'timeline_and_budget', /no budget/],
    ['no acceptance criteria', { acceptanceCriteria: [] }, 'testable_acceptance_criteria', /no acceptance criteria/],
    ['no rollback route', { rollbackRoute: '' }, 'rollback_route', /no rollback/],
    ['no owners', { owners: [] }, 'owner_per_deliverable', /no deliverables/],
    ['a deliverable without owner', { owners: [{ deliverable: 'answer blocks', owner: '' }] }, 'owner_per_deliverable', /no owner for: answer blocks/],
  ];
  for (const [name, patch, key, reason] of gaps) {
    test(`${name} fails ${key} only`, () => {
      const verdict = structuralChecklist({ ...completeRequirements(), ...patch });
      assert.deepEqual(verdict.filter((item) => !item.pass).map((item) => item.key), [key]);
      assert.match(verdict.find((item) => item.key === key)?.reason ?? '', reason);
    });
  }

  test('"double signups" is a measurable outcome', () => {
    const verdict = structuralChecklist({ ...completeRequirements(), objective: 'double signups from organic' });
    assert.equal(verdict.find((item) => item.key === 'measurable_objective')?.pass, true);
  });

  test('a reviewer pass cannot cover an empty field, and a reviewer fail stands', () => {
    const structural = structuralChecklist({ ...completeRequirements(), budget: '' });
    const combined = combineVerdicts(reviewerVerdict(true, ['rollback_route']), structural);
    assert.deepEqual(combined.filter((item) => !item.pass).map((item) => [item.key, item.reason]), [
      ['timeline_and_budget', 'no budget given (write "none" when nothing is spent)'],
      ['rollback_route', 'reviewer on rollback_route'],
    ]);
  });
});
