// Ultrawork end to end: the fast path with no plan review, and the review gate coming back before a
// high-cost action (start_campaign) — the run waits for Approve and then resumes.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHANNEL, freshTs, PERSON, type Harness } from '../support/app-harness.ts';
import { agentOf, callTool, COMPLETE_REQUIREMENTS, say, scriptAgents, toolResults, reviewWith } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { scenarioStores } from '../support/scenario-stores.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { blockAction, newTriggerId } from '../support/slack-requests.ts';
import { buttonValue, shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

const approveButton = (call: SlackCall) => buttonValue(call, 'ohmymkt:plan:approve');

for (const backing of scenarioStores()) describe(`ultrawork run on the ${backing.name}`, { skip: backing.skip }, () => {
  let h: Harness;
  let claude: FakeClaude;

  // A fresh app and store for each test, so each runs alone and a failure stays its own.
  beforeEach(async () => {
    ({ h, claude } = await startScenario(backing));
  });
  afterEach(() => stopScenario({ h, claude }, backing));

  test('runs growth-manager → execution-manager → a specialist, with no plan review', async () => {
    claude.reset();
    scriptAgents(claude, {
      'growth-manager': () => say('Brief: three LinkedIn posts promoting the webinar.'),
      'execution-manager': (request) =>
        toolResults(request).length === 0
          ? callTool('delegate', { agent: 'content-writer', task: 'Draft three LinkedIn posts for the webinar.' })
          : say('Delivered three drafts from content-writer.'),
      'content-writer': () => say('Post 1… Post 2… Post 3…'),
    });
    const threadTs = freshTs();
    await h.mention('<@U0OHMYBOT> ulw draft three LinkedIn posts about our webinar', { ts: threadTs });
    const posts = h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs).map(shownText);
    assert.match(posts[0] ?? '', /Route: ultrawork/);
    assert.ok(posts.some((p) => /Closing report/.test(p)));
    assert.equal((await h.app.services.repos.runs.get(program, threadTs))?.state, 'done');
    const agents = new Set(claude.requests.map((r) => agentOf(r.body)));
    assert.deepEqual([...agents].sort(), ['content-writer', 'execution-manager', 'growth-manager']);
  });

  test('stops at the review gate before start_campaign and resumes on Approve', async () => {
    for (const assignment of [
      'strategy_gate.kpi_tree_bound=true',
      'strategy_gate.approved=true',
      'compliance_gate.documented=true',
      'compliance_gate.accepted_by_all=true',
      'capacity_gate.rolling_weeks_feasible=8',
      'data_gate.dashboard_stable=true',
      'data_gate.reconcilable=true',
      'ownership_gate.priority_query_coverage=0.9',
    ]) {
      await h.command(`gates set ${assignment}`);
    }
    claude.reset();
    let starts = 0;
    scriptAgents(claude, {
      'growth-manager': () => say('Brief: spring campaign on paid social.'),
      'execution-manager': (request) => {
        const results = toolResults(request);
        if (results.length === 0) {
          starts += 1;
          return callTool('ohmymkt_start_campaign', {});
        }
        return say(results[0]?.is_error ? 'start_campaign needs an approved plan; stopping for review.' : 'Campaign started; board seeded.');
      },
      'requirements-analyst': (request) =>
        toolResults(request).length > 0 ? say('Requirements written.') : callTool('ohmymkt_plan_growth', { plan_id: 'PLAN-1', requirements: COMPLETE_REQUIREMENTS }),
      'plan-reviewer': reviewWith([true, true, true, true, true, true]),
    });
    const threadTs = freshTs();
    await h.mention('<@U0OHMYBOT> ulw launch the spring campaign with $20k on paid social', { ts: threadTs });
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
    assert.equal((await h.app.services.repos.sprint.list(program)).length, 40);
  });
});
