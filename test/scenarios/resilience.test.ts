// Runs survive what real workspaces do to them: the same mention delivered three times, Claude
// failing mid-run (Retry resumes it), and a restart while an approval is pending.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, type Harness } from '../support/app-harness.ts';
import { callTool, COMPLETE_REQUIREMENTS, say, scriptAgents, toolResults, reviewWith } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { scenarioStores } from '../support/scenario-stores.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { appMention, blockAction, eventCallback, newTriggerId } from '../support/slack-requests.ts';
import { buttonValue, shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

for (const backing of scenarioStores()) describe(`run resilience on the ${backing.name}`, { skip: backing.skip }, () => {
  let h: Harness;
  let claude: FakeClaude;

  // A fresh app and store for each test, so each runs alone and a failure stays its own.
  beforeEach(async () => {
    ({ h, claude } = await startScenario(backing));
  });
  afterEach(() => stopScenario({ h, claude }, backing));

  const posts = (threadTs: string) => h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs);

  async function click(call: SlackCall, actionId: string, threadTs: string) {
    const value = buttonValue(call, actionId);
    assert.ok(value, `no ${actionId} button`);
    await h.post(blockAction({ actionId, value, userId: PERSON, channelId: CHANNEL, messageTs: String(call.response['ts']), threadTs, triggerId: newTriggerId() }));
  }

  test('the same mention delivered three times starts one run', async () => {
    claude.reset();
    scriptAgents(claude, {
      'growth-manager': () => say('Brief ready.'),
      'execution-manager': () => say('Nothing to sequence yet.'),
    });
    const threadTs = freshTs();
    const event = eventCallback({ eventId: 'Ev0TRIPLE001', event: appMention({ channel: CHANNEL, user: PERSON, text: '<@U0OHMYBOT> ulw audit our blog titles', ts: threadTs }) });
    await Promise.all([h.post(event), h.post(event, { retryNum: 1, retryReason: 'http_timeout' }), h.post(event, { retryNum: 2, retryReason: 'http_timeout' })]);
    await h.settle();
    assert.equal((await h.app.services.repos.runs.ofProgram(program)).filter((r) => r.threadTs === threadTs).length, 1);
    assert.equal(posts(threadTs).filter((c) => /Route:/.test(shownText(c))).length, 1);
  });

  test('a Claude failure posts Retry; Retry resumes the run where it failed', async () => {
    claude.reset();
    let failing = true;
    scriptAgents(claude, {
      'growth-manager': () => say('Brief ready.'),
      // A key Claude rejects: fixed outside the app, then Retry goes through (a malformed request would not).
      'execution-manager': () => (failing ? { status: 401, type: 'authentication_error', message: 'invalid x-api-key' } : say('Executed.')),
    });
    const threadTs = freshTs();
    await h.mention('<@U0OHMYBOT> ulw refresh the pricing page copy', { ts: threadTs });
    const failed = posts(threadTs).find((c) => buttonValue(c, 'ohmymkt:run:retry') !== undefined);
    assert.ok(failed, 'no failure message with Retry');
    assert.match(shownText(failed), /Execution failed/);
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'failed');
    failing = false;
    await click(failed, 'ohmymkt:run:retry', threadTs);
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'done');
    assert.ok(posts(threadTs).some((c) => /Closing report/.test(shownText(c))));
  });

  test('a restart keeps a pending approval; Approve after it continues the run', async () => {
    claude.reset();
    scriptAgents(claude, {
      'growth-manager': () => say('Framed.'),
      'requirements-analyst': (request) =>
        toolResults(request).length > 0 ? say('Written.') : callTool('ohmymkt_plan_growth', { plan_id: 'PLAN-1', requirements: COMPLETE_REQUIREMENTS }),
      'plan-reviewer': reviewWith([true, true, true, true, true, true]),
      'execution-manager': () => say('Executed the approved packet.'),
    });
    const threadTs = freshTs();
    await h.mention('<@U0OHMYBOT> plan a webinar series for Q1 with a $5,000 budget', { ts: threadTs });
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'awaiting_approval');
    await h.restart();
    const approval = posts(threadTs).find((c) => buttonValue(c, 'ohmymkt:plan:approve') !== undefined);
    assert.ok(approval);
    await click(approval, 'ohmymkt:plan:approve', threadTs);
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'done');
  });
});
