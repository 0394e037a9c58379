// Nothing outside the process may hang a run in silence: a Claude stream that goes quiet after its
// headers is aborted and asked again while the thread status says so, and a stream that keeps stalling
// fails the step with a message and Retry well inside the budget.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CHANNEL, freshTs, startHarness, type Harness } from '../support/app-harness.ts';
import { agentOf, say } from '../support/claude-scripts.ts';
import { FAST_RETRY, startFakeClaude, type FakeClaude } from '../support/fake-claude.ts';
import { buttonValue, shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
let h: Harness;
let claude: FakeClaude;

before(async () => {
  claude = await startFakeClaude();
  // A quiet stream is given up after 200 ms here (60 s in production), within a 2 s budget (2 min).
  h = await startHarness({ env: { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: claude.baseUrl }, claudeRetry: { ...FAST_RETRY, streamIdleMs: 200, budgetMs: 2_000 } });
});
after(async () => {
  await h.stop();
  await claude.close();
});

test('a stream that keeps stalling: retry notices in the thread status, then the failure with Retry', async () => {
  claude.setResponder((request) => (agentOf(request) === 'growth-manager' ? { ...say('Brief.'), delayMs: 5_000 } : undefined));
  const ts = freshTs();
  const started = Date.now();
  await h.mention('<@U0OHMYBOT> ulw refresh the pricing page copy', { ts });
  const elapsed = Date.now() - started;
  assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'failed');
  const statuses = h.slack.callsOf('assistant.threads.setStatus').filter((c) => c.args['thread_ts'] === ts).map((c) => String(c.args['status']));
  assert.ok(statuses.some((s) => /^Claude's answer stalled, retrying \(1\/\d+\)…$/.test(s)), statuses.join(' | '));
  const failed = h.slack.callsOf('chat.postMessage').find((c) => c.args['thread_ts'] === ts && buttonValue(c, 'ohmymkt:run:retry') !== undefined);
  assert.ok(failed, 'the failure is posted with Retry');
  assert.match(shownText(failed), /Routing failed: Claude's answer kept stalling \(\d+ tries over \d+ s\); press Retry in a few minutes\./);
  assert.ok(elapsed < 5_000, `the thread heard within the budget, not after the stall (${elapsed} ms)`);
});
