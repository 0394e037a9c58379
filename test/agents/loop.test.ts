// The agent loop through the real SDK against the fake Claude: tool turns, stop reasons, budgets,
// and what reaches the store and the wire.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { offeredTools } from '../../src/agents/offer.ts';
import { AGENTS, SPECIALIST_NAMES } from '../../src/domain/agents.ts';
import { CHECKLIST_KEYS } from '../../src/domain/checklist.ts';
import { PROGRAM, STRONG, FAST, call, say, startAgentHarness, toolResults, useTools, type AgentHarness } from './harness.ts';

let h: AgentHarness;
before(async () => {
  h = await startAgentHarness();
});
after(() => h.close());
beforeEach(() => h.claude.reset());

const capacity = async () => (await h.services.repos.programs.load(PROGRAM)).state.gates.capacity_gate?.rolling_weeks_feasible;

describe('the agent loop', () => {
  test('runs tools over several turns, sends the results back in order, and ends with the text', async () => {
    h.claude.enqueue(
      useTools(
        call('ohmymkt_check_gates', {}, 'toolu_a'),
        call('ohmymkt_update_gates', { gate: 'capacity_gate', field: 'rolling_weeks_feasible', value: 9 }, 'toolu_b'),
      ),
      useTools(call('ohmymkt_read_state', { parts: ['gates'] }, 'toolu_c')),
      say('Capacity proven for 9 weeks; the capacity gate passes.'),
    );
    const outcome = await h.run('seo-engineer', 'Record the proven capacity: 9 weeks.');

    assert.deepEqual(outcome, { kind: 'done', text: 'Capacity proven for 9 weeks; the capacity gate passes.' });
    assert.equal(await capacity(), 9);
    const [first, second, third] = h.claude.requests.map((r) => r.body);
    assert.deepEqual(toolResults(second ?? {}).map((r) => r.tool_use_id), ['toolu_a', 'toolu_b']);
    assert.match(toolResults(second ?? {})[1]?.content ?? '', /"gate":"capacity_gate","owner":"Content Lead","pass":true/);
    assert.deepEqual(toolResults(third ?? {}).map((r) => r.tool_use_id), ['toolu_c']);
    assert.equal(first?.['model'], FAST);
    assert.deepEqual(first?.['tools'].map((t: any) => t.name), offeredTools(SPECIALIST_NAMES).map((t) => t.name));
    assert.equal(first?.['system'][0].text, h.prompts.team.text);
    assert.ok(first?.['system'][1].text.startsWith(h.prompts['seo-engineer'].text.trimEnd()));
    assert.match(first?.['system'][1].text, /\*Your tools\* — `ohmymkt_check_gates`, `ohmymkt_update_gates`, `ohmymkt_read_state`, `ohmymkt_update_task`\./);
  });

  test('ends cached prefixes after the team prompt, the agent prompt and the last message', async () => {
    h.claude.enqueue(useTools(call('ohmymkt_check_gates', {})), say('done'));
    await h.run('plan-reviewer', 'Check launch readiness.');
    const body = h.claude.requests[1]?.body ?? {};
    assert.ok(body['tools'].every((tool: any) => tool.cache_control === undefined));
    assert.deepEqual(body['system'].map((part: any) => part.cache_control), [{ type: 'ephemeral' }, { type: 'ephemeral' }]);
    assert.deepEqual(body['messages'].at(-1).content.at(-1).cache_control, { type: 'ephemeral' });
  });

  test('agents on one model are offered the same tools and team prompt, so they share one cached prefix', async () => {
    h.claude.enqueue(say('ok'), say('ok'), say('ok'));
    await h.run('plan-reviewer', 'Check launch readiness.');
    await h.run('requirements-analyst', 'Draft the requirements.');
    await h.run('research-agent', 'Profile one competitor.');
    const [reviewer, analyst, researcher] = h.claude.requests.map((r) => r.body);
    assert.deepEqual(reviewer?.['tools'], analyst?.['tools']);
    assert.deepEqual(reviewer?.['system'][0], analyst?.['system'][0]);
    assert.notDeepEqual(reviewer?.['system'][1], analyst?.['system'][1]);
    assert.equal(researcher?.['model'], FAST);
    assert.notDeepEqual(researcher?.['tools'], reviewer?.['tools']);
  });

  test('a tool offered to the group but not on the agent\'s card is refused, and nothing changes', async () => {
    h.claude.enqueue(useTools(call('ohmymkt_plan_growth', { plan_id: 'PLAN-9', requirements: {} })), say('understood'));
    const outcome = await h.run('plan-reviewer', 'Write the plan yourself.');
    assert.equal(outcome.kind, 'done');
    const [result] = toolResults(h.claude.requests[1]?.body ?? {});
    assert.equal(result?.is_error, true);
    assert.match(result?.content ?? '', /plan-reviewer may not use ohmymkt_plan_growth/);
    assert.equal((await h.services.repos.plans.list(PROGRAM)).some((plan) => plan.id === 'PLAN-9'), false);
  });

  test('records the agent and the run in the audit log of a state change', async () => {
    h.claude.enqueue(useTools(call('ohmymkt_update_gates', { gate: 'data_gate', field: 'reconcilable', value: true })), say('ok'));
    await h.run('seo-engineer', 'Mark the data as reconcilable.');
    const entries = (await h.services.repos.audit.list(PROGRAM)).filter((row) => row.entry.detail['field'] === 'reconcilable');
    assert.deepEqual(entries.map((row) => [row.entry.action, row.entry.actor]), [
      ['gates.set', { userId: 'U0ALICE', surface: 'agent', agent: 'seo-engineer', runId: 'RUN-1' }],
    ]);
  });

  test('invalid tool input comes back as is_error naming the field, and nothing changes', async () => {
    h.claude.enqueue(
      useTools(call('ohmymkt_update_gates', { gate: 'capacity_gate', field: 'rolling_weeks_feasible', value: 'eight' })),
      say('I will ask for a number.'),
    );
    const before = await capacity();
    const outcome = await h.run('seo-engineer', 'Set capacity.');
    const [result] = toolResults(h.claude.requests[1]?.body ?? {});
    assert.equal(result?.is_error, true);
    assert.match(result?.content ?? '', /invalid input for ohmymkt_update_gates — value: /);
    assert.equal(await capacity(), before);
    assert.equal(outcome.kind, 'done');
  });

  test('the step budget ends an agent that keeps calling tools', async () => {
    h.claude.setResponder(() => useTools(call('ohmymkt_check_gates', {})));
    const outcome = await h.run('seo-engineer', 'Loop forever.');
    const budget = AGENTS['seo-engineer'].stepBudget;
    assert.equal(outcome.kind, 'budget_exhausted');
    assert.match(outcome.kind === 'budget_exhausted' ? outcome.text : '', new RegExp(`budget of ${budget} model turns.*ohmymkt_check_gates ×${budget}`));
    assert.equal(h.claude.requests.length, budget);
  });

  test('the run-wide step limit stops a run before any agent budget', async () => {
    h.claude.setResponder(() => useTools(call('ohmymkt_check_gates', {})));
    const outcome = await h.run('seo-engineer', 'Loop forever.', { limits: { maxSteps: 3 } });
    assert.equal(outcome.kind, 'budget_exhausted');
    assert.equal(h.claude.requests.length, 3);
  });

  test('a tool call cut off by max_tokens is not run; the retry with twice the room is', async () => {
    const set = (weeks: number) => call('ohmymkt_update_gates', { gate: 'capacity_gate', field: 'rolling_weeks_feasible', value: weeks });
    h.claude.enqueue({ content: [set(12)], stop_reason: 'max_tokens' });
    h.claude.enqueue(useTools(set(10)), say('Set to 10.'));
    const outcome = await h.run('seo-engineer', 'Set capacity to 10.');
    const [truncated, retry] = h.claude.requests.map((r) => r.body);
    assert.equal(truncated?.['max_tokens'], 16_000);
    assert.equal(retry?.['max_tokens'], 32_000);
    assert.deepEqual(retry?.['messages'], truncated?.['messages']);
    assert.equal(await capacity(), 10);
    assert.equal(outcome.kind, 'done');
  });

  test('a second max_tokens on the same turn fails clearly and changes nothing', async () => {
    const before = await capacity();
    const cut = { content: [call('ohmymkt_update_gates', { gate: 'capacity_gate', field: 'rolling_weeks_feasible', value: 20 })], stop_reason: 'max_tokens' as const };
    h.claude.enqueue(cut, cut);
    const outcome = await h.run('seo-engineer', 'Set capacity.');
    assert.equal(outcome.kind, 'failed');
    assert.match(outcome.kind === 'failed' ? outcome.error.message : '', /did not fit in 32000 output tokens/);
    assert.equal(await capacity(), before);
    assert.equal(h.claude.requests.length, 2);
  });

  test('pause_turn continues from the assistant content; refusal is the outcome', async () => {
    h.claude.enqueue({ content: [{ type: 'text', text: 'Working on it…' }], stop_reason: 'pause_turn' }, { content: [{ type: 'text', text: 'I cannot help with that.' }], stop_reason: 'refusal' });
    const outcome = await h.run('plan-reviewer', 'Review.');
    assert.deepEqual(outcome, { kind: 'refused', text: 'I cannot help with that.' });
    const paused = h.claude.requests[1]?.body['messages'].at(-1);
    assert.equal(paused.role, 'assistant');
    assert.deepEqual(paused.content.map((b: { type: string }) => b.type), ['thinking', 'text']);
    assert.equal(paused.content[1].text, 'Working on it…');
  });

  test('an answer cut off by max_tokens goes back as it was and the model is asked to go on', async () => {
    h.claude.enqueue({ content: [{ type: 'text', text: 'The first half, ' }], stop_reason: 'max_tokens' }, say('and the second half.'));
    const outcome = await h.run('research-agent', 'Summarise the market.');
    assert.deepEqual(outcome, { kind: 'done', text: 'The first half, and the second half.' });
    const messages = h.claude.requests[1]?.body['messages'];
    assert.deepEqual(messages.slice(-2).map((m: { role: string }) => m.role), ['assistant', 'user']);
    assert.match(messages.at(-1).content[0].text, /cut off at the output limit/);
  });

  const findings = Object.fromEntries(CHECKLIST_KEYS.map((key) => [key, { pass: true, reason: 'stated in the packet' }]));

  test('plan-reviewer hands its verdict over as data, validated against the checklist', async () => {
    h.claude.enqueue(useTools(call('submit_review', { verdict: 'approve', items: findings, sequencing: 'ok' })), say('Reviewed.'));
    const outcome = await h.run('plan-reviewer', 'Review PLAN-1.', { expect: 'review' });
    assert.equal(outcome.kind, 'done');
    assert.equal(outcome.kind === 'done' && outcome.review?.verdict, 'approve');
  });

  test('a reviewer that ends without a verdict is asked once more, then the step fails in plain words', async () => {
    h.claude.enqueue(say('Looks fine to me. VERDICT: approve'), say('I approve.'));
    const outcome = await h.run('plan-reviewer', 'Review PLAN-1.', { expect: 'review' });
    assert.equal(outcome.kind, 'failed');
    assert.equal(outcome.kind === 'failed' && outcome.error.message, 'plan-reviewer finished twice without handing over its verdict, so the plan could not be judged');
    assert.match(h.claude.requests[1]?.body['messages'].at(-1).content[0].text, /Call submit_review now/);
  });

  test('a verdict missing an item is refused with the reason, and the reviewer can send it again', async () => {
    const { owner_per_deliverable: _missing, ...five } = findings;
    h.claude.enqueue(
      useTools(call('submit_review', { verdict: 'approve', items: five })),
      useTools(call('submit_review', { verdict: 'approve', items: findings })),
      say('Reviewed.'),
    );
    const outcome = await h.run('plan-reviewer', 'Review PLAN-1.', { expect: 'review' });
    assert.equal(outcome.kind === 'done' && outcome.review?.verdict, 'approve');
    const [refused] = toolResults(h.claude.requests[1]?.body ?? {});
    assert.equal(refused?.is_error, true);
    assert.match(refused?.content ?? '', /owner_per_deliverable/);
  });

  test('ask_in_thread ends the loop with the question and the conversation to resume', async () => {
    h.claude.enqueue(useTools(call('ask_in_thread', { question: '1. What is the budget?' }, 'toolu_q')));
    const outcome = await h.run('requirements-analyst', 'Plan a webinar series.');
    assert.equal(outcome.kind, 'question');
    if (outcome.kind !== 'question') return;
    assert.equal(outcome.text, '1. What is the budget?');
    assert.deepEqual(outcome.frames.map((f) => [f.agent, f.toolUseId]), [['requirements-analyst', 'toolu_q']]);
    assert.equal(h.claude.requests[0]?.body['model'], STRONG);
  });

  test('a model failure ends the run as failed with the model error', async () => {
    h.claude.enqueue({ status: 401, type: 'authentication_error', message: 'bad key' });
    const outcome = await h.run('plan-reviewer', 'Review.');
    assert.equal(outcome.kind, 'failed');
    assert.match(outcome.kind === 'failed' ? outcome.error.message : '', /ANTHROPIC_API_KEY/);
  });
});
