// Cancel means stop: a click while an agent's model call is in flight aborts that call, and afterwards
// no model call starts, no tool runs and nothing the agent wrote reaches the thread.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, SIGNING_SECRET, type Harness } from '../support/app-harness.ts';
import { agentOf, callTool, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { appMention, blockAction, eventCallback, postToSlackApp } from '../support/slack-requests.ts';
import { shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
let h: Harness;
let claude: FakeClaude;

beforeEach(async () => {
  ({ h, claude } = await startScenario());
});
afterEach(() => stopScenario({ h, claude }));

async function until(what: string, check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('Cancel during a slow model call: no model request, tool or agent post after it', async () => {
  scriptAgents(claude, {
    'growth-manager': () => say('Brief: audit the pricing page copy.'),
    // The first answer takes seconds to arrive and would hand work on; the cancel lands while it streams.
    'execution-manager': (request) =>
      toolResults(request).length === 0
        ? { ...callTool('delegate', { agent: 'content-writer', task: 'Rewrite the pricing page.' }), delayMs: 3_000 }
        : say('All rewritten.'),
    'content-writer': () => say('Rewritten copy.'),
  });
  const ts = freshTs();
  // Not through h.mention, which waits for the whole run: the click must land mid-run.
  await postToSlackApp(h.url, SIGNING_SECRET, eventCallback({ event: appMention({ channel: CHANNEL, user: PERSON, text: '<@U0OHMYBOT> ulw rewrite the pricing page', ts }) }));
  await until('execution-manager to be asked', () => claude.requests.some((r) => agentOf(r.body) === 'execution-manager'));
  const requestsAtCancel = claude.requests.length;

  await h.post(blockAction({ actionId: 'ohmymkt:run:cancel', value: ts, userId: PERSON, channelId: CHANNEL, messageTs: ts, threadTs: ts }));
  await h.settle();
  const cancelledAt = h.slack.calls.findIndex((c) => c.method === 'chat.postMessage' && /Run cancelled/.test(shownText(c)));
  assert.ok(cancelledAt >= 0, 'the cancel is said in the thread');
  // Give an agent that did not stop the time it would need to go on.
  await new Promise((resolve) => setTimeout(resolve, 3_500));
  await h.settle();

  assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'cancelled');
  assert.equal(claude.requests.length, requestsAtCancel, 'no model call started after the cancel');
  assert.equal(claude.requests.some((r) => agentOf(r.body) === 'content-writer'), false, 'the delegation never ran');
  const later = h.slack.calls.slice(cancelledAt + 1).filter((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === ts);
  assert.deepEqual(later.map(shownText), [], 'nothing posted in the thread after the cancel');
});
