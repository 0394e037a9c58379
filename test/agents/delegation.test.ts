// Delegation through the real SDK: a manager's delegate runs the target agent as a nested conversation
// and gets its final text back; anything the matrix, the route or the depth limit forbids is an is_error.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { resumeAgent, runAgent, runToolCall } from '../../src/agents/loop.ts';
import { agentOf } from '../support/claude-scripts.ts';
import { PROGRAM, STRONG, FAST, call, say, startAgentHarness, toolResults, useTools, type AgentHarness } from './harness.ts';

let h: AgentHarness;
before(async () => {
  h = await startAgentHarness();
});
after(() => h.close());
beforeEach(() => h.claude.reset());

/** The agent's own part of the system prompt: its prompt file and the role card the app adds. */
const ownPart = (body: Record<string, any>) => String(body['system'][1].text);

describe('delegation', () => {
  test("a manager's delegate runs the child agent and returns its final text as the tool result", async () => {
    h.claude.setResponder((body) =>
      agentOf(body) === 'plan-reviewer'
        ? say('VERDICT: approve')
        : toolResults(body).length > 0
          ? say('The plan is ready for a person to approve.')
          : useTools(call('delegate', { agent: 'plan-reviewer', task: 'Review PLAN-1 v1.', context: 'Goal: 60 demos a month.' }, 'toolu_d')),
    );
    const outcome = await h.run('growth-manager', 'Plan the Q3 demand-gen push.');

    assert.deepEqual(outcome, { kind: 'done', text: 'The plan is ready for a person to approve.' });
    const [parent, child, closing] = h.claude.requests.map((r) => r.body);
    assert.equal(agentOf(child ?? {}), 'plan-reviewer');
    assert.equal(child?.['model'], STRONG);
    assert.deepEqual(child?.['messages'], [
      { role: 'user', content: [{ type: 'text', text: 'Task from growth-manager:\nReview PLAN-1 v1.\n\nContext:\nGoal: 60 demos a month.', cache_control: { type: 'ephemeral' } }] },
    ]);
    assert.deepEqual(toolResults(closing ?? {}), [{ type: 'tool_result', tool_use_id: 'toolu_d', content: 'VERDICT: approve', cache_control: { type: 'ephemeral' } }]);
    assert.match(ownPart(parent ?? {}), /\*Delegation\* — `delegate` to requirements-analyst, plan-reviewer, execution-manager \(the planned route loads these\)\./);
  });

  test('a call made without delegation is told so on its card, and a delegate call is refused', async () => {
    h.claude.enqueue(useTools(call('delegate', { agent: 'requirements-analyst', task: 'Write requirements.' })), say('Brief written.'));
    const outcome = await runAgent(h.runtime(), { runId: 'RUN-2', program: PROGRAM, route: 'planned', requesterId: 'U0ALICE', agent: 'growth-manager', input: 'FRAME', delegation: false });
    assert.deepEqual(outcome, { kind: 'done', text: 'Brief written.' });
    const [first, second] = h.claude.requests.map((r) => r.body);
    assert.match(ownPart(first ?? {}), /\*Delegation\* — not in this step: the app hands the work on/);
    assert.deepEqual(toolResults(second ?? {}).map((r) => [r.is_error, r.content]), [
      [true, 'the app hands this run on itself in this step; do not delegate: end your turn with your answer'],
    ]);
    assert.equal(h.claude.requests.length, 2);
  });

  test('execution-manager dispatches a specialist on the fast model', async () => {
    h.claude.setResponder((body) =>
      agentOf(body) === 'research-agent'
        ? say('Brief RB-1 saved.')
        : toolResults(body).length > 0
          ? say('Research done.')
          : useTools(call('delegate', { agent: 'research-agent', task: 'Profile our top competitor.' })),
    );
    const outcome = await h.run('execution-manager', 'Run market discovery.', { route: 'ultrawork' });
    assert.deepEqual(outcome, { kind: 'done', text: 'Research done.' });
    assert.equal(h.claude.requests[1]?.body['model'], FAST);
  });

  test('a delegation the matrix does not allow is an is_error', async () => {
    h.claude.enqueue(useTools(call('delegate', { agent: 'research-agent', task: 'Research competitors.' })), say('I will go through execution-manager.'));
    await h.run('growth-manager', 'Research competitors.');
    const [result] = toolResults(h.claude.requests[1]?.body ?? {});
    assert.equal(result?.is_error, true);
    assert.match(result?.content ?? '', /growth-manager cannot delegate to research-agent/);
    assert.equal(h.claude.requests.length, 2);
  });

  test('ultrawork never loads plan-reviewer, even when a manager asks for it', async () => {
    h.claude.enqueue(useTools(call('delegate', { agent: 'plan-reviewer', task: 'Review.' })), say('Going straight to execution.'));
    await h.run('growth-manager', 'ulw spin up a content sprint', { route: 'ultrawork' });
    const [first, second] = h.claude.requests.map((r) => r.body);
    assert.match(ownPart(first ?? {}), /\*Delegation\* — `delegate` to execution-manager \(the ultrawork route loads these\)\./);
    assert.match(toolResults(second ?? {})[0]?.content ?? '', /the ultrawork route does not load plan-reviewer/);
  });

  test("a specialist's delegation attempt is refused with is_error, and it is never offered the tool", async () => {
    const request = { runId: 'RUN-2', program: PROGRAM, route: 'planned' as const, requesterId: 'U0ALICE', agent: 'content-writer' as const };
    const result = await runToolCall(h.runtime(), request, { type: 'tool_use', id: 'toolu_x', name: 'delegate', input: { agent: 'content-ops', task: 'Publish it.' } });
    assert.deepEqual(result, { content: 'content-writer cannot delegate; return your deliverable to whoever gave you the task', isError: true });
    assert.equal(h.claude.requests.length, 0);

    h.claude.enqueue(say('Draft ready.'));
    await h.run('content-writer', 'Write a headline.');
    assert.ok(!h.claude.requests[0]?.body['tools'].some((t: any) => t.name === 'delegate'));
  });

  test('a specialist calling a tool outside its allow-list is refused with is_error', async () => {
    const request = { runId: 'RUN-2', program: PROGRAM, route: 'planned' as const, requesterId: 'U0ALICE', agent: 'research-agent' as const };
    const result = await runToolCall(h.runtime(), request, { type: 'tool_use', id: 'toolu_y', name: 'ohmymkt_start_campaign', input: {} });
    assert.equal(result.isError, true);
    assert.match(result.content, /research-agent may not use ohmymkt_start_campaign/);
  });

  test('delegation deeper than the depth limit is refused', async () => {
    h.claude.enqueue(useTools(call('delegate', { agent: 'execution-manager', task: 'Execute.' })), say('Stopped.'));
    await h.run('growth-manager', 'Go.', { limits: { maxDepth: 0 } });
    assert.match(toolResults(h.claude.requests[1]?.body ?? {})[0]?.content ?? '', /delegation is limited to 0 levels/);
  });

  test('a question asked by a delegated agent ends the whole run with both frames', async () => {
    h.claude.setResponder((body) =>
      agentOf(body) === 'requirements-analyst'
        ? useTools(call('ask_in_thread', { question: 'What budget can we spend?' }, 'toolu_ask'))
        : useTools(call('delegate', { agent: 'requirements-analyst', task: 'Write requirements.' }, 'toolu_del')),
    );
    const outcome = await h.run('growth-manager', 'Launch a partner program.');
    assert.equal(outcome.kind, 'question');
    if (outcome.kind !== 'question') return;
    assert.equal(outcome.text, 'What budget can we spend?');
    assert.deepEqual(outcome.frames.map((f) => [f.agent, f.depth, f.toolUseId]), [
      ['growth-manager', 0, 'toolu_del'],
      ['requirements-analyst', 1, 'toolu_ask'],
    ]);
  });

  test("the person's answer resumes the asking agent, whose result goes back to the manager", async () => {
    h.claude.enqueue(
      useTools(call('delegate', { agent: 'requirements-analyst', task: 'Write requirements.' }, 'toolu_del')),
      useTools(call('ask_in_thread', { question: 'Budget?' }, 'toolu_ask')),
    );
    const asked = await h.run('growth-manager', 'Launch a partner program.');
    assert.equal(asked.kind, 'question');
    if (asked.kind !== 'question') return;

    h.claude.reset();
    h.claude.enqueue(say('Requirements packet: budget 5000 EUR.'), say('Requirements are ready for review.'));
    const request = { runId: 'RUN-1', program: PROGRAM, route: 'planned' as const, requesterId: 'U0ALICE' };
    const outcome = await resumeAgent(h.runtime(), request, asked.frames, '5000 EUR');

    assert.deepEqual(outcome, { kind: 'done', text: 'Requirements are ready for review.' });
    const [child, parent] = h.claude.requests.map((r) => r.body);
    assert.equal(agentOf(child ?? {}), 'requirements-analyst');
    assert.deepEqual(toolResults(child ?? {}).map((r) => [r.tool_use_id, r.content]), [['toolu_ask', '5000 EUR']]);
    assert.deepEqual(toolResults(parent ?? {}).map((r) => [r.tool_use_id, r.content]), [['toolu_del', 'Requirements packet: budget 5000 EUR.']]);
    const steps = (await h.services.repos.agentCalls.listRun(PROGRAM, 'RUN-1')).map((c) => c.step);
    assert.deepEqual(steps.slice(-2), [steps.length - 1, steps.length]);
  });
});
