// How each agent thinks and how much room it gets: adaptive thinking with readable summaries for every
// role (the 5.5 models refuse `disabled`), and max_tokens per role unless the operator sets it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AGENT_REASONING, reasoningFor } from '../../src/agents/reasoning.ts';
import { loadConfig } from '../../src/config.ts';
import { AGENT_NAMES } from '../../src/domain/agents.ts';
import { say, startAgentHarness, type AgentHarness } from './harness.ts';

const env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123456' };

describe('reasoning per agent', () => {
  let h: AgentHarness;
  before(async () => {
    h = await startAgentHarness();
  });
  after(() => h.close());

  test('every agent thinks adaptively with summaries, and has room for thinking plus a long answer', () => {
    for (const agent of AGENT_NAMES) {
      const { thinking, maxTokens } = AGENT_REASONING[agent];
      assert.deepEqual(thinking, { type: 'adaptive', display: 'summarized' }, agent);
      assert.ok(maxTokens >= 16_000 && maxTokens <= 128_000, agent);
    }
  });

  test("OHMYMKT_AGENT_MAX_TOKENS sets an agent's room, and the request carries it", async () => {
    const config = loadConfig({ ...env, OHMYMKT_AGENT_MAX_TOKENS: 'seo-engineer=20000, content-writer=64000' });
    assert.deepEqual(config.anthropic.agentMaxTokens, { 'seo-engineer': 20_000, 'content-writer': 64_000 });
    assert.equal(reasoningFor('seo-engineer', config.anthropic.agentMaxTokens).maxTokens, 20_000);
    h.claude.enqueue(say('Checked.'));
    await h.run('seo-engineer', 'Check the gates.', { maxTokens: config.anthropic.agentMaxTokens });
    assert.equal(h.claude.requests.at(-1)?.body['max_tokens'], 20_000);
  });

  test('a mistyped agent or a number out of range is a config error naming it', () => {
    assert.throws(() => loadConfig({ ...env, OHMYMKT_AGENT_MAX_TOKENS: 'seo-enginer=20000' }), /unknown agent "seo-enginer"/);
    assert.throws(() => loadConfig({ ...env, OHMYMKT_AGENT_MAX_TOKENS: 'seo-engineer=500' }), /tokens from 1024 to 128000/);
  });
});
