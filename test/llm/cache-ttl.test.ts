// OHMYMKT_CACHE_TTL: the shared prefix cached for five minutes or an hour, what the adapter sends for
// each, the usage the API reports by TTL, and the price the stored cost uses. Real SDK, fake Claude.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { AnthropicModel } from '../../src/llm/anthropic.ts';
import type { ModelRequest } from '../../src/llm/model.ts';
import { costUsd, DEFAULT_CACHE_TTL } from '../../src/llm/pricing.ts';
import { FAST_RETRY, startFakeClaude, type FakeClaude } from '../support/fake-claude.ts';

let claude: FakeClaude;
before(async () => {
  claude = await startFakeClaude();
});
after(() => claude.close());
beforeEach(() => claude.reset());

const request: ModelRequest = {
  model: 'claude-sonnet-5-5',
  system: ['The team works by these rules.', 'You are growth-manager.'],
  maxTokens: 1024,
  thinking: { type: 'adaptive', display: 'summarized' },
  effort: 'medium',
  tools: [{ name: 'ohmymkt_check_gates', description: 'Evaluate the gates.', inputSchema: { type: 'object', properties: {} } }],
  messages: [{ role: 'user', content: 'How are the gates?' }],
};
const written = { content: [{ type: 'text' as const, text: 'Two gates fail.' }], stop_reason: 'end_turn' as const };

describe('the cache TTL of the shared prefix', () => {
  test('1h marks every system part for an hour and leaves the moving conversation breakpoint at 5 minutes', async () => {
    claude.enqueue({ ...written, usage: { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 3000, ephemeral_1h_input_tokens: 2600 } });
    const model = new AnthropicModel({ apiKey: 'test-key', baseUrl: claude.baseUrl, retry: FAST_RETRY, cacheTtl: '1h' });
    const turn = await model.complete(request);
    const body = claude.requests[0]?.body ?? {};
    assert.deepEqual(body['system'].map((part: any) => part.cache_control), [{ type: 'ephemeral', ttl: '1h' }, { type: 'ephemeral', ttl: '1h' }]);
    assert.deepEqual(body['messages'].at(-1).content.at(-1).cache_control, { type: 'ephemeral' });
    assert.deepEqual(turn.usage, { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 3000, cacheWrite1hTokens: 2600 });
    // 400 five-minute and 2,600 one-hour writes at Sonnet 5.5's $2.50 and $4 per MTok, plus input and output.
    const expected = (10 * 2 + 400 * 2.5 + 2600 * 4 + 5 * 10) / 1_000_000;
    assert.ok(Math.abs((costUsd(turn.model, turn.usage) ?? 0) - expected) < 1e-12);
  });

  test('5m sends no ttl, and its writes are priced at the five-minute rate', async () => {
    claude.enqueue({ ...written, usage: { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 3000 } });
    const model = new AnthropicModel({ apiKey: 'test-key', baseUrl: claude.baseUrl, retry: FAST_RETRY });
    const turn = await model.complete(request);
    assert.deepEqual(claude.requests[0]?.body['system'][0].cache_control, { type: 'ephemeral' });
    assert.equal(turn.usage.cacheWrite1hTokens, undefined);
    assert.ok(Math.abs((costUsd(turn.model, turn.usage) ?? 0) - (10 * 2 + 3000 * 2.5 + 5 * 10) / 1_000_000) < 1e-12);
  });

  test('the fake refuses a 1-hour breakpoint after a 5-minute one, as the API does', async () => {
    const client = new Anthropic({ apiKey: 'test-key', baseURL: claude.baseUrl, maxRetries: 0 });
    await assert.rejects(
      client.messages.create({
        model: 'claude-sonnet-5-5',
        max_tokens: 100,
        system: [{ type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral', ttl: '1h' } }] }],
      }),
      (error: unknown) => error instanceof Anthropic.BadRequestError && /longer TTLs come first/.test(error.message),
    );
  });

  test('OHMYMKT_CACHE_TTL takes 5m or 1h and names the problem otherwise', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-111-222-abc', SLACK_SIGNING_SECRET: 'shhh-signing-secret' };
    assert.equal(loadConfig(base).cacheTtl, DEFAULT_CACHE_TTL);
    assert.equal(loadConfig({ ...base, OHMYMKT_CACHE_TTL: '1h' }).cacheTtl, '1h');
    assert.throws(
      () => loadConfig({ ...base, OHMYMKT_CACHE_TTL: '2h' }),
      (error: unknown) => error instanceof ConfigError && error.problems.some((p) => /^OHMYMKT_CACHE_TTL must be 5m or 1h/.test(p)),
    );
  });
});
