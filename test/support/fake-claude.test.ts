// Proves the fake Claude answers the real @anthropic-ai/sdk client like the Messages API does.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startFakeClaude, type FakeClaude } from './fake-claude.ts';

// A current model id: the SDK console.warns on every request that names a deprecated one.
const MODEL = 'claude-sonnet-5-5';
let claude: FakeClaude;
let client: Anthropic;

before(async () => {
  claude = await startFakeClaude();
  client = new Anthropic({ baseURL: claude.baseUrl, apiKey: 'test', maxRetries: 2 });
});
after(() => claude.close());
beforeEach(() => claude.reset());

const statusTool = {
  name: 'ohmymkt_campaign_status',
  description: 'Reads the campaign state of the program.',
  input_schema: { type: 'object' as const, properties: { program: { type: 'string' } }, required: ['program'] },
};

const params = {
  model: MODEL,
  max_tokens: 1024,
  system: [{ type: 'text' as const, text: 'You are growth-manager.', cache_control: { type: 'ephemeral' as const } }],
  tools: [statusTool],
  messages: [{ role: 'user' as const, content: 'How is the Q3 pipeline doing?' }],
};

describe('fake Claude Messages API', () => {
  test('a tool_use turn comes back through messages.create', async () => {
    claude.enqueue({
      content: [{ type: 'tool_use', name: 'ohmymkt_campaign_status', input: { program: 'C0PROGRAM1' } }],
      stop_reason: 'tool_use',
    });
    const message = await client.messages.create(params);
    assert.equal(message.stop_reason, 'tool_use');
    assert.equal(message.model, MODEL);
    assert.match(message.id, /^msg_01/);
    // Sonnet 5.5 thinks unless told otherwise, and by default returns its thinking as a bare signature.
    const [thinking, block] = message.content;
    assert.ok(thinking?.type === 'thinking' && thinking.thinking === '' && thinking.signature.length > 20);
    assert.equal(block?.type, 'tool_use');
    assert.ok(block?.type === 'tool_use' && block.id.startsWith('toolu_01'));
    assert.deepEqual(block?.type === 'tool_use' && block.input, { program: 'C0PROGRAM1' });

    const [sent] = claude.requests;
    assert.deepEqual(sent?.body.system[0].cache_control, { type: 'ephemeral' });
    assert.equal(sent?.body.tools[0].name, 'ohmymkt_campaign_status');
    // SDK 1.x sends the API key as a bearer token, not as x-api-key.
    assert.equal(sent?.headers['authorization'], 'Bearer test');
    assert.ok(sent?.headers['anthropic-version']);
  });

  test('a streamed turn is reassembled by messages.stream().finalMessage(), text between tools arriving as thinking', async () => {
    const input = { program: 'C0PROGRAM1', detail: { window: '30d', tracks: ['seo', 'paid'] } };
    claude.enqueue({
      content: [
        { type: 'text', text: 'Let me look at the campaign state first.' },
        { type: 'tool_use', id: 'toolu_01Fixed', name: 'ohmymkt_campaign_status', input },
      ],
      stop_reason: 'tool_use',
    });
    const thoughts: string[] = [];
    const stream = client.messages
      .stream({ ...params, thinking: { type: 'adaptive', display: 'summarized' } })
      .on('thinking', (delta) => thoughts.push(delta));
    const message = await stream.finalMessage();
    assert.ok(thoughts.length > 2, 'thinking should arrive in several deltas');
    assert.deepEqual(
      message.content.map((b) => (b.type === 'thinking' ? ['thinking', b.thinking, b.signature.length > 20] : [b.type])),
      [
        ['thinking', 'Reading the task and the tools offered, then choosing the next step.', true],
        ['thinking', 'Let me look at the campaign state first.', true],
        ['tool_use'],
      ],
    );
    assert.deepEqual(message.content[2], { type: 'tool_use', id: 'toolu_01Fixed', name: 'ohmymkt_campaign_status', input });
    assert.equal(claude.requests[0]?.body.stream, true);
  });

  test('a final answer streams its text in several deltas', async () => {
    claude.enqueue({ content: [{ type: 'text', text: 'The pipeline is on track for the quarter.' }], stop_reason: 'end_turn' });
    const texts: string[] = [];
    const message = await client.messages.stream(params).on('text', (delta) => texts.push(delta)).finalMessage();
    assert.ok(texts.length > 1, 'text should arrive in several deltas');
    assert.deepEqual(message.content.at(-1), { type: 'text', text: 'The pipeline is on track for the quarter.' });
  });

  test('tool results are recorded as sent and a missing one is refused like the API does', async () => {
    claude.enqueue({ content: [{ type: 'text', text: 'Pipeline is on track.' }], stop_reason: 'end_turn' });
    const toolUse = { type: 'tool_use' as const, id: 'toolu_01A', name: 'ohmymkt_campaign_status', input: { program: 'C1' } };
    await client.messages.create({
      ...params,
      messages: [
        ...params.messages,
        { role: 'assistant', content: [toolUse] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01A', content: '{"state":"running"}' }] },
      ],
    });
    assert.deepEqual(claude.requests[0]?.body.messages[2].content[0], {
      type: 'tool_result',
      tool_use_id: 'toolu_01A',
      content: '{"state":"running"}',
    });

    const refused = client.messages.create({
      ...params,
      messages: [...params.messages, { role: 'assistant', content: [toolUse] }, { role: 'user', content: 'and?' }],
    });
    await assert.rejects(refused, (e: unknown) => e instanceof Anthropic.BadRequestError && /tool_result/.test(e.message));
  });

  test('a 529 is retried by the SDK and the next scripted turn answers', async () => {
    claude.enqueue(
      { status: 529, type: 'overloaded_error', message: 'Overloaded', retryAfter: 0.01 },
      { content: [{ type: 'text', text: 'Back.' }], stop_reason: 'end_turn' },
    );
    const message = await client.messages.create(params);
    assert.deepEqual(message.content.filter((b) => b.type === 'text'), [{ type: 'text', text: 'Back.' }]);
    assert.deepEqual(claude.requests.map((r) => r.headers['x-stainless-retry-count']), ['0', '1']);
  });

  test('a 429 surfaces as RateLimitError once retries run out', async () => {
    const limited = { status: 429 as const, type: 'rate_limit_error' as const, message: 'Rate limited', retryAfter: 0.01 };
    claude.enqueue(limited, limited, limited);
    await assert.rejects(client.messages.create(params), Anthropic.RateLimitError);
    assert.equal(claude.requests.length, 3);
  });

  test('usage with cache tokens round-trips, streamed or not', async () => {
    const usage = { input_tokens: 12, output_tokens: 7, cache_read_input_tokens: 2048, cache_creation_input_tokens: 512 };
    const turn = { content: [{ type: 'text' as const, text: 'ok' }], stop_reason: 'end_turn' as const, usage };
    claude.enqueue(turn, turn);
    const plain = await client.messages.create(params);
    const streamed = await client.messages.stream(params).finalMessage();
    for (const message of [plain, streamed]) {
      assert.equal(message.usage.input_tokens, 12);
      assert.equal(message.usage.output_tokens, 7);
      assert.equal(message.usage.cache_read_input_tokens, 2048);
      assert.equal(message.usage.cache_creation_input_tokens, 512);
    }
  });

  test('stop reasons pass through and a responder can pick by system prompt', async () => {
    claude.setResponder((request) =>
      JSON.stringify(request.system).includes('growth-manager')
        ? { content: [{ type: 'text', text: 'partial' }], stop_reason: 'max_tokens' }
        : { content: [{ type: 'text', text: 'searching' }], stop_reason: 'pause_turn' },
    );
    assert.equal((await client.messages.create(params)).stop_reason, 'max_tokens');
    const other = await client.messages.create({ ...params, system: 'You are research-agent.' });
    assert.equal(other.stop_reason, 'pause_turn');
  });

  test('an error mid-stream rejects the stream with its type', async () => {
    claude.enqueue({ midStreamError: 'overloaded_error' });
    await assert.rejects(
      client.messages.stream(params).finalMessage(),
      (e: unknown) => e instanceof Anthropic.APIError && e.type === 'overloaded_error',
    );
  });

  test('more than four cache_control breakpoints are refused', async () => {
    const cached = { type: 'text' as const, text: 'rules', cache_control: { type: 'ephemeral' as const } };
    const refused = client.messages.create({ ...params, system: [cached, cached, cached, cached, cached] });
    await assert.rejects(refused, (e: unknown) => e instanceof Anthropic.BadRequestError && /Found 5/.test(e.message));
  });

  test('a script calling a tool the request did not offer fails loudly', async () => {
    claude.enqueue({ content: [{ type: 'tool_use', name: 'ohmymkt_start_campaign', input: {} }], stop_reason: 'tool_use' });
    await assert.rejects(client.messages.create(params), /ohmymkt_start_campaign.*did not offer/);
  });

  test('an unscripted request fails loudly and is not retried', async () => {
    await assert.rejects(client.messages.create(params), /nothing scripted for request #0/);
    assert.equal(claude.requests.length, 1);
  });
});

describe('fake Claude refuses what the 5.5 models refuse', () => {
  const refusedWith = (status: number, message: RegExp) => (e: unknown) => e instanceof Anthropic.APIError && e.status === status && message.test(e.message);
  const send = (extra: Record<string, unknown>) => client.messages.create({ ...params, ...extra } as never);

  test('sampling parameters, thinking budgets, disabled thinking and forced tool choice are 400s', async () => {
    await assert.rejects(send({ temperature: 1 }), refusedWith(400, /temperature: Extra inputs are not permitted/));
    await assert.rejects(send({ top_p: 0.9 }), refusedWith(400, /top_p/));
    await assert.rejects(send({ thinking: { type: 'disabled' } }), refusedWith(400, /thinking\.type\.disabled.{1,2} is not supported/));
    await assert.rejects(send({ thinking: { type: 'enabled', budget_tokens: 2048 } }), refusedWith(400, /thinking\.type\.enabled.{1,2} is not supported/));
    await assert.rejects(send({ tool_choice: { type: 'any' } }), refusedWith(400, /forced tool use/));
    await assert.rejects(send({ tool_choice: { type: 'tool', name: 'ohmymkt_campaign_status' } }), refusedWith(400, /forced tool use/));
    assert.equal(claude.pendingScripts(), 0);
  });

  test('an unknown model is a 404 not_found_error naming it', async () => {
    await assert.rejects(send({ model: 'claude-nonexistent-9' }), refusedWith(404, /model: claude-nonexistent-9/));
  });

  test('assistant prefill is refused, but a paused turn sent back as it was continues', async () => {
    const prefill = [...params.messages, { role: 'assistant', content: 'The pipeline is' }];
    await assert.rejects(send({ messages: prefill }), refusedWith(400, /does not support assistant message prefill/));
    claude.enqueue({ content: [{ type: 'text', text: 'Searching…' }], stop_reason: 'pause_turn' }, { content: [{ type: 'text', text: 'Done.' }], stop_reason: 'end_turn' });
    const paused = await client.messages.create(params);
    const resumed = await send({ messages: [...params.messages, { role: 'assistant', content: paused.content }] });
    assert.equal(resumed.stop_reason, 'end_turn');
  });

  test('a thinking block edited, dropped or moved in a later request is a 400; sent back whole it passes', async () => {
    claude.enqueue({ content: [{ type: 'thinking', thinking: 'Check the state.' }, { type: 'tool_use', name: 'ohmymkt_campaign_status', input: { program: 'C1' } }], stop_reason: 'tool_use' });
    const first = await send({ thinking: { type: 'adaptive', display: 'summarized' } });
    const use = first.content.find((b) => b.type === 'tool_use');
    assert.ok(use?.type === 'tool_use');
    const next = (content: unknown[]) => [...params.messages, { role: 'assistant', content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'running' }] }];
    const [thinking] = first.content;
    assert.ok(thinking?.type === 'thinking');
    const summarized = { thinking: { type: 'adaptive', display: 'summarized' } };
    await assert.rejects(send({ ...summarized, messages: next([{ ...thinking, thinking: 'Something else.' }, use]) }), refusedWith(400, /Invalid `signature`/));
    await assert.rejects(send({ ...summarized, messages: next([use]) }), refusedWith(400, /unmodified and in their original order/));
    await assert.rejects(send({ ...summarized, messages: next([use, thinking]) }), refusedWith(400, /unmodified and in their original order/));
    await assert.rejects(send({ ...summarized, system: 'A different system prompt.', messages: next(first.content) }), refusedWith(400, /bound to a different conversation/));
    claude.enqueue({ content: [{ type: 'text', text: 'Running.' }], stop_reason: 'end_turn' });
    const whole = await send({ ...summarized, messages: next(first.content) });
    assert.equal(whole.stop_reason, 'end_turn');
  });
});
