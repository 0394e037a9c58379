// The playbook-aware tools over real services: the analyst proposes a playbook and KPI targets with the
// plan, the growth-analyst records KPIs as numbers, and specialists move sprint tasks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runTool } from '../../src/agents/tools/registry.ts';
import type { ToolContext } from '../../src/agents/tools/types.ts';
import type { AgentName } from '../../src/domain/agents.ts';
import { BUILT_IN_CATALOG } from '../../src/domain/playbook-catalog.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import { startCampaign } from '../../src/services/campaign.ts';
import { setGate } from '../../src/services/gates.ts';
import { decidePlan, recordPlanReview } from '../../src/services/plans.ts';
import { setPlaybook } from '../../src/services/playbooks.ts';
import { completeRequirements, reviewerVerdict } from '../domain/support.ts';
import { PERSON, startAgentHarness, type AgentHarness } from './harness.ts';

/** The checklist-complete requirements, as the tool takes them. */
function toolRequirements() {
  const { acceptanceCriteria, rollbackRoute, ...rest } = completeRequirements();
  return { ...rest, acceptance_criteria: acceptanceCriteria, rollback_route: rollbackRoute };
}

let h: AgentHarness;
let now = new Date('2025-06-02T09:00:00Z');
let services: ServiceDeps;
let programs = 0;
before(async () => {
  h = await startAgentHarness();
  // A clock the tests move, so KPI values carry distinct dates.
  services = { ...h.services, clock: { now: () => now } };
});
after(() => h.close());

const nextProgram = () => {
  programs += 1;
  return { teamId: 'T0AGENTS', channelId: `C0PLAYBOOK${programs}` };
};
const context = (agent: AgentName, program: ToolContext['program']): ToolContext => ({
  services,
  program,
  actor: { userId: PERSON.userId, surface: 'agent', agent, runId: 'RUN-P' },
  agent,
  runId: 'RUN-P',
});
const json = async (agent: AgentName, program: ToolContext['program'], tool: string, input: unknown) => {
  const output = await runTool(tool, input, context(agent, program));
  assert.equal(output.isError, false, output.content);
  return JSON.parse(output.content);
};

describe('the analyst proposes a playbook', () => {
  test('the plan is built from the proposed playbook, keeps its targets, and approval applies both', async () => {
    const program = nextProgram();
    const plan = await json('requirements-analyst', program, 'ohmymkt_plan_growth', {
      goal: 'Grow pipeline from paid social by 30% this quarter',
      playbook: 'demand-gen',
      kpi_targets: [{ kpi: 'MQLs', target: 150 }, { kpi: 'cpl', target: 40 }],
      requirements: { acceptance_criteria: ['150 MQLs a month by September', 'cost per lead at or below 40 EUR'] },
    });
    const stored = (await services.repos.plans.list(program)).find((p) => p.id === plan.id);
    assert.equal(stored?.playbook, 'demand-gen');
    assert.deepEqual(stored?.kpiTargets, { mqls: 150, cpl: 40 });
    assert.deepEqual(stored?.sections.startupGates.map((gate) => gate.gate), BUILT_IN_CATALOG.get('demand-gen')?.gates.map((gate) => gate.name));
    assert.equal((await services.repos.programs.load(program)).state.playbook, undefined, 'a proposal is not a choice until approved');

    const person = PERSON;
    assert.ok((await json('requirements-analyst', program, 'ohmymkt_plan_growth', { plan_id: plan.id, requirements: toolRequirements() })).id);
    assert.ok((await recordPlanReview(services, program, person, { id: plan.id, version: 1 }, reviewerVerdict())).ok);
    assert.ok((await decidePlan(services, program, person, { id: plan.id, version: 1 }, { kind: 'approve' })).ok);
    const { state } = await services.repos.programs.load(program);
    assert.equal(state.playbook, 'demand-gen');
    assert.deepEqual(state.kpiTargets, { mqls: 150, cpl: 40 });
  });

  test('an approved proposal never overrides a playbook the channel chose', async () => {
    const program = nextProgram();
    const person = PERSON;
    assert.ok((await setPlaybook(services, program, person, 'launch')).ok);
    const plan = await json('requirements-analyst', program, 'ohmymkt_plan_growth', { goal: 'Leads from webinars', playbook: 'demand-gen', requirements: toolRequirements() });
    assert.ok((await recordPlanReview(services, program, person, { id: plan.id, version: 1 }, reviewerVerdict())).ok);
    assert.ok((await decidePlan(services, program, person, { id: plan.id, version: 1 }, { kind: 'approve' })).ok);
    assert.equal((await services.repos.programs.load(program)).state.playbook, 'launch');
  });

  const leftOff: Array<[string, Record<string, unknown>, RegExp, string | undefined]> = [
    ['an unknown playbook', { goal: 'x', playbook: 'growth' }, /playbook: unknown playbook "growth"; choose one of: seo-aeo, demand-gen, launch/, undefined],
    ['a target on a KPI the playbook lacks', { goal: 'x', playbook: 'launch', kpi_targets: [{ kpi: 'mqls', target: 5 }] }, /kpi_targets: unknown KPI "mqls" for the launch playbook/, 'launch'],
  ];
  for (const [name, input, problem, playbook] of leftOff) {
    test(`leaves off ${name}, names it, and still stores the plan`, async () => {
      const program = nextProgram();
      const answer = await json('requirements-analyst', program, 'ohmymkt_plan_growth', input);
      assert.match(answer.not_applied.join('\n'), problem);
      const [stored] = await services.repos.plans.list(program);
      assert.equal(stored?.playbook, playbook);
      assert.equal(stored?.kpiTargets, undefined);
    });
  }
});

describe('numeric KPIs from the growth-analyst', () => {
  test('values are dated, the trend derives from them, a target can come along', async () => {
    const program = nextProgram();
    assert.ok((await setPlaybook(services, program, PERSON, 'launch')).ok);
    now = new Date('2025-06-09T09:00:00Z');
    await json('growth-analyst', program, 'ohmymkt_update_metrics', { kpi: 'signups', value: 400, target: 600 });
    now = new Date('2025-06-16T09:00:00Z');
    const answer = await json('growth-analyst', program, 'ohmymkt_update_metrics', { kpi: 'signups', value: 520 });
    assert.deepEqual(
      { latest: answer.kpi.latest.value, baseline: answer.kpi.baseline, target: answer.kpi.target, trend: answer.kpi.trend, source: answer.kpi.source },
      { latest: 520, baseline: 400, target: 600, trend: 'up', source: 'values' },
    );
    const state = await json('growth-analyst', program, 'ohmymkt_read_state', { parts: ['metrics'] });
    assert.equal(state.metrics.playbook, 'launch');
    assert.deepEqual(state.metrics.kpis.map((kpi: { kpi: string }) => kpi.kpi), ['reach', 'signups', 'activation_rate', 'support_tickets']);
  });

  const refused: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a value that is not a number', { kpi: 'signups', value: '520' }, /value/],
    ['neither a value nor a target', { kpi: 'signups' }, /give kpi with a value, a target or both/],
    ['a KPI mixed with a rating', { kpi: 'signups', value: 1, track: 'reach', metric: 'x', trend: 'up' }, /not both/],
  ];
  for (const [name, input, message] of refused) {
    test(`refuses ${name}`, async () => {
      const output = await runTool('ohmymkt_update_metrics', input, context('growth-analyst', nextProgram()));
      assert.equal(output.isError, true);
      assert.match(output.content, message);
    });
  }
});

describe('ohmymkt_update_task', () => {
  async function campaignOn(program: ToolContext['program'], playbook: string): Promise<void> {
    const person = PERSON;
    assert.ok((await setPlaybook(services, program, person, playbook)).ok);
    for (const gate of BUILT_IN_CATALOG.get(playbook)?.gates ?? []) {
      for (const field of gate.fields) assert.ok((await setGate(services, program, person, `${gate.name}.${field.name}=${field.type === 'bool' ? 'true' : field.threshold}`)).ok);
    }
    const plan = await json('requirements-analyst', program, 'ohmymkt_plan_growth', { goal: 'Launch the new plan tier', requirements: toolRequirements() });
    assert.ok((await recordPlanReview(services, program, person, { id: plan.id, version: 1 }, reviewerVerdict())).ok);
    assert.ok((await decidePlan(services, program, person, { id: plan.id, version: 1 }, { kind: 'approve' })).ok);
    assert.ok((await startCampaign(services, program, person)).ok);
  }

  test('a specialist moves its task; the move is stored and audited', async () => {
    const program = nextProgram();
    await campaignOn(program, 'launch');
    now = new Date('2025-06-20T09:00:00Z');
    const moved = await json('content-writer', program, 'ohmymkt_update_task', { task_id: 't05', status: 'IN_PROGRESS', note: 'draft of the launch page in review' });
    assert.deepEqual([moved.id, moved.status, moved.note], ['T05', 'in_progress', 'draft of the launch page in review']);
    const stored = (await services.repos.sprint.list(program)).find((task) => task.id === 'T05');
    assert.equal(stored?.status, 'in_progress');
    const [entry] = (await services.repos.audit.list(program)).filter((row) => row.entry.action === 'task.update');
    assert.equal(entry?.entry.actor.agent, 'content-writer');
  });

  test('the cycle reads the board: all work on one track warns in the playbook\'s words', async () => {
    const program = nextProgram();
    await campaignOn(program, 'launch');
    now = new Date('2025-06-21T09:00:00Z');
    for (const id of ['T04', 'T06', 'T17']) await json('content-ops', program, 'ohmymkt_update_task', { task_id: id, status: 'done', note: 'shipped' });
    const cycle = await json('execution-manager', program, 'ohmymkt_run_cycle', { cadence: 'weekly' });
    assert.deepEqual(cycle.warnings, ['all 3 sprint task(s) this period were on the reach track and none on adoption; rebalance the dual-track allocation']);
  });

  const refused: Array<[string, AgentName, Record<string, unknown>, RegExp]> = [
    ['blocked without a reason', 'execution-manager', { task_id: 'T01', status: 'blocked' }, /cannot be blocked without a note/],
    ['an id not on the board', 'execution-manager', { task_id: 'T99', status: 'done' }, /no sprint task T99 on the board/],
    ['an unknown status', 'execution-manager', { task_id: 'T01', status: 'finished' }, /status/],
    ['an agent without the tool', 'research-agent', { task_id: 'T01', status: 'done' }, /ohmymkt_update_task/],
  ];
  for (const [name, agent, input, message] of refused) {
    test(`refuses ${name}`, async () => {
      const program = nextProgram();
      await campaignOn(program, 'demand-gen');
      const output = await runTool('ohmymkt_update_task', input, context(agent, program));
      assert.equal(output.isError, true);
      assert.match(output.content, message);
      assert.ok((await services.repos.sprint.list(program)).every((task) => task.status === 'pending'));
    });
  }
});
