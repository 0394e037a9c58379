// Context that does not grow with history: on a program a year old the reading tools answer with counts,
// the newest items and a cursor, one item by id; and a run's requests stay under the ceiling, the older
// tool results untouched (the strict fake refuses a changed prefix before a thinking block) while the
// transcript keeps every word. Through the real SDK against the fake Claude.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { estimateTokens, REQUEST_TOKEN_CEILING, RESULT_TOKEN_CAP } from '../../src/agents/context-budget.ts';
import { runTool } from '../../src/agents/tools/registry.ts';
import type { ToolContext } from '../../src/agents/tools/types.ts';
import type { AgentName } from '../../src/domain/agents.ts';
import { AGED, seedAgedProgram } from '../support/aged-program.ts';
import { estimateTokens as apiTokens } from '../support/fake-claude-wire.ts';
import { call, PROGRAM, say, startAgentHarness, toolResults, useTools, type AgentHarness } from './harness.ts';

let h: AgentHarness;
before(async () => {
  h = await startAgentHarness();
  await seedAgedProgram(h.services, PROGRAM, new Date('2025-06-01T09:00:00Z'));
});
after(() => h.close());
beforeEach(() => h.claude.reset());

const context = (agent: AgentName): ToolContext => ({
  services: h.services,
  program: PROGRAM,
  actor: { userId: 'U0ALICE', surface: 'agent', agent, runId: 'RUN-1' },
  agent,
  runId: 'RUN-1',
});
const read = async (tool: string, input: unknown) => {
  const output = await runTool(tool, input, context('growth-manager'));
  assert.equal(output.isError, false, output.content);
  return { value: JSON.parse(output.content), chars: output.content.length };
};

describe('reading a program one year old', () => {
  test('every list comes as counts and the newest five, and the whole answer stays small', async () => {
    const { value, chars } = await read('ohmymkt_read_state', { parts: ['cycles', 'incidents', 'assets', 'plans', 'metrics', 'execution'] });
    assert.equal(value.cycles.total, AGED.weekly + AGED.monthly + AGED.quarterly);
    assert.deepEqual(value.cycles.items.map((c: { id: string }) => c.id), ['CYC-68', 'CYC-67', 'CYC-66', 'CYC-65', 'CYC-64']);
    assert.equal(value.incidents.total, AGED.incidents);
    assert.equal(value.incidents.open, AGED.openIncidents);
    assert.deepEqual(value.incidents.open_items.map((i: { id: string }) => i.id), ['INC-60', 'INC-59']);
    assert.equal(value.assets.total, AGED.assets);
    assert.equal(value.assets.items[0].id, 'AST-300');
    assert.deepEqual(value.assets.more, { remaining: 295, before: 'AST-296' });
    assert.equal(value.plans.total, AGED.plans);
    assert.equal(value.plans.items[0].version, AGED.versionsPerPlan);
    assert.ok(chars < 8_000, `${chars} characters`);
  });

  test('`before` pages further back and `id` returns one item in full', async () => {
    const { value: first } = await read('ohmymkt_read_state', { parts: ['incidents'], limit: 3 });
    const { value: next } = await read('ohmymkt_read_state', { parts: ['incidents'], limit: 3, before: first.incidents.more.before });
    assert.deepEqual(next.incidents.items.map((i: { id: string }) => i.id), ['INC-57', 'INC-56', 'INC-55']);
    const { value: one } = await read('ohmymkt_read_state', { parts: ['incidents'], id: 'inc-7' });
    assert.equal(one.incidents.id, 'INC-7');
    assert.equal(one.incidents.notes.length, 2);
    const { value: plan } = await read('ohmymkt_list_plans', { id: 'PLAN-4' });
    assert.deepEqual(plan.requirements.channels, ['LinkedIn organic', 'email newsletter', 'blog']);
  });

  test('a cursor or an id with several parts, or an unknown id, is a clear error', async () => {
    const both = await runTool('ohmymkt_read_state', { parts: ['incidents', 'assets'], before: 'INC-3' }, context('growth-manager'));
    assert.match(both.content, /before: goes with exactly one list part/);
    const unknown = await runTool('ohmymkt_read_state', { parts: ['assets'], id: 'AST-999' }, context('growth-manager'));
    assert.match(unknown.content, /not_found.*no assets item with id AST-999; ids look like AST-40/);
  });
});

describe('a run under the token ceiling', () => {
  const bigBrief = async () => {
    const brief = await runTool(
      'ohmymkt_research_brief',
      {
        action: 'create',
        title: 'Everything we know',
        findings: Array.from({ length: 50 }, (_, i) => ({ source: `interview ${i + 1}`, insight: `${'Buyers compare integrations and residency first. '.repeat(30)}(${i + 1})` })),
      },
      context('research-agent'),
    );
    assert.equal(brief.isError, false, brief.content);
    return JSON.parse(brief.content).id as string;
  };

  test('a large result is cut when first sent, resent unchanged later, and kept whole in the transcript', async () => {
    const id = await bigBrief();
    h.claude.enqueue(
      useTools(call('ohmymkt_read_state', { parts: ['research'], id }, 'toolu_big')),
      useTools(call('ohmymkt_read_state', { parts: ['competitors'] }, 'toolu_small')),
      say('Read the brief.'),
    );
    const outcome = await h.run('research-agent', 'Read the research brief.');
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    const [, second, third] = h.claude.requests.map((r) => r.body);
    const sent = toolResults(second ?? {})[0]?.content ?? '';
    assert.ok(estimateTokens(sent) <= RESULT_TOKEN_CAP, `${sent.length} characters sent`);
    assert.match(sent, /shortened to fit this conversation's ceiling of 50,000 tokens: .* kept in this run's transcript \(toolu_big\)/);
    // The third request carries the cut result exactly as the second did: nothing before a thinking block moved.
    // (the strict fake answered it, so the thinking blocks' prefix held; cache_control moves on, which the API allows).
    const withoutCache = (messages: any[]) => JSON.stringify(messages, (key, v) => (key === 'cache_control' ? undefined : v));
    assert.equal(withoutCache(third?.['messages'].slice(0, 3)), withoutCache(second?.['messages']));
    const stored = (await h.services.repos.transcript.list(PROGRAM)).map((row) => row.entry).find((e) => e.role === 'tool_results' && e.content[0]?.['tool_use_id'] === 'toolu_big');
    assert.ok(stored, 'the result is in the transcript');
    assert.ok(String(stored.content[0]?.['content']).length > 50_000);
    assert.equal(stored.content[0]?.['sent_chars'], sent.indexOf('\n…[shortened'));
  });

  test('a run that keeps reading large answers stops at the ceiling; no request goes over it', async () => {
    const id = await bigBrief();
    let turn = 0;
    h.claude.setResponder(() => {
      turn += 1;
      return useTools(...Array.from({ length: 5 }, (_, i) => call('ohmymkt_read_state', { parts: ['research'], id }, `toolu_r${turn}_${i}`)));
    });
    const outcome = await h.run('research-agent', 'Read everything, five times over.');
    // Counted as the fake Claude counts a request's input tokens (what the API would bill).
    const sizes = h.claude.requests.map((r) => apiTokens([r.body['system'], r.body['tools'], r.body['messages']]));
    assert.ok(Math.max(...sizes) <= REQUEST_TOKEN_CEILING, `largest request ${Math.max(...sizes)} tokens`);
    assert.equal(outcome.kind, 'budget_exhausted');
    const withheld = h.claude.requests.flatMap((r) => toolResults(r.body)).filter((b) => b.content.startsWith('[withheld'));
    assert.ok(withheld.length > 0 || /ceiling/.test(outcome.kind === 'budget_exhausted' ? outcome.text : ''), 'the ceiling was reached');
  });
});
