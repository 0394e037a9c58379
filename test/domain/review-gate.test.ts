import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recordReview, rejectPlan, revisePlan, updateRequirements } from '../../src/domain/plans.ts';
import { authorizeAction, requireApprovedPlan } from '../../src/domain/review-gate.ts';
import { isHighCost, RISKY_ACTIONS } from '../../src/domain/tool-risk.ts';
import { approvedPlan, completeRequirements, incident, newPlan, NOW, reviewerVerdict } from './support.ts';

function failure(result: { ok: boolean; code?: string; message?: string }): { code?: string; message?: string } {
  assert.equal(result.ok, false);
  return { code: result.code, message: result.message };
}

describe('high-cost actions', () => {
  test('starting a campaign, paid publishing and committing budget or a launch date; organic publishing is not', () => {
    assert.deepEqual(RISKY_ACTIONS.filter(isHighCost), ['start_campaign', 'publish_paid', 'commit_budget', 'commit_launch_date']);
  });
});

describe('requireApprovedPlan', () => {
  test('passes the approved current version', () => {
    const plan = approvedPlan(1);
    assert.deepEqual(requireApprovedPlan([plan], 'plan-1'), { ok: true, value: plan });
    assert.deepEqual(requireApprovedPlan([newPlan(2), plan]), { ok: true, value: plan });
  });

  test('no plan at all is the review gate, said with its code; a plan named that does not exist is not_found', () => {
    assert.equal(failure(requireApprovedPlan([])).code, 'review_required');
    assert.equal(failure(requireApprovedPlan([approvedPlan(1)], 'PLAN-7')).code, 'not_found');
    assert.match(failure(requireApprovedPlan([approvedPlan(1)], 'PLAN-7')).message ?? '', /no plan PLAN-7/);
  });

  test('a draft tells who acts next', () => {
    const { code, message } = failure(requireApprovedPlan([newPlan(1)], 'PLAN-1'));
    assert.equal(code, 'review_required');
    assert.match(message ?? '', /PLAN-1 v1 is a draft: the plan-reviewer has to pass all six checklist items/);
  });

  test('a plan waiting for approval points at the button', () => {
    const filled = updateRequirements(newPlan(1), completeRequirements(), NOW);
    assert.ok(filled.ok);
    const reviewed = recordReview(filled.value, reviewerVerdict(), NOW);
    assert.ok(reviewed.ok);
    assert.match(failure(requireApprovedPlan([reviewed.value], 'PLAN-1')).message ?? '', /waiting for approval: an allowed approver clicks Approve/);
    const rejected = rejectPlan(reviewed.value, { version: 1, by: 'U9', now: NOW, reason: 'too vague' });
    assert.ok(rejected.ok);
    assert.match(failure(requireApprovedPlan([rejected.value], 'PLAN-1')).message ?? '', /was rejected \("too vague"\): revise it/);
  });

  test('an approved version that was revised is no longer current', () => {
    const approved = approvedPlan(1);
    const revised = revisePlan(approved, { budget: '$10k' }, NOW);
    assert.ok(revised.ok);
    const { code, message } = failure(requireApprovedPlan([{ ...approved, status: 'superseded' }, revised.value.next], 'PLAN-1'));
    assert.equal(code, 'review_required');
    assert.match(message ?? '', /v1 was approved, but v2 is current/);
  });

  test('without a plan id, lists why each current plan is not approved', () => {
    const result = requireApprovedPlan([newPlan(1), newPlan(2)]);
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.reasons?.length, 2);
  });
});

describe('authorizeAction', () => {
  const open = incident(1, 'high', NOW);

  test('an open high incident pauses every risky action first', () => {
    for (const action of RISKY_ACTIONS) {
      const result = authorizeAction(action, { plans: [approvedPlan(1)], incidents: [open] });
      assert.equal(failure(result).code, 'paused', action);
    }
  });

  test('organic publishing needs no plan; paid publishing does', () => {
    assert.deepEqual(authorizeAction('publish', { plans: [], incidents: [] }), { ok: true, value: undefined });
    assert.equal(failure(authorizeAction('publish_paid', { plans: [newPlan(1)], incidents: [] })).code, 'review_required');
    assert.equal(authorizeAction('commit_budget', { plans: [approvedPlan(1)], incidents: [incident(2, 'medium', NOW)] }).ok, true);
  });
});
