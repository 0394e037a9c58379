// The Anthropic adapter through the real SDK against the fake Messages API: retries, prompt caching
// markers, usage with cache tokens, and vendor failures turned into ModelError codes.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { AnthropicModel } from '../../src/llm/anthropic.ts';
import { AbortedError, ModelError, type ModelRequest } from '../../src/llm/model.ts';
import { FAST_RETRY, startFakeClaude, type FakeClaude } from '../support/fake-claude.ts';

let claude: FakeClaude;
let model: AnthropicModel;

before(async () => {
  claude = await startFakeClaude();
  model = new AnthropicModel({ apiKey: 'test-key', baseUrl: claude.baseUrl, retry: FAST_RETRY });
});
after(() => claude.close());
beforeEach(() => claude.reset());

const request: ModelRequest = {
  model: 'claude-sonnet-5-5',
  system: ['The team works by these rules.', 'You are growth-manager.'],
  maxTokens: 1024,
  thinking: { type: 'adaptive', display: 'summarized' },
  effort: 'medium',
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
const rejectsWith = (code: string, message?: RegExp) => (error: unknown) =>
  error instanceof ModelError && error.code === code && (message === undefined || message.test(error.message));

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

  test('asks for the thinking and effort the agent was given, and sends no sampling parameters', async () => {
    claude.enqueue(answer);
    await model.complete(request);
    const body = claude.requests[0]?.body ?? {};
    assert.deepEqual(body['thinking'], { type: 'adaptive', display: 'summarized' });
    assert.deepEqual(body['output_config'], { effort: 'medium' });
    for (const name of ['temperature', 'top_p', 'top_k', 'tool_choice']) assert.equal(name in body, false, name);
  });

  test('a thinking reply comes back whole and in order, and goes back unchanged in the next request', async () => {
    claude.enqueue({ content: [{ type: 'thinking', thinking: 'Gates first.' }, { type: 'tool_use', name: 'ohmymkt_read_state', input: {} }], stop_reason: 'tool_use' }, answer);
    const first = await model.complete({ ...request, messages: [{ role: 'user', content: 'How are the gates?' }] });
    assert.deepEqual(first.content.map((b) => b.type), ['thinking', 'tool_use']);
    const thinking = first.content[0];
    assert.ok(thinking?.type === 'thinking' && thinking.thinking === 'Gates first.' && thinking.signature.length > 20);
    const use = first.content[1];
    assert.ok(use?.type === 'tool_use');
    const second = await model.complete({
      ...request,
      messages: [
        { role: 'user', content: 'How are the gates?' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: '{}' }] },
      ],
    });
    assert.equal(second.stopReason, 'end_turn');
    assert.deepEqual(claude.requests[1]?.body['messages'][1].content[0], { type: 'thinking', thinking: 'Gates first.', signature: thinking.signature });
  });

  test('the strict fake refuses an edited or dropped thinking block, and the adapter does not retry it', async () => {
    claude.enqueue({ content: [{ type: 'thinking', thinking: 'Gates first.' }, { type: 'tool_use', name: 'ohmymkt_read_state', input: {} }], stop_reason: 'tool_use' });
    const first = await model.complete({ ...request, messages: [{ role: 'user', content: 'How are the gates?' }] });
    const use = first.content[1];
    assert.ok(use?.type === 'tool_use');
    const followUp = (content: typeof first.content): ModelRequest => ({
      ...request,
      messages: [
        { role: 'user', content: 'How are the gates?' },
        { role: 'assistant', content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: '{}' }] },
      ],
    });
    const edited = first.content.map((b) => (b.type === 'thinking' ? { ...b, thinking: 'Something else.' } : b));
    await assert.rejects(model.complete(followUp(edited)), rejectsWith('llm_bad_request', /Invalid `signature` in `thinking` block/));
    await assert.rejects(model.complete(followUp([use])), rejectsWith('llm_bad_request', /unmodified and in their original order/));
    assert.equal(claude.requests.length, 3);
  });

  test('more system parts than the API has cache breakpoints for is refused before any request', async () => {
    await assert.rejects(model.complete({ ...request, system: ['a', 'b', 'c', 'd'] }), rejectsWith('llm_bad_request', /at most 3 system parts/));
    assert.equal(claude.requests.length, 0);
  });

  test('reports usage with cache reads and writes', async () => {
    claude.enqueue({ ...answer, usage: { input_tokens: 120, output_tokens: 30, cache_read_input_tokens: 900, cache_creation_input_tokens: 40 } });
    const turn = await model.complete(request);
    assert.deepEqual(turn.usage, { inputTokens: 120, outputTokens: 30, cacheReadTokens: 900, cacheWriteTokens: 40 });
    assert.equal(turn.stopReason, 'end_turn');
    assert.deepEqual(turn.content.filter((b) => b.type === 'text'), [{ type: 'text', text: 'Two gates fail.' }]);
  });

  test('overloads, 5xx and mid-stream errors are retried, each one told to the caller', async () => {
    claude.enqueue(
      { status: 529, type: 'overloaded_error', message: 'Overloaded' },
      { status: 500, type: 'api_error', message: 'Internal error' },
      { midStreamError: 'overloaded_error' },
      answer,
    );
    const notices: string[] = [];
    const turn = await model.complete({ ...request, onRetry: (n) => notices.push(`${n.reason} ${n.attempt}/${n.of}`) });
    assert.equal(turn.stopReason, 'end_turn');
    assert.equal(claude.requests.length, 4);
    assert.deepEqual(notices, ['overloaded 1/7', 'unavailable 2/7', 'overloaded 3/7']);
  });

  test('an overload that outlasts the tries fails as llm_unavailable, with Retry offered', async () => {
    const busy = new AnthropicModel({ apiKey: 'test-key', baseUrl: claude.baseUrl, retry: { ...FAST_RETRY, maxAttempts: 3 } });
    claude.enqueue(...Array.from({ length: 3 }, () => ({ status: 529 as const, type: 'overloaded_error' as const, message: 'Overloaded' })), answer);
    await assert.rejects(busy.complete(request), (error: unknown) => rejectsWith('llm_unavailable', /^Claude stayed overloaded \(3 tries over \d+ s\); press Retry in a few minutes\.$/)(error) && (error as ModelError).retryable);
    assert.equal(claude.requests.length, 3);
  });

  test('a retry-after beyond the cap ends the call at once and says when to try again', async () => {
    claude.enqueue({ status: 429, type: 'rate_limit_error', message: 'slow down', retryAfter: 3600 });
    await assert.rejects(model.complete(request), rejectsWith('llm_rate_limited', /^Claude is rate limiting this API key and asked to wait 60 min; press Retry after \d\d:\d\d UTC\.$/));
    assert.equal(claude.requests.length, 1);
  });

  test('a stream that goes quiet is aborted and asked again', async () => {
    const impatient = new AnthropicModel({ apiKey: 'test-key', baseUrl: claude.baseUrl, retry: { ...FAST_RETRY, streamIdleMs: 100 } });
    claude.enqueue({ ...answer, delayMs: 1_000 }, answer);
    const reasons: string[] = [];
    const turn = await impatient.complete({ ...request, onRetry: (n) => reasons.push(n.reason) });
    assert.equal(turn.stopReason, 'end_turn');
    assert.deepEqual(reasons, ['stalled']);
  });

  test('an unknown model says which setting to change, and Retry is not offered', async () => {
    await assert.rejects(model.complete({ ...request, model: 'claude-nonexistent-9' }), (error: unknown) =>
      rejectsWith('llm_unknown_model')(error) &&
      (error as ModelError).message === "model claude-nonexistent-9 isn't available to this API key; set `OHMYMKT_MODEL` (or `OHMYMKT_FAST_MODEL` / `OHMYMKT_AGENT_MODELS`) to a model it can use, then restart ohmymkt." &&
      !(error as ModelError).retryable,
    );
    assert.equal(claude.requests.length, 1);
  });

  test('a spend limit or billing problem says so and is not retried', async () => {
    claude.enqueue({ status: 429, type: 'rate_limit_error', message: 'monthly cap', errorCode: 'enforced_spend_limit_reached' });
    await assert.rejects(model.complete(request), rejectsWith('llm_billing', /out of credit or has reached its spend limit/));
    claude.enqueue({ status: 402, type: 'billing_error', message: 'payment method declined' });
    await assert.rejects(model.complete(request), rejectsWith('llm_billing'));
    assert.equal(claude.requests.length, 2);
  });

  test('a rejected key becomes llm_not_configured: not retried here, but Retry is offered for after the fix', async () => {
    claude.enqueue({ status: 401, type: 'authentication_error', message: 'invalid x-api-key' });
    await assert.rejects(model.complete(request), (error: unknown) => error instanceof ModelError && error.code === 'llm_not_configured' && error.retryable);
    assert.equal(claude.requests.length, 1);
  });

  test('an aborted call stops the stream in flight and starts no other', async () => {
    claude.enqueue({ ...answer, delayMs: 2_000 }, answer);
    const controller = new AbortController();
    setTimeout(() => controller.abort('cancelled'), 100);
    await assert.rejects(model.complete({ ...request, signal: controller.signal }), (error: unknown) => error instanceof AbortedError);
    assert.equal(claude.requests.length, 1);
  });
});

describe('which models are asked to think', () => {
  test('the 5.x models get adaptive thinking and effort; an older model an operator names gets neither', async () => {
    const { takesAdaptiveThinking } = await import('../../src/llm/anthropic.ts');
    for (const model of ['claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-opus-5-5', 'claude-sonnet-5', 'claude-fable-5-2']) assert.equal(takesAdaptiveThinking(model), true, model);
    for (const model of ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-5-20251101']) assert.equal(takesAdaptiveThinking(model), false, model);
    claude.enqueue(answer);
    await model.complete({ ...request, model: 'claude-haiku-4-5' });
    const body = claude.requests.at(-1)?.body ?? {};
    assert.equal('thinking' in body || 'output_config' in body, false);
  });
});
