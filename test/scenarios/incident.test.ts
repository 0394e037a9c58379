// Incident runbook end to end: a high incident is recorded and alerted, execution-manager proposes a
// resequence in the alert's thread, a running run stops before its risky tool (and says so) while
// guarded work goes on, and resolving replies in the alert's thread (a cycle and report follow only with an active campaign: test/scenarios/incident-runbook.test.ts). Each test starts its
// own app and store and replays the steps before the one it checks, so any test runs alone.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHANNEL, freshTs, type Harness } from '../support/app-harness.ts';
import { callTool, lastUserText, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

describe('incident runbook', () => {
  let h: Harness;
  let claude: FakeClaude;

  beforeEach(async () => {
    ({ h, claude } = await startScenario());
    scriptAgents(claude, {
      'growth-manager': () => say('Brief: research the webinar audience, then start the campaign.'),
      'execution-manager': (request) => {
        if (/High incident INC-1/.test(lastUserText(request))) return say('Resequence: pause launch and publishing; keep research and drafting; re-check data_gate before resuming.');
        const results = toolResults(request);
        const turn = (request['messages'] as unknown[]).length;
        if (turn === 1) return callTool('delegate', { agent: 'research-agent', task: 'Brief the webinar audience.' });
        if (turn === 3) return callTool('ohmymkt_start_campaign', {});
        return say(results[0]?.is_error ? 'Research done; the launch waits for the incident.' : 'Campaign started.');
      },
      'research-agent': (request) =>
        toolResults(request).length === 0 ? callTool('ohmymkt_research_brief', { action: 'create', title: 'Webinar audience' }) : say('Brief RB-1 saved.'),
    });
  });
  afterEach(() => stopScenario({ h, claude }));

  const openP0 = () => h.command('incident open P0 module:technical_foundation Checkout is down');

  /** A run started while the P0 is open; resolves with what it posted in its thread. */
  async function runDuringP0(): Promise<string[]> {
    const threadTs = freshTs();
    await h.mention('<@U0OHMYBOT> ulw get the webinar campaign going', { ts: threadTs });
    return h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs).map(shownText);
  }

  test('a high incident is alerted in the channel with a resequence proposal in its thread', async () => {
    const { replies } = await openP0();
    const alert = replies.find((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === undefined);
    assert.ok(alert, 'no alert in the channel');
    assert.match(shownText(alert), /INC-1/);
    const proposal = replies.find((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === alert.response['ts']);
    assert.ok(proposal, 'no resequence proposal in the alert thread');
    assert.match(shownText(proposal), /Resequence: pause launch and publishing/);
    assert.match(shownText((await h.command('status')).replies.at(-1)!), /INC-1/);
  });

  test('a run stops before its risky tool and says so, while guarded work continues', async () => {
    await openP0();
    const posts = await runDuringP0();
    assert.ok(posts.some((p) => /ohmymkt_start_campaign` did not run: risky work \(start_campaign\) is paused/.test(p)), posts.join('\n---\n'));
    assert.equal((await h.app.services.repos.programs.load(program)).state.execution, undefined);
    const briefs = await h.app.services.repos.researchBriefs.list(program);
    assert.equal(briefs.length, 1, 'the guarded research tool ran');
  });

  test('resolving lifts the pause and replies in the alert thread; with no active campaign no cycle is recorded', async () => {
    const alert = (await openP0()).replies.find((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === undefined);
    await runDuringP0();
    const { replies } = await h.command('incident resolve INC-1 payment provider fixed');
    const posted = replies.filter((c) => c.method === 'chat.postMessage');
    assert.equal(posted.length, 1, posted.map(shownText).join('\n---\n'));
    assert.equal(posted[0]?.args['thread_ts'], alert?.response['ts']);
    assert.match(shownText(posted[0]!), /INC-1 resolved/);
    assert.equal((await h.app.services.repos.incidents.get(program, 'INC-1'))?.value.status, 'resolved');
    assert.equal((await h.app.services.repos.cycles.list(program)).length, 0);
  });
});
