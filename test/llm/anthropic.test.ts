// The Anthropic adapter through the real SDK against the fake Messages API: retries, prompt caching
// markers, usage with cache tokens, and vendor failures turned into ModelError codes.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { AnthropicModel } from '../../src/llm/anthropic.ts';
import { ModelError, type ModelRequest } from '../../src/llm/model.ts';
import { startFakeClaude, type FakeClaude } from '../support/fake-claude.ts';

let claude: FakeClaude;
let model: AnthropicModel;

before(async () => {
  claude = await startFakeClaude();
  model = new AnthropicModel({ apiKey: 'test-key', baseUrl: claude.baseUrl, maxRetries: 2 });
});
after(() => claude.close());
beforeEach(() => claude.reset());

const request: ModelRequest = {
  model: 'claude-sonnet-5-5',
  system: ['The team works by these rules.', 'You are growth-manager.'],
  maxTokens: 1024,
  tools: [
    { name: 'ohmymkt_check_gates', description: 'Evaluate the gates.', inputSchema: { type: 'object', properties: {} } },
    { name: 'ohmymkt_read_state', description: 'Read state.', inputSchema: { type: 'object', properties: {} } },
  ],
  messages: [
    { role: 'user', content: 'How are the gates?' },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'ohmymkt_check_gates', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"all_pass":false}' }] },
  ],
};

const answer = { content: [{ type: 'text' as const, text: 'Two gates fail.' }], stop_reason: 'end_turn' as const };

describe('AnthropicModel', () => {
  test('ends a cached prefix after each system part and after the last message, and nowhere else', async () => {
    claude.enqueue(answer);
    await model.complete(request);
    const body = claude.requests[0]?.body ?? {};
    assert.deepEqual(body['system'], [
      { type: 'text', text: 'The team works by these rules.', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'You are growth-manager.', cache_control: { type: 'ephemeral' } },
    ]);
    assert.deepEqual(body['tools'].map((tool: any) => tool.cache_control), [undefined, undefined]);
    const marked = body['messages'].flatMap((m: any) => m.content).filter((b: any) => b.cache_control !== undefined);
    assert.deepEqual(marked, [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"all_pass":false}', cache_control: { type: 'ephemeral' } }]);
    assert.equal(body['stream'], true);
  });

  test('more system parts than the API has cache breakpoints for is refused before any request', async () => {
    await assert.rejects(model.complete({ ...request, system: ['a', 'b', 'c', 'd'] }), (error: unknown) => error instanceof ModelError && error.code === 'llm_bad_request' && /at most 3 system parts/.test(error.message));
    assert.equal(claude.requests.length, 0);
  });

  test('reports usage with cache reads and writes', async () => {
    claude.enqueue({ ...answer, usage: { input_tokens: 120, output_tokens: 30, cache_read_input_tokens: 900, cache_creation_input_tokens: 40 } });
    const turn = await model.complete(request);
    assert.deepEqual(turn.usage, { inputTokens: 120, outputTokens: 30, cacheReadTokens: 900, cacheWriteTokens: 40 });
    assert.equal(turn.stopReason, 'end_turn');
    assert.deepEqual(turn.content, [{ type: 'text', text: 'Two gates fail.' }]);
  });

  test('a 529 overload is retried by the SDK and the next answer is returned', async () => {
    claude.enqueue({ status: 529, type: 'overloaded_error', message: 'Overloaded', retryAfter: 0.01 }, answer);
    const turn = await model.complete(request);
    assert.equal(turn.content[0]?.type === 'text' && turn.content[0].text, 'Two gates fail.');
    assert.equal(claude.requests.length, 2);
  });

  test('an overload mid-stream before any output is retried once', async () => {
    claude.enqueue({ midStreamError: 'overloaded_error' }, answer);
    const turn = await model.complete(request);
    assert.equal(turn.stopReason, 'end_turn');
    assert.equal(claude.requests.length, 2);
  });

  test('a second mid-stream overload fails as llm_unavailable without a third try', async () => {
    claude.enqueue({ midStreamError: 'overloaded_error' }, { midStreamError: 'overloaded_error' }, answer);
    await assert.rejects(model.complete(request), (error: unknown) => error instanceof ModelError && error.code === 'llm_unavailable' && error.retryable);
    assert.equal(claude.requests.length, 2);
  });

  test('a 429 after the SDK retries becomes llm_rate_limited', async () => {
    const limited = { status: 429 as const, type: 'rate_limit_error' as const, message: 'slow down', retryAfter: 0.01 };
    claude.enqueue(limited, limited, limited);
    await assert.rejects(model.complete(request), (error: unknown) => error instanceof ModelError && error.code === 'llm_rate_limited');
    assert.equal(claude.requests.length, 3);
  });

  test('a rejected key becomes llm_not_configured and is not retried', async () => {
    claude.enqueue({ status: 401, type: 'authentication_error', message: 'invalid x-api-key' });
    await assert.rejects(model.complete(request), (error: unknown) => error instanceof ModelError && error.code === 'llm_not_configured' && !error.retryable);
    assert.equal(claude.requests.length, 1);
  });
});
