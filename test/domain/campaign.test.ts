import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { campaignStatus, startCampaign, type StartCampaignInput } from '../../src/domain/campaign.ts';
import { applyGateAssignment } from '../../src/domain/gates.ts';
import { approvedPlan, incident, newPlan, NOW, passingGates, person } from './support.ts';

function input(overrides: Partial<StartCampaignInput> = {}): StartCampaignInput {
  return { gates: passingGates(), plans: [approvedPlan(1)], incidents: [], execution: undefined, by: person, now: NOW, ...overrides };
}

describe('starting a campaign', () => {
  test('records the active plan with both tracks active and seeds the board', () => {
    const result = startCampaign(input());
    assert.ok(result.ok);
    assert.deepEqual(result.value.execution, { planId: 'PLAN-1', planVersion: 1, activeTracks: ['visibility', 'quality'], startedBy: person, startedAt: NOW });
    assert.equal(result.value.board.length, 40);
    assert.deepEqual(new Set(result.value.board.map((task) => task.owner)), new Set(['U2', 'U3']));
  });

  test('refuses on failing gates, listing each with its owner and reason', () => {
    const gates = applyGateAssignment(passingGates(), { gate: 'capacity_gate', field: 'rolling_weeks_feasible', value: 7 });
    const result = startCampaign(input({ gates }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.code, 'gate_failed');
    assert.deepEqual(result.reasons, ['capacity_gate (Content Lead): throughput must be proven for 8 weeks (current: 7)']);
  });

  test('refuses without a plan, and without an approved one', () => {
    const missing = startCampaign(input({ plans: [] }));
    const unapproved = startCampaign(input({ plans: [newPlan(1)] }));
    assert.deepEqual([missing.ok || missing.code, unapproved.ok || unapproved.code], ['review_required', 'review_required']);
  });

  test('refuses while a high incident is open', () => {
    const result = startCampaign(input({ incidents: [incident(1, 'high', NOW)] }));
    assert.equal(result.ok || result.code, 'paused');
  });

  test('starting the same plan version twice is a conflict', () => {
    const first = startCampaign(input());
    assert.ok(first.ok);
    const second = startCampaign(input({ execution: first.value.execution }));
    assert.equal(second.ok || second.code, 'conflict');
  });

  test('status is derived: none, active, paused by an open high incident', () => {
    const started = startCampaign(input());
    assert.ok(started.ok);
    assert.equal(campaignStatus(undefined, []), 'none');
    assert.equal(campaignStatus(started.value.execution, [incident(1, 'high', NOW, 'resolved')]), 'active');
    assert.equal(campaignStatus(started.value.execution, [incident(2, 'high', NOW)]), 'paused');
  });
});
