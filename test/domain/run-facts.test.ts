import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeChange, runFacts } from '../../src/domain/run-facts.ts';

describe('runFacts', () => {
  test('says each audited change in words, oldest first', () => {
    const facts = runFacts(
      [
        { action: 'plan.create', detail: { id: 'PLAN-1' } },
        { action: 'plan.revise', detail: { id: 'PLAN-1', version: 2 } },
        { action: 'asset.update', detail: { id: 'AST-2', status: 'published' } },
        { action: 'incident.open', detail: { id: 'INC-1', severity: 'high' } },
        { action: 'cycle.run', detail: { cadence: 'weekly', decision: 'rollback' } },
      ],
      [],
    );
    assert.deepEqual(facts.changes, [
      'plan PLAN-1 v1 created',
      'plan PLAN-1 v2 drafted (a new version)',
      'asset AST-2 published',
      'incident INC-1 opened (high)',
      'weekly cycle recorded: rollback',
    ]);
    assert.deepEqual(facts.refused, []);
  });

  test('lists refusals with their reasons and errors by their first line; delegation answers are not actions', () => {
    const facts = runFacts([], [
      { tool: 'ohmymkt_start_campaign', input: {}, isError: true, content: 'refused', refusal: { code: 'gates_failing', message: 'startup gates fail', reasons: ['strategy_gate: not approved'] } },
      { tool: 'ohmymkt_publish', input: {}, isError: true, content: 'invalid input\nmore' },
      { tool: 'delegate', input: {}, isError: true, content: 'content-writer failed' },
      { tool: 'ohmymkt_read_state', input: {}, isError: false, content: '{}' },
    ]);
    assert.deepEqual(facts.refused, ['ohmymkt_start_campaign refused: startup gates fail (strategy_gate: not approved)', 'ohmymkt_publish failed: invalid input']);
    assert.deepEqual(facts.campaign, { started: false, reasons: ['startup gates fail', 'strategy_gate: not approved'] });
  });

  test('a campaign start in the audit log is the outcome, whatever was refused before it', () => {
    const facts = runFacts([{ action: 'campaign.start', detail: { planId: 'PLAN-2', version: 3 } }], [
      { tool: 'ohmymkt_start_campaign', input: {}, isError: true, content: 'x', refusal: { code: 'gates_failing', message: 'no' } },
    ]);
    assert.deepEqual(facts.campaign, { started: true, planId: 'PLAN-2', version: 3, reasons: [] });
  });

  test('an action the list does not know is still said, by its name', () => {
    assert.equal(describeChange({ action: 'provider.set', detail: {} }), 'provider.set');
  });
});
