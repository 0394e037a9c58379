// The closing report says what the run changed, from the app's records: a run whose every action was
// refused says nothing was changed and why, whatever the model claims; a started or refused campaign
// is said in the thread when it happens, with the reasons a person can act on.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { CHECKLIST_KEYS } from '../../src/domain/checklist.ts';
import type { Actor } from '../../src/domain/program.ts';
import { writeRequirements } from '../../src/services/plan-drafts.ts';
import { createPlan, decidePlan, recordPlanReview } from '../../src/services/plans.ts';
import { CHANNEL, freshTs, PERSON, type Harness } from '../support/app-harness.ts';
import { callTool, say, scriptAgents, toolResults } from '../support/claude-scripts.ts';
import type { FakeClaude } from '../support/fake-claude.ts';
import { startScenario, stopScenario } from '../support/scenario.ts';
import { shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };
const person: Actor = { userId: PERSON, surface: 'slash' };

/** An approved plan in the store, as a person's Approve click leaves it. */
async function approvedPlan(h: Harness): Promise<string> {
  const services = h.app.services;
  const created = await createPlan(services, program, person, 'Grow demo requests from 40 to 60 a month');
  assert.ok(created.ok);
  const filled = await writeRequirements(services, program, person, created.value.id, {
    objective: 'demo requests from 40 to 60 per month by 2027-03-31',
    channels: ['LinkedIn organic'],
    boundaries: ['no paid spend'],
    timeline: '2027-01-04 → 2027-03-31',
    budget: 'no paid spend',
    acceptanceCriteria: ['60 demo requests in March per the CRM'],
    rollbackRoute: 'SQL rate below 30% → pause the CTA → tell #growth',
    owners: [{ deliverable: 'posts', owner: 'Dana' }],
  });
  assert.ok(filled.ok);
  const target = { id: filled.value.id, version: filled.value.version };
  const reviewed = await recordPlanReview(services, program, person, target, CHECKLIST_KEYS.map((key) => ({ key, pass: true, reason: 'stated' })));
  assert.ok(reviewed.ok, !reviewed.ok ? reviewed.message : '');
  const approved = await decidePlan(services, program, person, target, { kind: 'approve' });
  assert.ok(approved.ok, !approved.ok ? approved.message : '');
  return filled.value.id;
}

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
    for (const assignment of [
      'strategy_gate.kpi_tree_bound=true', 'strategy_gate.approved=true', 'compliance_gate.documented=true', 'compliance_gate.accepted_by_all=true',
      'capacity_gate.rolling_weeks_feasible=8', 'data_gate.dashboard_stable=true', 'data_gate.reconcilable=true', 'ownership_gate.priority_query_coverage=0.9',
    ]) {
      await h.command(`gates set ${assignment}`);
    }
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
