import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GATE_NAMES } from '../../src/domain/gates.ts';
import { MODULE_NAMES } from '../../src/domain/modules.ts';
import {
  approvePlan,
  createPlanFromTemplate,
  currentVersions,
  PlanSchema,
  planName,
  recordReview,
  rejectPlan,
  reviewFailures,
  revisePlan,
  updateRequirements,
  type Plan,
} from '../../src/domain/plans.ts';
import { approvedPlan, completeRequirements, newPlan, NOW, person, reviewerVerdict } from './support.ts';

const LATER = new Date(NOW.getTime() + 3_600_000);

function inReview(): Plan {
  const filled = updateRequirements(newPlan(), completeRequirements(), NOW);
  assert.ok(filled.ok);
  const reviewed = recordReview(filled.value, reviewerVerdict(), NOW);
  assert.ok(reviewed.ok);
  return reviewed.value;
}

describe('plan template', () => {
  test('a new plan is a valid draft v1 with every template section', () => {
    const plan = newPlan(3);
    assert.equal(PlanSchema.safeParse(plan).success, true);
    assert.deepEqual([plan.id, plan.version, plan.status], ['PLAN-3', 1, 'draft']);
    assert.deepEqual(plan.sections.startupGates.map((gate) => gate.gate), [...GATE_NAMES]);
    assert.deepEqual(plan.sections.roles, { planner: 'requirements-analyst', reviewer: 'plan-reviewer', executor: 'execution-manager' });
    assert.equal(plan.sections.dualTrack.visibility?.length, 4);
    assert.equal(plan.sections.dualTrack.quality?.length, 4);
    assert.deepEqual(plan.sections.modules.flatMap((core) => core.modules), [...MODULE_NAMES]);
    assert.deepEqual(plan.sections.modules.map((core) => [core.core, core.modules.length]), [['structure', 3], ['performance', 4], ['acceleration', 3]]);
    assert.deepEqual(plan.sections.cycleCadence.map((cadence) => cadence.windowDays), [7, 30, 90]);
    assert.deepEqual(plan.sections.incidentProtocol.severities.map((severity) => severity.label), ['P0', 'P1', 'P2']);
    assert.ok(plan.sections.initialChecklist.some((item) => item.includes('85% of priority queries')));
  });

  test('refuses an empty goal', () => {
    const result = createPlanFromTemplate({ sequence: 1, goal: '  ', by: person, now: NOW });
    assert.equal(result.ok, false);
  });

  const names: Array<[string, string | undefined, string]> = [
    ['Grow demo requests', 'Q3  organic\npush', 'Q3 organic push'],
    ['中国市场的内容增长计划', undefined, '中国市场的内容增长计划'],
    ['Рост органического трафика', undefined, 'Рост органического трафика'],
    ['Launch', '  ', 'Launch'],
  ];
  for (const [goal, name, expected] of names) {
    test(`names "${goal}" / ${JSON.stringify(name)} as "${expected}"`, () => {
      assert.equal(planName(goal, name), expected);
    });
  }

  test('a long non-Latin goal is cut on a character, never into "untitled"', () => {
    const name = planName('日本語'.repeat(40));
    assert.equal(name, `${'日本語'.repeat(40).slice(0, 80)}…`);
  });

  test('a long spaced goal is cut at a word break', () => {
    const name = planName('grow qualified demo requests from organic search across every priority cluster in the region this quarter');
    assert.ok(name.endsWith('…'));
    assert.ok(!name.slice(0, -1).endsWith(' '));
    assert.ok('grow qualified demo requests from organic search across every priority cluster in the region'.startsWith(name.slice(0, -1)));
  });

  test('an emoji is never split', () => {
    const name = planName('👩‍👩‍👧'.repeat(100));
    assert.equal(name, `${'👩‍👩‍👧'.repeat(80)}…`);
  });
});

describe('plan lifecycle', () => {
  test('the analyst fills a draft in place; arrays replace', () => {
    const result = updateRequirements(newPlan(), { channels: ['organic search'] }, LATER);
    assert.ok(result.ok);
    assert.deepEqual(result.value.requirements.channels, ['organic search']);
    assert.equal(result.value.version, 1);
  });

  test('refuses invalid requirements with the offending field', () => {
    const result = updateRequirements(newPlan(), { channels: [''] }, LATER);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reasons?.join() ?? '', /channels\.0/);
  });

  test('a passing review sends the plan to a person', () => {
    assert.equal(inReview().status, 'in_review');
  });

  test('a failing review keeps it a draft with reasons', () => {
    const reviewed = recordReview(newPlan(), reviewerVerdict(), NOW);
    assert.ok(reviewed.ok);
    assert.equal(reviewed.value.status, 'draft');
    assert.equal(reviewed.value.review?.outcome, 'reject');
    assert.ok(reviewFailures(reviewed.value).some((line) => line.startsWith('measurable_objective: no objective')));
  });

  test('only a draft is reviewed, and a shown plan changes only by revision', () => {
    assert.equal(recordReview(inReview(), reviewerVerdict(), NOW).ok, false);
    const update = updateRequirements(inReview(), { budget: '$1' }, NOW);
    assert.equal(update.ok, false);
    if (!update.ok) assert.equal(update.code, 'conflict');
  });

  test('approve records who and when', () => {
    const approved = approvePlan(inReview(), { version: 1, by: 'U9', now: LATER });
    assert.ok(approved.ok);
    assert.equal(approved.value.status, 'approved');
    assert.deepEqual(approved.value.decision, { status: 'approved', by: 'U9', at: LATER });
  });

  test('a second click or an outdated version changes nothing', () => {
    const approved = approvePlan(inReview(), { version: 1, by: 'U9', now: LATER });
    assert.ok(approved.ok);
    const again = approvePlan(approved.value, { version: 1, by: 'U9', now: LATER });
    const outdated = approvePlan(inReview(), { version: 0, by: 'U9', now: LATER });
    assert.deepEqual([again.ok, outdated.ok], [false, false]);
    if (!outdated.ok) assert.match(outdated.message, /v0 of PLAN-1 is outdated; v1 is current/);
  });

  test('reject needs a reason', () => {
    assert.equal(rejectPlan(inReview(), { version: 1, by: 'U9', now: LATER, reason: ' ' }).ok, false);
    const rejected = rejectPlan(inReview(), { version: 1, by: 'U9', now: LATER, reason: 'budget too vague' });
    assert.ok(rejected.ok);
    assert.equal(rejected.value.status, 'rejected');
    assert.equal(rejected.value.decision?.reason, 'budget too vague');
  });

  test('a revision is a new draft version and supersedes the old one', () => {
    const rejected = rejectPlan(inReview(), { version: 1, by: 'U9', now: LATER, reason: 'budget too vague' });
    assert.ok(rejected.ok);
    const revised = revisePlan(rejected.value, { budget: '$5,000 for tooling' }, LATER);
    assert.ok(revised.ok);
    assert.equal(revised.value.superseded.status, 'superseded');
    assert.deepEqual([revised.value.next.version, revised.value.next.status, revised.value.next.requirements.budget], [2, 'draft', '$5,000 for tooling']);
    assert.equal('decision' in revised.value.next || 'review' in revised.value.next, false);
    assert.equal(revisePlan(revised.value.superseded, {}, LATER).ok, false);
  });

  test('current versions: newest version of each plan, newest plan first', () => {
    const first = approvedPlan(1);
    const revised = revisePlan(first, {}, LATER);
    assert.ok(revised.ok);
    const second = newPlan(2);
    assert.deepEqual(
      currentVersions([revised.value.superseded, second, revised.value.next]).map((plan) => [plan.id, plan.version]),
      [['PLAN-2', 1], ['PLAN-1', 2]],
    );
  });
});
