// Claude failing the way the API does (429, 529, 500, an overload inside an open stream, a long
// retry-after, a wrong key or model): transient failures are waited out within a budget while the thread
// says so; what cannot be waited out fails the step with a message that says what to do, and Retry only
// where pressing it can help.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, startHarness, type Harness } from '../support/app-harness.ts';
import { agentOf, say } from '../support/claude-scripts.ts';
import { startFakeClaude, type ClaudeScript, type FakeClaude } from '../support/fake-claude.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { blockAction } from '../support/slack-requests.ts';
import { shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
// A retry-after on every error keeps the SDK's backoff short; without one it waits seconds.
const RATE_LIMITED: ClaudeScript = { status: 429, type: 'rate_limit_error', message: 'Number of request tokens has exceeded your per-minute rate limit', retryAfter: 0.01 };
const OVERLOADED: ClaudeScript = { status: 529, type: 'overloaded_error', message: 'Overloaded', retryAfter: 0.01 };
const INTERNAL: ClaudeScript = { status: 500, type: 'api_error', message: 'Internal server error', retryAfter: 0.01 };
const MID_STREAM_OVERLOAD: ClaudeScript = { midStreamError: 'overloaded_error' };

function retryButton(call: SlackCall): string | undefined {
  const blocks = (call.args['blocks'] ?? []) as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>;
  return blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'ohmymkt:run:retry')?.value;
}

describe('Claude failures during a run', () => {
  let h: Harness;
  let claude: FakeClaude;
  /** Scripts the execution manager plays first, before it answers normally. */
  let failures: ClaudeScript[] = [];

  before(async () => {
    claude = await startFakeClaude();
    h = await startHarness({ env: { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: claude.baseUrl } });
  });
  beforeEach(() => {
    claude.reset();
    claude.setResponder((request) => {
      const agent = agentOf(request);
      if (agent === 'growth-manager') return say('Brief ready.');
      if (agent === 'execution-manager') return failures.shift() ?? say('Executed: three titles rewritten.');
      return undefined;
    });
  });
  after(async () => {
    await h.stop();
    await claude.close();
  });

  const executionCalls = () => claude.requests.filter((r) => agentOf(r.body) === 'execution-manager').length;
  const posts = (ts: string) => h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === ts);

  async function runWith(scripts: ClaudeScript[]): Promise<string> {
    failures = [...scripts];
    const ts = freshTs();
    assert.equal((await h.mention('<@U0OHMYBOT> ulw rewrite our blog titles', { ts })).status, 200);
    return ts;
  }

  const statuses = () => h.slack.callsOf('assistant.threads.setStatus').map((c) => String(c.args['status']));
  const failurePost = (ts: string) => posts(ts).find((c) => c.args['blocks'] && JSON.stringify(c.args['blocks']).includes('"block_id":"failed"'));

  test('a 429, a 529 and a 500 in a row are waited out, the thread says so, and the run completes', async () => {
    const before = statuses().length;
    const ts = await runWith([RATE_LIMITED, OVERLOADED, INTERNAL]);
    assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'done');
    assert.equal(executionCalls(), 4);
    assert.equal(posts(ts).filter((c) => /Closing report/.test(shownText(c))).length, 1);
    assert.deepEqual(statuses().slice(before).filter((s) => /retrying/.test(s)), [
      'Claude is rate limiting, retrying (1/7)…',
      'Claude is overloaded, retrying (2/7)…',
      'Claude is unreachable, retrying (3/7)…',
    ]);
  });

  test('an overload or an api_error inside an open stream is asked again and the run completes', async () => {
    const ts = await runWith([MID_STREAM_OVERLOAD, { midStreamError: 'api_error', message: 'Internal server error' }]);
    assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'done');
    assert.equal(executionCalls(), 3);
  });

  for (const [name, scripts, message] of [
    ['529 on every try', Array.from({ length: 8 }, () => OVERLOADED), /^Execution failed: Claude stayed overloaded \(8 tries over \d+ s\); press Retry in a few minutes\.$/],
    ['an overload inside the stream on every try', Array.from({ length: 8 }, () => MID_STREAM_OVERLOAD), /^Execution failed: Claude stayed overloaded \(8 tries/],
    ['a retry-after of an hour', [{ ...RATE_LIMITED, retryAfter: 3600 }], /^Execution failed: Claude is rate limiting this API key and asked to wait 60 min; press Retry after \d\d:\d\d UTC\.$/],
    ['a rejected API key', [{ status: 401, type: 'authentication_error', message: 'invalid x-api-key' }], /^Execution failed: Claude rejected the API key: set a valid `ANTHROPIC_API_KEY` \(Claude Console → API keys\), restart ohmymkt, then press Retry\.$/],
  ] as const) {
    test(`${name}: the run fails saying what to do, with Retry, the app keeps serving, and Retry completes it`, async () => {
      const ts = await runWith([...scripts]);
      const run = await h.app.services.repos.runs.get(program, ts);
      assert.equal(run?.state, 'failed');
      assert.equal(await h.app.services.repos.runLeases.holder(`${program.teamId}:${program.channelId}:${ts}`, new Date()), undefined, 'a failed run holds no lease');
      const failed = failurePost(ts);
      assert.ok(failed, 'the failure is posted');
      assert.match(shownText(failed).split('\n')[0] ?? '', message);
      assert.ok(retryButton(failed), 'Retry is offered');
      assert.equal((await fetch(h.url.replace('/slack/events', '/healthz'))).status, 200);

      const value = retryButton(failed) as string;
      await h.post(blockAction({ actionId: 'ohmymkt:run:retry', value, userId: PERSON, channelId: CHANNEL, messageTs: String(failed.response['ts']), threadTs: ts }));
      assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'done');
    });
  }
});

describe('a model the API key cannot use', () => {
  let h: Harness;
  let claude: FakeClaude;

  before(async () => {
    claude = await startFakeClaude();
    h = await startHarness({ env: { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: claude.baseUrl, OHMYMKT_MODEL: 'claude-nonexistent-9' } });
  });
  after(async () => {
    await h.stop();
    await claude.close();
  });

  test('fails the step naming the model and the setting to change, without a Retry that could not help', async () => {
    const ts = freshTs();
    await h.mention('<@U0OHMYBOT> ulw rewrite our blog titles', { ts });
    assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'failed');
    assert.equal(claude.requests.length, 1, 'a 404 is not retried');
    const failed = h.slack.callsOf('chat.postMessage').find((c) => c.args['thread_ts'] === ts && JSON.stringify(c.args['blocks'] ?? []).includes('"block_id":"failed"'));
    assert.ok(failed);
    assert.equal(
      shownText(failed).split('\n')[0],
      "Routing failed: model claude-nonexistent-9 isn't available to this API key; set `OHMYMKT_MODEL` (or `OHMYMKT_FAST_MODEL` / `OHMYMKT_AGENT_MODELS`) to a model it can use, then restart ohmymkt.",
    );
    assert.equal(retryButton(failed), undefined);
  });
});
