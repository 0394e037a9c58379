// The closing report says what the run changed, from the app's records: a run whose every action was
// refused says nothing was changed and why, whatever the model claims; a started or refused campaign
// is said in the thread when it happens, with the reasons a person can act on.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHANNEL, freshTs, type Harness } from '../support/app-harness.ts';
import { approvedPlan, passAllGates } from '../support/approved-plan.ts';
import { callTool, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

describe('closing report from facts', () => {
  let h: Harness;
  let claude: FakeClaude;

  beforeEach(async () => {
    ({ h, claude } = await startScenario());
  });
  afterEach(() => stopScenario({ h, claude }));

  async function run(request: string): Promise<string[]> {
    const threadTs = freshTs();
    await h.mention(`<@U0OHMYBOT> ulw ${request}`, { ts: threadTs });
    return h.slack.callsOf('chat.postMessage').filter((c) => c.args['thread_ts'] === threadTs).map(shownText);
  }

  test('a run whose every action is refused says nothing was changed and why, not what the model claimed', async () => {
    scriptAgents(claude, {
      'growth-manager': () => say('Plan recorded in state; INC-9 closed out.'),
      'execution-manager': (request) => {
        const turn = (request['messages'] as unknown[]).length;
        if (turn === 1) return callTool('ohmymkt_incident', { action: 'update', id: 'INC-9', note: 'mitigated' });
        if (turn === 3) return callTool('ohmymkt_provider_config', { action: 'set', category: 'publish' });
        return say(toolResults(request)[0]?.is_error ? 'Plan recorded in state.' : 'Done.');
      },
    });
    const posts = await run('close out INC-9 and set up LinkedIn publishing');
    const report = posts.find((p) => /Closing report/.test(p));
    assert.ok(report, posts.join('\n---\n'));
    assert.match(report, /Nothing was changed\.\* Every action this run tried was refused/);
    assert.match(report, /ohmymkt_incident refused: no incident INC-9 in this channel/);
    assert.match(report, /ohmymkt_provider_config (refused|failed): .*never set/);
    // The model's claim is there only as its words, after the record.
    assert.ok(report.indexOf("growth-manager's summary") > report.indexOf('refused'), report);
    assert.doesNotMatch(report, /What this run changed/);
    assert.match(report, /Program standing: .*`\/ohmymkt status`/);
  });

  test('a started campaign is said in the thread and listed as this run\'s change', async () => {
    await approvedPlan(h);
    await passAllGates(h);
    scriptAgents(claude, {
      'growth-manager': () => say('Campaign is live.'),
      'execution-manager': (request) => (toolResults(request).length === 0 ? callTool('ohmymkt_start_campaign', {}) : say('Started.')),
    });
    const posts = await run('start the campaign of the approved plan');
    assert.ok(posts.some((p) => /Campaign started\* from PLAN-1 v1/.test(p)), posts.join('\n---\n'));
    const report = posts.find((p) => /Closing report/.test(p)) ?? '';
    assert.match(report, /What this run changed/);
    assert.match(report, /campaign started from PLAN-1 v1/);
    assert.ok((await h.app.services.repos.programs.load(program)).state.execution, 'the campaign is stored');
  });

  test('a refused campaign is said in the thread with the failing gates', async () => {
    await approvedPlan(h);
    scriptAgents(claude, {
      'growth-manager': () => say('Campaign started.'),
      'execution-manager': (request) => (toolResults(request).length === 0 ? callTool('ohmymkt_start_campaign', {}) : say('Could not start.')),
    });
    const posts = await run('start the campaign of the approved plan');
    const refused = posts.find((p) => /The campaign was not started/.test(p));
    assert.ok(refused, posts.join('\n---\n'));
    assert.match(refused, /strategy_gate/);
    const report = posts.find((p) => /Closing report/.test(p)) ?? '';
    assert.match(report, /ohmymkt_start_campaign refused/);
    assert.equal((await h.app.services.repos.programs.load(program)).state.execution, undefined);
  });
});
