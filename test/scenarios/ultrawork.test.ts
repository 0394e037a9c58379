// Ultrawork end to end: the fast path with no plan review, and the review gate coming back before a
// high-cost action (start_campaign) — the run waits for Approve and then resumes. Both run on the
// default seo-aeo program and on a demand-gen one, which must never be shown an SEO word.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, type Harness } from '../support/app-harness.ts';
import { agentOf, callTool, say, scriptAgents, toolResults, reviewWith } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { scenarioStores } from '../support/scenario-stores.ts';
import { assertOwnWords, scenarioPlaybooks } from '../support/scenario-playbooks.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { blockAction, newTriggerId } from '../support/slack-requests.ts';
import { buttonValue, shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

const approveButton = (call: SlackCall) => buttonValue(call, 'ohmymkt:plan:approve');

for (const backing of scenarioStores()) for (const playbook of scenarioPlaybooks()) describe(`ultrawork run on a ${playbook.name} program on the ${backing.name}`, { skip: backing.skip }, () => {
  let h: Harness;
  let claude: FakeClaude;
  let shownFrom = 0;
  const { words } = playbook;

  // A fresh app and store for each test, so each runs alone and a failure stays its own.
  beforeEach(async () => {
    ({ h, claude } = await startScenario(backing));
    await playbook.choose(h);
    shownFrom = h.slack.calls.length;
  });
  afterEach(async () => {
    try {
      assertOwnWords(playbook, h.slack.calls.slice(shownFrom));
    } finally {
      await stopScenario({ h, claude }, backing);
    }
  });

  test('runs growth-manager → execution-manager → a specialist, with no plan review', async () => {
    claude.reset();
    scriptAgents(claude, {
      'growth-manager': () => say(words.ulwBrief),
      'execution-manager': (request) =>
        toolResults(request).length === 0 ? callTool('delegate', { agent: 'content-writer', task: words.ulwTask }) : say(words.ulwDelivered),
      'content-writer': () => say(words.ulwDrafts),
    });
    const threadTs = freshTs();
    await h.mention(`<@U0OHMYBOT> ${words.ulwRequest}`, { ts: threadTs });
    const posts = h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs).map(shownText);
    assert.match(posts[0] ?? '', /Route: ultrawork/);
    assert.ok(posts.some((p) => /Closing report/.test(p)));
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'done');
    const agents = new Set(claude.requests.map((r) => agentOf(r.body)));
    assert.deepEqual([...agents].sort(), ['content-writer', 'execution-manager', 'growth-manager']);
  });

  test('stops at the review gate before start_campaign and resumes on Approve', async () => {
    for (const assignment of playbook.passingGates) {
      await h.command(`gates set ${assignment}`);
    }
    claude.reset();
    let starts = 0;
    scriptAgents(claude, {
      'growth-manager': () => say(words.launchBrief),
      'execution-manager': (request) => {
        const results = toolResults(request);
        if (results.length === 0) {
          starts += 1;
          return callTool('ohmymkt_start_campaign', {});
        }
        return say(results[0]?.is_error ? 'start_campaign needs an approved plan; stopping for review.' : 'Campaign started; board seeded.');
      },
      'requirements-analyst': (request) =>
        toolResults(request).length > 0 ? say('Requirements written.') : callTool('ohmymkt_plan_growth', { plan_id: 'PLAN-1', requirements: playbook.requirements }),
      'plan-reviewer': reviewWith([true, true, true, true, true, true]),
    });
    const threadTs = freshTs();
    await h.mention(`<@U0OHMYBOT> ${words.launchRequest}`, { ts: threadTs });
    const waiting = await h.app.services.repos.runs.get(program, threadTs);
    assert.equal(waiting?.state, 'awaiting_approval');
    assert.equal((await h.app.services.repos.programs.load(program)).state.execution, undefined, 'nothing high-cost ran');
    const posts = h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs);
    const approval = posts.find((c) => approveButton(c) !== undefined);
    assert.ok(approval, 'no approval request in the thread');
    assert.match(shownText(approval), /ohmymkt_start_campaign/);

    await h.post(
      blockAction({
        actionId: 'ohmymkt:plan:approve',
        value: approveButton(approval) ?? '',
        userId: PERSON,
        channelId: CHANNEL,
        messageTs: String(approval.response['ts']),
        threadTs,
        triggerId: newTriggerId(),
      }),
    );
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'done');
    const { state } = await h.app.services.repos.programs.load(program);
    assert.equal(state.execution?.planId, 'PLAN-1');
    assert.equal(starts, 2);
    assert.equal((await h.app.services.repos.sprint.list(program)).length, playbook.poolSize);
    // The closing report judges the program by its own playbook's gates, which all pass now.
    const report = h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs).map(shownText).find((text) => /Closing report/.test(text));
    assert.match(report ?? '', /Program standing: (\d+) of \1 startup gates pass/);
  });
});
