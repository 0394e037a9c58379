// One incident runbook for people and agents: an agent's ohmymkt_incident posts the alert, gets a
// resequence proposal under a high one, and replies in the alert's thread for updates and the
// resolution (also shown in the channel); resolving runs a cycle and a report only with an active campaign.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHANNEL, freshTs, type Harness } from '../support/app-harness.ts';
import { activeCampaign } from '../support/approved-plan.ts';
import { callTool, lastUserText, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

describe('incident runbook, shared by people and agents', () => {
  let h: Harness;
  let claude: FakeClaude;

  beforeEach(async () => {
    ({ h, claude } = await startScenario());
  });
  afterEach(() => stopScenario({ h, claude }));

  const topLevel = () => h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === undefined);
  const under = (ts: unknown) => h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === ts);

  test('an agent opening and resolving an incident gets the alert, the resequence and the thread replies', async () => {
    scriptAgents(claude, {
      'growth-manager': () => say('Handled the checkout outage.'),
      'execution-manager': (request) => {
        if (/High incident INC-1/.test(lastUserText(request))) return say('Resequence: pause publishing; keep drafting.');
        const turn = (request['messages'] as unknown[]).length;
        if (turn === 1) return callTool('ohmymkt_incident', { action: 'open', severity: 'P0', summary: 'Checkout is down' });
        if (turn === 3) return callTool('ohmymkt_incident', { action: 'update', id: 'INC-1', note: 'Rolled back the deploy' });
        if (turn === 5) return callTool('ohmymkt_incident', { action: 'resolve', id: 'INC-1', note: 'Payments flow again' });
        return say(toolResults(request)[0]?.is_error ? 'Something was refused.' : 'Incident handled.');
      },
    });
    await h.mention('<@U0OHMYBOT> ulw checkout is down, handle it', { ts: freshTs() });
    await h.settle();
    const alert = topLevel().find((c) => /P0 incident INC-1/.test(shownText(c)));
    assert.ok(alert, topLevel().map(shownText).join('\n---\n'));
    const replies = under(alert.response['ts']).map((c: SlackCall) => ({ text: shownText(c), broadcast: String(c.args['reply_broadcast']) }));
    assert.ok(replies.some((r) => /Resequence: pause publishing/.test(r.text)), 'the resequence proposal is under the alert');
    assert.ok(replies.some((r) => /Rolled back the deploy/.test(r.text)), 'the update is under the alert');
    const resolution = replies.find((r) => /INC-1 resolved/.test(r.text));
    assert.equal(resolution?.broadcast, 'true', 'the resolution is also shown in the channel');
    assert.equal((await h.app.services.repos.incidents.get(program, 'INC-1'))?.value.alertRef, alert.response['ts']);
    assert.equal((await h.app.services.repos.cycles.list(program)).length, 0, 'no campaign is active: no cycle');
  });

  test('with an active campaign, resolving runs a cycle and posts the growth report', async () => {
    await activeCampaign(h);
    scriptAgents(claude, { 'execution-manager': () => say('Resequence: pause scale modules.') });
    await h.command('incident open P0 Checkout is down');
    const { replies } = await h.command('incident resolve INC-1 fixed');
    const channel = replies.filter((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === undefined).map(shownText);
    assert.match(channel[0] ?? '', /Weekly cycle: rollback/);
    assert.match(channel[1] ?? '', /Growth report/);
    assert.equal((await h.app.services.repos.cycles.list(program)).length, 1);
  });
});
