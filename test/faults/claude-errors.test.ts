// Claude failing the way the API does (429, 529, 500, an overload inside an open stream): the SDK's
// retries or our one stream retry carry the run through, and what they cannot becomes Retry, not a crash.
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

  test('a 429, a 529 and a 500 in a row are retried by the SDK and the run completes', async () => {
    const ts = await runWith([RATE_LIMITED, OVERLOADED, INTERNAL]);
    assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'done');
    assert.equal(executionCalls(), 4);
    assert.equal(posts(ts).filter((c) => /Closing report/.test(shownText(c))).length, 1);
  });

  test('an overload inside an open stream is tried once more and the run completes', async () => {
    const ts = await runWith([MID_STREAM_OVERLOAD]);
    assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'done');
    assert.equal(executionCalls(), 2);
  });

  for (const [name, scripts] of [
    // The SDK makes four attempts; our extra try is only for overloads inside an open stream.
    ['529 on every retry', Array.from({ length: 4 }, () => OVERLOADED)],
    ['an overload inside the stream twice', [MID_STREAM_OVERLOAD, MID_STREAM_OVERLOAD]],
    ['an api_error inside the stream', [{ midStreamError: 'api_error', message: 'Internal server error' }]],
  ] as const) {
    test(`${name}: the run fails with Retry, the app keeps serving, and Retry completes it`, async () => {
      const ts = await runWith([...scripts]);
      const run = await h.app.services.repos.runs.get(program, ts);
      assert.equal(run?.state, 'failed');
      assert.equal(await h.app.services.repos.runLeases.holder(`${program.teamId}:${program.channelId}:${ts}`, new Date()), undefined, 'a failed run holds no lease');
      const failed = posts(ts).find((c) => retryButton(c) !== undefined);
      assert.ok(failed, 'the failure is posted with Retry');
      assert.match(shownText(failed), /Execution failed: Claude/);
      assert.equal((await fetch(h.url.replace('/slack/events', '/healthz'))).status, 200);

      const value = retryButton(failed) as string;
      await h.post(blockAction({ actionId: 'ohmymkt:run:retry', value, userId: PERSON, channelId: CHANNEL, messageTs: String(failed.response['ts']), threadTs: ts }));
      assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'done');
    });
  }
});
