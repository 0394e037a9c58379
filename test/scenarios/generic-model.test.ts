// A planned run driven by a generic tool-calling model (test/support/generic-model.ts) against the
// strict fake Claude: it reaches the plan card with Approve / Reject and, after Approve, the closing
// report. Nothing in the run may hang on how a model words its answers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, type Harness } from '../support/app-harness.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import { genericModel } from '../support/generic-model.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { blockAction } from '../support/slack-requests.ts';
import { buttonValue, shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
let h: Harness;
let claude: FakeClaude;

before(async () => {
  ({ h, claude } = await startScenario());
  claude.setResponder(genericModel());
});
after(() => stopScenario({ h, claude }));

test('a generic model takes a planned run to the plan card, and after Approve to the closing report', async () => {
  const ts = freshTs();
  await h.mention('<@U0OHMYBOT> plan our Q1 launch with a $50,000 budget', { ts });
  const thread = () => h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === ts);
  const card = thread().find((c) => buttonValue(c, 'ohmymkt:plan:approve') !== undefined);
  assert.ok(card, `no plan card; the thread said:\n${thread().map(shownText).join('\n---\n')}`);
  assert.ok(buttonValue(card, 'ohmymkt:plan:reject') !== undefined);
  assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'awaiting_approval');

  await h.post(blockAction({ actionId: 'ohmymkt:plan:approve', value: buttonValue(card, 'ohmymkt:plan:approve') as string, userId: PERSON, channelId: CHANNEL, messageTs: String(card.response['ts']), threadTs: ts }));
  assert.equal((await h.app.services.repos.runs.get(program, ts))?.state, 'done');
  assert.ok(thread().some((c) => /Closing report/.test(shownText(c))), 'the closing report is posted');
  assert.ok(claude.requests.length > 4);
  assert.ok(claude.requests.every((r) => r.body['thinking'] !== undefined), 'every request says how the agent thinks');
});
