// Every model call of a run is stored with its prompt, model, usage and cost, and totals add up per run.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runUsage } from '../../src/agents/usage.ts';
import { costUsd } from '../../src/llm/pricing.ts';
import { PROGRAM, STRONG, call, say, startAgentHarness, useTools, type AgentHarness } from './harness.ts';

let h: AgentHarness;
before(async () => {
  h = await startAgentHarness();
});
after(() => h.close());

describe('usage and cost', () => {
  test("stores each call with its prompts' versions and hashes and sums the run", async () => {
    h.claude.enqueue(
      { ...useTools(call('ohmymkt_check_gates', {})), usage: { input_tokens: 1200, output_tokens: 80, cache_creation_input_tokens: 3000 } },
      { ...say('Gates read.'), usage: { input_tokens: 150, output_tokens: 40, cache_read_input_tokens: 3000 } },
    );
    await h.run('plan-reviewer', 'Check readiness.');

    const calls = await h.services.repos.agentCalls.listRun(PROGRAM, 'RUN-1');
    const { version, sha256 } = h.prompts['plan-reviewer'];
    const team = h.prompts.team;
    assert.deepEqual(
      calls.map((c) => [c.step, c.agent, c.depth, c.promptVersion, c.promptSha256, c.teamPromptVersion, c.teamPromptSha256, c.model, c.stopReason]),
      [
        [1, 'plan-reviewer', 0, version, sha256, team.version, team.sha256, STRONG, 'tool_use'],
        [2, 'plan-reviewer', 0, version, sha256, team.version, team.sha256, STRONG, 'end_turn'],
      ],
    );
    assert.deepEqual(calls[1]?.usage, { inputTokens: 150, outputTokens: 40, cacheReadTokens: 3000, cacheWriteTokens: 0 });

    const totals = await runUsage(h.services.repos, PROGRAM, 'RUN-1');
    const usage = { inputTokens: 1350, outputTokens: 120, cacheReadTokens: 3000, cacheWriteTokens: 3000 };
    assert.deepEqual(totals.usage, usage);
    assert.equal(totals.calls, 2);
    assert.equal(totals.unpricedCalls, 0);
    // Sonnet 5.5 list prices per million: $2 in, $10 out, $2.50 a 5-minute cache write, $0.10 a cache read.
    assert.ok(Math.abs(totals.costUsd - (1350 * 2 + 3000 * 2.5 + 3000 * 0.1 + 120 * 10) / 1e6) < 1e-12);
    assert.ok(Math.abs(totals.costUsd - (costUsd(STRONG, usage) ?? -1)) < 1e-12);
    assert.deepEqual(Object.keys(totals.byAgent), ['plan-reviewer']);
  });
});
