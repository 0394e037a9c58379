// The review gate and the high-incident pause are enforced in the tools, whatever the model says.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import * as incidents from '../../src/services/incidents.ts';
import { PERSON, PROGRAM, call, passAllGates, reviewedPlan, say, startAgentHarness, toolResults, useTools, type AgentHarness } from './harness.ts';

let h: AgentHarness | undefined;
// A fresh store per test: plans, gates and incidents must not leak between the cases.
beforeEach(async () => {
  await h?.close();
  h = await startAgentHarness();
});
after(() => h?.close());

async function startThroughAgent(harness: AgentHarness) {
  harness.claude.enqueue(useTools(call('ohmymkt_start_campaign', {})), say('Reported the outcome.'));
  const refusals: string[] = [];
  await harness.run('execution-manager', 'Start the approved campaign.', { onRefusal: (tool, failure) => refusals.push(`${tool}: ${failure.code}`) });
  const [result] = toolResults(harness.claude.requests[1]?.body ?? {});
  const { state } = await harness.services.repos.programs.load(PROGRAM);
  return { result, refusals, execution: state.execution, board: await harness.services.repos.sprint.list(PROGRAM) };
}

describe('ohmymkt_start_campaign', () => {
  test('refuses without an approved plan, even with every gate passing', async () => {
    const harness = h as AgentHarness;
    await passAllGates(harness.services);
    await reviewedPlan(harness.services, { approve: false });
    const { result, refusals, execution } = await startThroughAgent(harness);
    assert.equal(result?.is_error, true);
    assert.match(result?.content ?? '', /^refused \(review_required\): this needs an approved plan/);
    assert.deepEqual(refusals, ['ohmymkt_start_campaign: review_required']);
    assert.match(result?.content ?? '', /waiting for approval/);
    assert.equal(execution, undefined);
  });

  test('refuses as paused while a high incident is open, even with an approved plan', async () => {
    const harness = h as AgentHarness;
    await passAllGates(harness.services);
    await reviewedPlan(harness.services, { approve: true });
    await incidents.open(harness.services, PROGRAM, PERSON, { severity: 'high', summary: 'tracking pixel broken on checkout' });
    const { result, execution } = await startThroughAgent(harness);
    assert.match(result?.content ?? '', /^refused \(paused\): .*\n- INC-1: tracking pixel broken on checkout/);
    assert.equal(execution, undefined);
  });

  test('starts from the approved plan, seeds the sprint board and audits the agent', async () => {
    const harness = h as AgentHarness;
    await passAllGates(harness.services);
    const planId = await reviewedPlan(harness.services, { approve: true });
    const { result, execution, board } = await startThroughAgent(harness);
    assert.equal(result?.is_error, undefined);
    assert.equal(execution?.planId, planId);
    assert.equal(board.length, 40);
    const started = (await harness.services.repos.audit.list(PROGRAM)).find((row) => row.entry.action === 'campaign.start');
    assert.deepEqual(started?.entry.actor, { userId: 'U0ALICE', surface: 'agent', agent: 'execution-manager', runId: 'RUN-1' });
  });
});
